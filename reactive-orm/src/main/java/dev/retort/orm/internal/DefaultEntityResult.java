package dev.retort.orm.internal;

import dev.retort.core.result.Result;
import dev.retort.core.result.Row;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.session.EntityResult;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs an {@link EntitySelect} on the session (after an autoflush) and turns rows into identity-mapped entities. */
final class DefaultEntityResult<T> implements EntityResult<T> {

    private final DefaultSession session;
    private final EntitySelect<T> select;

    DefaultEntityResult(DefaultSession session, EntitySelect<T> select) {
        this.session = session;
        this.select = select;
    }

    private Result run() {
        return session.connection.execute(select.toSelect());
    }

    private T entity(Row row) {
        return session.loader.hydrate(select.mapper(), row);
    }

    private Mono<T> single(String operation, Function<Result, Mono<Row>> read) {
        return session.guarded(operation, () -> session.autoflush().then(Mono.defer(() -> read.apply(run()))).map(this::entity));
    }

    @Override
    public Flux<T> scalars() {
        return session.guardedMany("query", () -> session.autoflush().thenMany(Flux.defer(() -> run().rows())).map(this::entity));
    }

    @Override
    public Mono<List<T>> all() {
        return scalars().collectList();
    }

    @Override
    public Mono<T> first() {
        return single("query", Result::first);
    }

    @Override
    public Mono<T> one() {
        return single("query", Result::one);
    }

    @Override
    public Mono<T> oneOrNone() {
        return single("query", Result::oneOrNone);
    }
}
