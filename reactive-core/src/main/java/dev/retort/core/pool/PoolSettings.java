package dev.retort.core.pool;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConnectionSource} needs to know, taken from the engine's options.
 *
 * @param kind pool kind
 * @param poolSize connections the pool keeps (QUEUE)
 * @param maxOverflow connections allowed beyond {@code poolSize} under load (QUEUE)
 * @param poolTimeout longest wait for a checkout; {@code null} waits forever
 * @param poolRecycle connections older than this are closed instead of reused; {@code null} never
 * @param idleTimeout idle connections older than this are closed; {@code null} never
 * @param prePing validate each connection with a round trip at checkout
 * @param echoPool log checkouts, checkins and invalidations
 * @param name a label for logs
 */
public record PoolSettings(PoolKind kind, int poolSize, int maxOverflow, @Nullable Duration poolTimeout,
        @Nullable Duration poolRecycle, @Nullable Duration idleTimeout, boolean prePing, boolean echoPool,
        String name) {

    /** {@code poolSize + maxOverflow}: r2dbc-pool's {@code maxSize}. */
    public int maxSize() {
        return kind == PoolKind.STATIC ? 1 : poolSize + maxOverflow;
    }
}
