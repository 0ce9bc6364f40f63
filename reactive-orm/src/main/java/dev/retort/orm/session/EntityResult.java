package dev.retort.orm.session;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The entities of one {@code session.execute(select(…))}. Nothing runs until a method's publisher is
 * subscribed; each subscription runs the query once (after an autoflush).
 *
 * @param <T> the entity class
 */
public interface EntityResult<T> {

    /** Every entity, in row order. Cancelling stops reading; the driver drains the rest. */
    Flux<T> scalars();

    /** Every entity as a list. */
    Mono<List<T>> all();

    /** The first entity, or empty. The statement still runs to its end; add {@code limit(1)} for large results. */
    Mono<T> first();

    /** Exactly one entity; fails with {@code NoResultFoundException} or {@code MultipleResultsFoundException}. */
    Mono<T> one();

    /** One entity or empty; fails with {@code MultipleResultsFoundException} for more. */
    Mono<T> oneOrNone();
}
