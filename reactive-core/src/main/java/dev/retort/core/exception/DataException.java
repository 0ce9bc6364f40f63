package dev.retort.core.exception;

import org.jspecify.annotations.Nullable;

/** A value was refused: out of range, too long, wrong type or format (SQLSTATE class 22). */
public class DataException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public DataException(String message, @Nullable String sql, @Nullable String sqlState, int errorCode,
            @Nullable Throwable cause) {
        super(message, sql, sqlState, errorCode, cause);
    }
}
