package dev.retort.core.schema;

import dev.retort.core.types.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * Static entry points for defining tables, for {@code import static dev.retort.core.schema.Schema.*}
 * beside {@code Types.*}:
 *
 * <pre>{@code
 * Table posts = metadata.table("posts",
 *         column("id", INTEGER).primaryKey(),
 *         column("user_id", INTEGER).notNull().references("users.id"),
 *         column("status", enumOf("draft", "published")).notNull().serverDefault("draft"),
 *         check("ck_posts_status", "status IN ('draft', 'published')"),
 *         index("idx_user_status", "user_id", "status"));
 * }</pre>
 */
public final class Schema {

    private Schema() {
    }

    /** A column to pass to {@link MetaData#table}. */
    public static <T> Column<T> column(String name, SqlType<T> type) {
        return new Column<>(name, type);
    }

    /** A (composite) primary key over the named columns. */
    public static PrimaryKeyConstraint primaryKey(String... columns) {
        return new PrimaryKeyConstraint(null, List.of(columns));
    }

    /** A unique constraint over the named columns, named by the naming convention. */
    public static UniqueConstraint unique(String... columns) {
        return new UniqueConstraint(null, List.of(columns));
    }

    /** A named unique constraint. */
    public static UniqueConstraint uniqueNamed(String name, String... columns) {
        return new UniqueConstraint(requireName(name, "A constraint"), List.of(columns));
    }

    /** A (composite) foreign key; refine with {@code onDelete}, {@code onUpdate}, {@code named}. */
    public static ForeignKey foreignKey(List<String> columns, String referredTable, List<String> referredColumns) {
        return new ForeignKey(null, columns, referredTable, referredColumns, null, null);
    }

    /** A named check constraint; {@code condition} is SQL written into the DDL as given. */
    public static CheckConstraint check(String name, String condition) {
        return new CheckConstraint(requireName(name, "A constraint"), condition);
    }

    /** A check constraint named by the naming convention (or the server). */
    public static CheckConstraint check(String condition) {
        return new CheckConstraint(null, condition);
    }

    /** A named index over the named columns. */
    public static Index index(String name, String... columns) {
        return new Index(requireName(name, "An index"), List.of(columns), false);
    }

    /** A named unique index over the named columns. */
    public static Index uniqueIndex(String name, String... columns) {
        return new Index(requireName(name, "An index"), List.of(columns), true);
    }

    /** No options; refine with {@code schema}, {@code engine}, {@code charset}, {@code collation}, {@code comment}. */
    public static TableOptions options() {
        return TableOptions.NONE;
    }

    static String requireName(String name, String what) {
        Objects.requireNonNull(name, what + " needs a name");
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " needs a non-blank name");
        }
        if (name.length() > 64) {
            throw new IllegalArgumentException(what + " name is longer than MySQL's 64 characters: " + name);
        }
        return name;
    }

    static List<String> requireColumns(List<String> columns, String what) {
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one column");
        }
        if (columns.stream().distinct().count() != columns.size()) {
            throw new IllegalArgumentException(what + " names a column twice: " + columns);
        }
        return List.copyOf(columns);
    }
}
