package dev.retort.core.engine;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a publisher inside a transaction bound in the Reactor Context, so code that executes through
 * the same engine inside it ({@code engine.execute}, {@code engine.connect},
 * {@code engine.transaction}, other operators) uses the same connection and joins the
 * transaction. Obtained from {@link Engine#transactional()}.
 *
 * <p>The transaction begins when the returned publisher is subscribed; it commits when the source
 * completes, rolls back when it errors and rolls back when the subscriber cancels. A failing
 * commit is the publisher's error.
 */
public interface TransactionalOperator {

    /** Wraps a Flux: {@code flux.as(engine.transactional()::transactional)}. */
    <T> Flux<T> transactional(Flux<T> source);

    /** Wraps a Mono. */
    <T> Mono<T> transactional(Mono<T> source);

    /** The same operator with another propagation. */
    TransactionalOperator withPropagation(Propagation propagation);

    /** The same operator with other transaction options (used when it begins a transaction). */
    TransactionalOperator withOptions(TransactionOptions options);
}
