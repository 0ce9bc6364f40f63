package dev.retort.core.engine;

/** Transaction isolation levels as MySQL and MariaDB name them. */
public enum IsolationLevel {
    READ_UNCOMMITTED("READ UNCOMMITTED"),
    READ_COMMITTED("READ COMMITTED"),
    REPEATABLE_READ("REPEATABLE READ"),
    SERIALIZABLE("SERIALIZABLE");

    private final String sql;

    IsolationLevel(String sql) {
        this.sql = sql;
    }

    /** The level as written in {@code SET TRANSACTION ISOLATION LEVEL …}. */
    public String sql() {
        return sql;
    }

    io.r2dbc.spi.IsolationLevel toR2dbc() {
        return io.r2dbc.spi.IsolationLevel.valueOf(sql);
    }
}
