package dev.retort.core.exception;

import org.jspecify.annotations.Nullable;

/** The statement is wrong: syntax error, unknown table or column, missing privilege (SQLSTATE class 42). */
public class ProgrammingException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public ProgrammingException(String message, @Nullable String sql, @Nullable String sqlState, int errorCode,
            @Nullable Throwable cause) {
        super(message, sql, sqlState, errorCode, cause);
    }
}
