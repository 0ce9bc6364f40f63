package dev.retort.core.exception;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The database or the driver reported an error while running a statement. Carries the SQL that
 * failed and, unless the engine hides parameters, the bound values; the driver's exception is the
 * cause. Subclasses follow the DB-API families SQLAlchemy users know.
 */
public class DatabaseException extends RetortException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String sql;
    private final @Nullable String sqlState;
    private final int errorCode;

    public DatabaseException(String message, @Nullable String sql, @Nullable String sqlState, int errorCode,
            @Nullable Throwable cause) {
        super(message, cause);
        this.sql = sql;
        this.sqlState = sqlState;
        this.errorCode = errorCode;
    }

    /** The statement that failed, or {@code null} when the failure was not tied to one (connect, commit). */
    public @Nullable String sql() {
        return sql;
    }

    /** The SQLSTATE the server reported, if any. */
    public @Nullable String sqlState() {
        return sqlState;
    }

    /** The server's vendor error code, or 0 when there is none. */
    public int errorCode() {
        return errorCode;
    }

    /** Builds the message shared by all subclasses: the driver's message, the SQL and the parameters. */
    public static String describe(String driverMessage, @Nullable String sql, @Nullable List<?> parameters,
            boolean hideParameters) {
        StringBuilder text = new StringBuilder(driverMessage);
        if (sql != null) {
            text.append("\n[SQL: ").append(sql).append(']');
            if (hideParameters) {
                text.append("\n[parameters hidden]");
            } else if (parameters != null && !parameters.isEmpty()) {
                text.append("\n[parameters: ").append(parameters).append(']');
            }
        }
        return text.toString();
    }
}
