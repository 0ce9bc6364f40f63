package dev.retort.core.engine;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One statement as {@link EngineListener#statementFinished} reports it.
 *
 * @param kind what the statement does, read from its SQL ({@link StatementKind#of(String)})
 * @param sql the SQL sent, with {@code ?} placeholders and never the parameter values; it can be
 *     long (a multi-row INSERT holds a placeholder per value), so keep it out of metric tags
 * @param duration from the subscription to the statement until its end, error or cancel: the round
 *     trip, the server's work and the time the subscriber took to read the rows
 * @param outcome how it ended
 * @param rows rows read from the answer plus the affected-row counts read (by
 *     {@link dev.retort.core.result.Result#rowcount()}); for a cancelled or failed statement the
 *     rows read until then (r2dbc-mysql hands a server error over as a result, so that is 0);
 *     {@code -1} when the driver gave no result at all (a cancel before the answer, a failure to
 *     send)
 * @param error the error the subscriber received when {@code outcome} is {@link Outcome#ERROR},
 *     else {@code null}
 */
public record StatementEvent(StatementKind kind, String sql, Duration duration, Outcome outcome, long rows,
        @Nullable Throwable error) {

    /** How a statement ended. */
    public enum Outcome {
        /** Its answer was read to the end. */
        SUCCESS,
        /** It failed, on the server or in the driver; {@link StatementEvent#error()} says why. */
        ERROR,
        /**
         * Its subscriber cancelled before the end of the answer (e.g. {@code take(n)}, a timeout, a
         * disposed subscription); the engine checks the connection before reusing it.
         */
        CANCELLED
    }
}
