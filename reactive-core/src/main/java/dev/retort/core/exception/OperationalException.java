package dev.retort.core.exception;

import org.jspecify.annotations.Nullable;

/** The connection or the server failed: connection lost or killed, timeout, deadlock, server shut down. Usually worth a retry on a new connection. */
public class OperationalException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public OperationalException(String message, @Nullable String sql, @Nullable String sqlState, int errorCode,
            @Nullable Throwable cause) {
        super(message, sql, sqlState, errorCode, cause);
    }
}
