package dev.retort.core.pool;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/**
 * Where an engine gets its driver connections: a pool of one of the {@link PoolKind}s.
 *
 * <p>Every method returns a cold publisher; nothing happens until subscription. A connection
 * obtained from {@link #acquire()} must be given back exactly once, with {@link #release} or
 * {@link #invalidate}.
 */
public interface ConnectionSource {

    /**
     * Checks a connection out. Waits while the pool is exhausted, at most {@code poolTimeout};
     * with {@code prePing} a connection that fails validation is closed and another tried.
     * Cancelling while waiting leaves the queue; cancelling after a connection was obtained gives it
     * back.
     *
     * @return the connection; errors with {@link dev.retort.core.exception.PoolTimeoutException}
     *     when the wait runs out, or the driver's error when no connection can be opened
     */
    Mono<Connection> acquire();

    /** Gives a healthy connection back for reuse (NULL closes it). Completes once it is back. */
    Mono<Void> release(Connection connection);

    /** Gives a connection back that must not be reused: it is closed and replaced later on demand. */
    Mono<Void> invalidate(Connection connection);

    /**
     * Stops the statement the connection's server thread is running ({@code KILL QUERY} from a
     * side connection), so a connection whose subscriber cancelled a long query is freed at once.
     * The connection itself stays open. Completes when the kill was sent.
     */
    Mono<Void> interruptStatement(Connection connection);

    /**
     * Ends the connection on the server ({@code KILL} from a side connection), for a connection
     * whose state is in doubt and that may not answer a close. Completes when the kill was sent.
     */
    Mono<Void> killConnection(Connection connection);

    /** The pool's counters now. No IO. */
    PoolStatus status();

    /**
     * Refuses further checkouts (callers waiting for a connection fail), closes idle connections,
     * and closes checked-out connections as they are given back. Completes once every connection
     * is closed; while one is still checked out it does not complete, so bound it with
     * {@code timeout} if a caller may hold a connection indefinitely.
     */
    Mono<Void> dispose();

    /** A source of the configured kind over a driver connection factory. Opens nothing yet. */
    static ConnectionSource create(ConnectionFactory factory, PoolSettings settings) {
        return switch (settings.kind()) {
            case QUEUE, STATIC -> new QueueConnectionSource(factory, settings);
            case NULL -> new NullConnectionSource(factory, settings);
        };
    }
}
