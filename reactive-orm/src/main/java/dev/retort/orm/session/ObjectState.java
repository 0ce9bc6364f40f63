package dev.retort.orm.session;

/** Where an object stands with respect to a session (SQLAlchemy's instance states). */
public enum ObjectState {
    /** Never added to a session, or added and dropped again before it reached the database. */
    TRANSIENT,
    /** Added to a session; its INSERT has not been flushed yet. */
    PENDING,
    /** In a session's identity map with a row in the database (possibly marked for deletion, not yet flushed). */
    PERSISTENT,
    /** Its DELETE was flushed; the transaction has not committed yet. */
    DELETED,
    /** Has a row identity but belongs to no open session (the session closed or committed its deletion). */
    DETACHED
}
