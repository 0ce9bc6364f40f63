package dev.retort.core.engine;

import dev.retort.core.exception.DataException;
import dev.retort.core.exception.DatabaseException;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.exception.ProgrammingException;
import dev.retort.core.exception.RetortException;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Wraps driver errors in Retort's hierarchy, adding the SQL and (unless hidden) the parameters.
 * Errors already in the hierarchy pass through unchanged.
 */
final class ErrorTranslator {

    private final boolean hideParameters;

    ErrorTranslator(boolean hideParameters) {
        this.hideParameters = hideParameters;
    }

    /** Translates an error raised while running {@code sql} with {@code parameters}. */
    Throwable translate(Throwable error, @Nullable String sql, @Nullable List<?> parameters) {
        if (error instanceof RetortException || error instanceof Error) {
            return error;
        }
        String sqlState = error instanceof R2dbcException r2dbc ? r2dbc.getSqlState() : null;
        int code = error instanceof R2dbcException r2dbc ? r2dbc.getErrorCode() : 0;
        String message = DatabaseException.describe(messageOf(error), sql, parameters, hideParameters);
        if (error instanceof R2dbcDataIntegrityViolationException || startsWith(sqlState, "23")) {
            return new IntegrityException(message, sql, sqlState, code, error);
        }
        if (error instanceof R2dbcBadGrammarException || error instanceof R2dbcPermissionDeniedException
                || startsWith(sqlState, "42")) {
            return new ProgrammingException(message, sql, sqlState, code, error);
        }
        if (startsWith(sqlState, "22")) {
            return new DataException(message, sql, sqlState, code, error);
        }
        if (error instanceof R2dbcTransientException || error instanceof R2dbcNonTransientResourceException
                || error instanceof R2dbcTimeoutException || error instanceof R2dbcRollbackException
                || error instanceof IOException || !(error instanceof R2dbcException)) {
            return new OperationalException(message, sql, sqlState, code, error);
        }
        return new DatabaseException(message, sql, sqlState, code, error);
    }

    /** A failure to open or check out a connection: an operational error naming the (masked) URL. */
    Throwable connectFailure(Throwable error, String maskedUrl) {
        if (error instanceof RetortException) {
            return error;
        }
        String sqlState = error instanceof R2dbcException r2dbc ? r2dbc.getSqlState() : null;
        int code = error instanceof R2dbcException r2dbc ? r2dbc.getErrorCode() : 0;
        return new OperationalException("Could not connect to " + maskedUrl + ": " + messageOf(error), null, sqlState,
                code, error);
    }

    private static String messageOf(Throwable error) {
        String message = error.getMessage();
        return "(" + error.getClass().getSimpleName() + ") " + (message == null ? "no message" : message);
    }

    private static boolean startsWith(@Nullable String sqlState, String prefix) {
        return sqlState != null && sqlState.startsWith(prefix);
    }
}
