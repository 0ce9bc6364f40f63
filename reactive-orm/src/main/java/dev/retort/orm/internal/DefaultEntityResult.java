package dev.retort.orm.internal;

import dev.retort.core.exception.MultipleResultsFoundException;
import dev.retort.core.exception.NoResultFoundException;
import dev.retort.core.result.Result;
import dev.retort.core.result.Row;
import dev.retort.orm.internal.LoadPlan.Node;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.session.EntityResult;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs an {@link EntitySelect} on the session (after an autoflush) and turns rows into
 * identity-mapped entities, loading the relationships its options and the classes' defaults ask
 * for (see {@link RelationLoader}).
 */
final class DefaultEntityResult<T> implements EntityResult<T> {

    private final DefaultSession session;
    private final EntitySelect<T> select;
    private final List<Node> plan;

    DefaultEntityResult(DefaultSession session, EntitySelect<T> select) {
        this.session = session;
        this.select = select;
        this.plan = LoadPlan.of(select.mapper(), select.loadOptions());
    }

    private Result run() {
        return session.connection.execute(select.toSelect());
    }

    private T entity(Row row) {
        return session.loader.hydrate(select.mapper(), row);
    }

    /** One object: {@code count} is how many {@code pick} needs to decide (1 for first, 2 for one/oneOrNone). */
    private Mono<T> single(String operation, Function<Result, Mono<Row>> read, int count, Function<List<T>, Mono<T>> pick) {
        if (plan.isEmpty()) {
            return session.guarded(operation, () -> session.autoflush().then(Mono.defer(() -> read.apply(run()))).map(this::entity));
        }
        return session.guarded(operation, () -> session.autoflush()
                .then(Mono.defer(() -> session.relations.head(select.mapper(), select.toSelect(), plan, count)))
                .flatMap(pick)
                .flatMap(found -> session.relations.levels(plan, List.of(found), false).thenReturn(found)));
    }

    @Override
    public Flux<T> scalars() {
        if (plan.isEmpty()) {
            return session.guardedMany("query", () -> session.autoflush().thenMany(Flux.defer(() -> run().rows())).map(this::entity));
        }
        return session.guardedMany("query", () -> session.autoflush()
                .thenMany(Flux.defer(() -> session.relations.stream(select.mapper(), select.toSelect(), plan))));
    }

    @Override
    public Mono<List<T>> all() {
        if (plan.isEmpty()) {
            return scalars().collectList();
        }
        return session.guarded("query", () -> session.autoflush()
                .then(Mono.defer(() -> session.relations.all(select.mapper(), select.toSelect(), plan))));
    }

    @Override
    public Mono<T> first() {
        return single("query", Result::first, 1, found -> Mono.justOrEmpty(found.stream().findFirst()));
    }

    @Override
    public Mono<T> one() {
        return single("query", Result::one, 2, found -> found.size() == 1 ? Mono.just(found.get(0))
                : Mono.error(found.isEmpty() ? new NoResultFoundException("The query returned no row; one() needs exactly one")
                        : new MultipleResultsFoundException("The query returned more than one object; one() needs exactly one")));
    }

    @Override
    public Mono<T> oneOrNone() {
        return single("query", Result::oneOrNone, 2, found -> found.size() <= 1 ? Mono.justOrEmpty(found.stream().findFirst())
                : Mono.error(new MultipleResultsFoundException("The query returned more than one object; oneOrNone() needs at most one")));
    }
}
