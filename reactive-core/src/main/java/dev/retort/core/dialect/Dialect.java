package dev.retort.core.dialect;

/**
 * What Retort knows about the server behind an engine: its family, its version and what SQL it
 * accepts. An engine detects its dialect from the first connection it opens; compilers consult it
 * to quote identifiers and to choose between equivalent SQL forms.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Dialect {

    /** A short name: {@code "mysql"} or {@code "mariadb"}. */
    String name();

    /** The server's version string as it reported it, e.g. {@code 10.11.19-MariaDB}. */
    String serverVersionString();

    /** The numeric version (major, minor, patch). */
    ServerVersion serverVersion();

    /** Whether the server is MariaDB rather than Oracle MySQL. */
    boolean isMariaDb();

    /** Whether {@code INSERT … RETURNING} is available (MariaDB 10.5+). */
    boolean supportsReturning();

    /** Whether {@code INTERSECT} and {@code EXCEPT} are available (MySQL 8.0.31+, MariaDB 10.3+). */
    boolean supportsIntersectExcept();

    /** Quotes an identifier when it needs quoting (reserved word, unusual characters, mixed case). */
    String quoteIdentifier(String identifier);

    /** Always quotes an identifier, doubling embedded quote characters. */
    String quoteIdentifierAlways(String identifier);

    /** Writes a string as a SQL string literal, escaped for this server (for DDL, which cannot bind values). */
    String quoteLiteral(String value);

    /** The DDL compiler of this dialect. */
    dev.retort.core.sql.compile.DdlCompiler ddlCompiler();

    /** The statement compiler of this dialect. */
    dev.retort.core.sql.compile.StatementCompiler statementCompiler();

    /**
     * Whether {@code INSERT … VALUES … AS new ON DUPLICATE KEY UPDATE c = new.c} is available
     * (MySQL 8.0.19+); otherwise {@code VALUES(c)} is used.
     */
    boolean supportsInsertRowAlias();
}
