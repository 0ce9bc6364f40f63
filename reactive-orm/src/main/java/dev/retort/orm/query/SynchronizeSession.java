package dev.retort.orm.query;

/**
 * How a bulk {@link EntityUpdate} or {@link EntityDelete} brings objects already loaded in the
 * session in step with what it changed (SQLAlchemy's {@code synchronize_session}).
 */
public enum SynchronizeSession {
    /**
     * {@link #EVALUATE} when the WHERE clause and the new values can be evaluated in Java exactly
     * as the server would, otherwise {@link #FETCH}. The default.
     */
    AUTO,
    /** Leave loaded objects as they are; they may be stale afterwards. */
    NONE,
    /**
     * Evaluate the WHERE clause against each loaded object in Java and apply the new values (or
     * mark deleted). Only comparisons, integer arithmetic, AND/OR/NOT, IN and BETWEEN over
     * numbers, booleans, dates and times of the statement's own table qualify, and IS NULL of any
     * of its columns; text comparisons
     * and LIKE are refused because the server compares text under its collation (usually
     * case-insensitive). Statements that do not qualify fail with an
     * {@code InvalidRequestException}.
     */
    EVALUATE,
    /**
     * Select the primary keys the WHERE clause matches before running the statement (one extra
     * SELECT, skipped when no object of the class is loaded), then read the changed columns of the
     * matched loaded objects back (UPDATE) or mark them deleted (DELETE).
     */
    FETCH
}
