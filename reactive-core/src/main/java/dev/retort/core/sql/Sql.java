package dev.retort.core.sql;

/**
 * Static entry points of the SQL expression language, meant for {@code import static
 * dev.retort.core.sql.Sql.*}. Everything here builds immutable values and does no IO.
 */
public final class Sql {

    private Sql() {
    }

    /**
     * Literal SQL with {@code :name} bind parameters, e.g.
     * {@code text("SELECT * FROM users WHERE name = :name")}. Values are bound, never spliced in.
     *
     * @throws dev.retort.core.exception.InvalidRequestException when the text has an unterminated
     *     quote or a bare {@code ?}
     */
    public static TextClause text(String sql) {
        return TextClause.of(sql);
    }
}
