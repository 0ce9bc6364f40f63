package dev.retort.core.dialect.mysql;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.ServerVersion;
import dev.retort.core.sql.compile.DdlCompiler;
import dev.retort.core.sql.compile.SqlCompiler;
import dev.retort.core.sql.compile.StatementCompiler;
import java.util.Locale;

/**
 * MySQL 8 and MariaDB 10.5+. One class serves both families; the differences (RETURNING,
 * INTERSECT/EXCEPT) are decided from the family and version detected on the first connection.
 * Identifiers are quoted with backticks.
 */
public final class MySqlDialect implements Dialect {

    private final ServerVersion version;
    private final String versionString;
    private final boolean mariaDb;
    private final DdlCompiler ddlCompiler;
    private final StatementCompiler statementCompiler;

    private MySqlDialect(String versionString, boolean mariaDb) {
        this.versionString = versionString;
        this.version = ServerVersion.parse(versionString);
        this.mariaDb = mariaDb;
        this.ddlCompiler = new MySqlDdlCompiler(this);
        this.statementCompiler = new SqlCompiler(this);
    }

    /**
     * The dialect for a server that reported {@code versionString}.
     *
     * @param mariaDb whether the server said it is MariaDB; when false the version string is
     *     still checked for {@code MariaDB}
     */
    public static MySqlDialect forServer(String versionString, boolean mariaDb) {
        return new MySqlDialect(versionString, mariaDb || versionString.toLowerCase(Locale.ROOT).contains("mariadb"));
    }

    @Override
    public String name() {
        return mariaDb ? "mariadb" : "mysql";
    }

    @Override
    public String serverVersionString() {
        return versionString;
    }

    @Override
    public ServerVersion serverVersion() {
        return version;
    }

    @Override
    public boolean isMariaDb() {
        return mariaDb;
    }

    @Override
    public boolean supportsReturning() {
        return mariaDb && version.atLeast(10, 5, 0);
    }

    @Override
    public boolean supportsIntersectExcept() {
        return mariaDb ? version.atLeast(10, 3, 0) : version.atLeast(8, 0, 31);
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return needsQuoting(identifier) ? quoteIdentifierAlways(identifier) : identifier;
    }

    @Override
    public String quoteIdentifierAlways(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    /**
     * {@code 'value'} with quotes doubled and backslashes escaped. (Assumes the default SQL mode; a
     * session in {@code NO_BACKSLASH_ESCAPES} would keep the doubled backslashes literally.)
     */
    @Override
    public String quoteLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''").replace("\0", "\\0") + "'";
    }

    @Override
    public DdlCompiler ddlCompiler() {
        return ddlCompiler;
    }

    @Override
    public StatementCompiler statementCompiler() {
        return statementCompiler;
    }

    @Override
    public boolean supportsInsertRowAlias() {
        return !mariaDb && version.atLeast(8, 0, 19);
    }

    private static boolean needsQuoting(String identifier) {
        if (identifier.isEmpty() || MySqlReservedWords.ALL.contains(identifier.toLowerCase(Locale.ROOT))) {
            return true;
        }
        char first = identifier.charAt(0);
        if (!(first == '_' || (first >= 'a' && first <= 'z'))) {
            return true;
        }
        for (int i = 1; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!(c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name() + " " + version;
    }
}
