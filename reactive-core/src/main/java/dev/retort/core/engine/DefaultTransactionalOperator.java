package dev.retort.core.engine;

import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link TransactionalOperator} over an engine's transaction scopes. Immutable. */
final class DefaultTransactionalOperator implements TransactionalOperator {

    private final DefaultEngine engine;
    private final Propagation propagation;
    private final TransactionOptions options;

    DefaultTransactionalOperator(DefaultEngine engine, Propagation propagation, TransactionOptions options) {
        this.engine = engine;
        this.propagation = propagation;
        this.options = options;
    }

    @Override
    public <T> Flux<T> transactional(Flux<T> source) {
        Objects.requireNonNull(source, "source");
        return Flux.deferContextual(context -> {
            DefaultConnection bound = engine.binding().boundIn(context);
            if (propagation == Propagation.REQUIRES_NEW) {
                return engine.inNewTransaction(options, connection -> source);
            }
            if (bound != null) {
                return join(bound, source);
            }
            if (!engine.hasExternalTransactions()) {
                return engine.inNewTransaction(options, connection -> source);
            }
            // a transaction bound by another framework (ExternalTransactions) is joined the same way
            return engine.externallyBound().flatMapMany(joined -> joined.isPresent()
                    ? join(joined.get(), source) : engine.inNewTransaction(options, connection -> source));
        });
    }

    /** REQUIRED: the source's engine calls find the bound connection themselves; NESTED: inside a savepoint. */
    private <T> Flux<T> join(Connection bound, Flux<T> source) {
        if (propagation == Propagation.NESTED) {
            return Flux.usingWhen(bound.beginNested(), savepoint -> source, Transaction::commit,
                    (savepoint, error) -> savepoint.rollback(), Transaction::rollback);
        }
        return source;
    }

    @Override
    public <T> Mono<T> transactional(Mono<T> source) {
        Objects.requireNonNull(source, "source");
        return transactional(source.flux()).singleOrEmpty();
    }

    @Override
    public TransactionalOperator withPropagation(Propagation value) {
        return new DefaultTransactionalOperator(engine, Objects.requireNonNull(value, "propagation"), options);
    }

    @Override
    public TransactionalOperator withOptions(TransactionOptions value) {
        return new DefaultTransactionalOperator(engine, propagation, Objects.requireNonNull(value, "options"));
    }
}
