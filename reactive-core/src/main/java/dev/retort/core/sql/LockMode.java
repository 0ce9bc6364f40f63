package dev.retort.core.sql;

/** Row locking of a SELECT. */
public enum LockMode {
    NONE(""),
    FOR_UPDATE(" FOR UPDATE"),
    FOR_UPDATE_NOWAIT(" FOR UPDATE NOWAIT"),
    FOR_UPDATE_SKIP_LOCKED(" FOR UPDATE SKIP LOCKED"),
    FOR_SHARE(" LOCK IN SHARE MODE");

    private final String sql;

    LockMode(String sql) {
        this.sql = sql;
    }

    /** The clause appended to the statement. */
    public String sql() {
        return sql;
    }
}
