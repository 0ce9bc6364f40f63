package dev.retort.core.exception;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A DDL statement of {@code createAll}/{@code dropAll} failed. MySQL commits every DDL statement
 * on its own, so the tables created (or dropped) before it stay that way; {@link #completed()}
 * lists them and the message says so. The cause is the statement's own error (for example a
 * {@link ProgrammingException}).
 */
public class DdlException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    private final List<String> completed;

    public DdlException(String sql, String verb, List<String> completed, Throwable cause) {
        super("DDL failed: " + firstLine(cause) + "\n[SQL: " + sql + "]\nTables already " + verb
                + " before it (DDL is not transactional in MySQL, so they stay " + verb + "): "
                + (completed.isEmpty() ? "none" : completed), sql, sqlStateOf(cause), errorCodeOf(cause), cause);
        this.completed = List.copyOf(completed);
    }

    /** Qualified names of the tables created (or dropped) before the failing statement, in order. */
    public List<String> completed() {
        return completed;
    }

    private static String firstLine(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static @Nullable String sqlStateOf(Throwable cause) {
        return cause instanceof DatabaseException database ? database.sqlState() : null;
    }

    private static int errorCodeOf(Throwable cause) {
        return cause instanceof DatabaseException database ? database.errorCode() : 0;
    }
}
