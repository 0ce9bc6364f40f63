package dev.retort.core.exception;

import org.jspecify.annotations.Nullable;

/** A constraint was violated: duplicate key, foreign key, NOT NULL, CHECK (SQLSTATE class 23). */
public class IntegrityException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public IntegrityException(String message, @Nullable String sql, @Nullable String sqlState, int errorCode,
            @Nullable Throwable cause) {
        super(message, sql, sqlState, errorCode, cause);
    }
}
