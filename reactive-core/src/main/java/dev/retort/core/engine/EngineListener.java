package dev.retort.core.engine;

import java.time.Duration;

/**
 * Hears what an engine does with its pool and its statements, for metrics, tracing or logging of
 * your own. Set one per engine with {@link EngineOptions#withListener(EngineListener)} (or
 * {@link EngineOptions.Builder#listener(EngineListener)}); every method has an empty default, so an
 * implementation overrides only what it needs. {@code dev.retort.core.metrics.RetortMetrics}
 * provides one that records Micrometer meters.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Called on the thread that signals the event</b>, usually a Netty event loop of the
 *       driver: a listener must return quickly and <b>must never block</b> (no IO, no locks that
 *       can be held for long). Events of different connections arrive concurrently.</li>
 *   <li><b>A listener cannot break the engine</b>: an exception it throws is caught, logged once
 *       per engine at WARN on {@code dev.retort.engine} (later ones at DEBUG) and otherwise
 *       ignored; the statement or checkout that reported the event goes on unchanged.</li>
 *   <li><b>No listener, no cost</b>: without one the engine reads no clock and allocates nothing
 *       for these events.</li>
 * </ul>
 *
 * <p>Durations are measured with {@link System#nanoTime()}.
 */
public interface EngineListener {

    /**
     * A checkout got a connection. {@code waited} runs from the subscription to the checkout until
     * the pool handed the connection over: the time queued behind other borrowers, plus opening a
     * new connection or validating an idle one (with {@code prePing}), including any retries after
     * a failed validation.
     */
    default void connectionAcquired(Duration waited) {
    }

    /**
     * A checkout failed after {@code waited}. {@code error} is the error the caller receives: a
     * {@link dev.retort.core.exception.PoolTimeoutException} when the pool timeout ran out, otherwise
     * what prevented getting a connection (typically an
     * {@link dev.retort.core.exception.OperationalException} from the driver, or the error of a
     * disposed engine). A caller that cancels while waiting reports nothing.
     */
    default void connectionAcquireFailed(Duration waited, Throwable error) {
    }

    /**
     * A connection went back to the pool, or was invalidated and closed instead, after being
     * {@code held} for this long: from the end of its checkout until the release finished, so the
     * reset before reuse (rollback of an abandoned transaction, the check after a cancelled
     * statement) is part of it. Called once per successful checkout.
     */
    default void connectionReleased(Duration held) {
    }

    /**
     * A statement sent to the server ended: with its last row or update count read, with an error,
     * or cancelled by its subscriber. Called once per statement sent, whichever comes first; an
     * executemany rewritten into several multi-row INSERTs reports each of them. Transaction
     * control (BEGIN, COMMIT, ROLLBACK, savepoints) and statements refused before reaching the
     * driver are not reported.
     */
    default void statementFinished(StatementEvent event) {
    }
}
