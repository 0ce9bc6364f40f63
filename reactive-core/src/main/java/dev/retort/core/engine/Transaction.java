package dev.retort.core.engine;

import reactor.core.publisher.Mono;

/**
 * A transaction on a {@link Connection}: the root transaction ({@code BEGIN}) or a nested one
 * (a {@code SAVEPOINT}). Committing or rolling back sends the statement when the returned Mono is
 * subscribed; each may happen once.
 */
public interface Transaction {

    /** {@code COMMIT}, or {@code RELEASE SAVEPOINT} for a nested transaction. */
    Mono<Void> commit();

    /** {@code ROLLBACK}, or {@code ROLLBACK TO SAVEPOINT} for a nested transaction. */
    Mono<Void> rollback();

    /** Whether neither commit nor rollback has happened yet (nor on an enclosing transaction). */
    boolean isActive();

    /** Whether this is a savepoint. */
    boolean isNested();
}
