package dev.retort.core.schema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Names for constraints and indexes defined without one (SQLAlchemy's {@code naming_convention}).
 * Templates use {@code {table}}, {@code {column_0}}, {@code {columns}} (all columns joined by
 * {@code _}), {@code {referred_table}} and {@code {referred_column_0}}. A kind with no template is
 * left for the server to name. Names longer than MySQL's 64 characters are shortened to 55 plus
 * {@code _} and 8 hex digits of a hash, so they stay unique and stable.
 *
 * <p>The {@linkplain #DEFAULT default} names indexes, unique constraints and foreign keys (stable
 * names make drops and reflection predictable) and leaves primary keys ({@code PRIMARY} in MySQL)
 * and checks to the server.
 */
public record NamingConvention(@Nullable String index, @Nullable String unique, @Nullable String foreignKey,
        @Nullable String check, @Nullable String primaryKey) {

    /** {@code ix_{table}_{columns}}, {@code uq_{table}_{columns}}, {@code fk_{table}_{columns}_{referred_table}}. */
    public static final NamingConvention DEFAULT = new NamingConvention("ix_{table}_{columns}", "uq_{table}_{columns}",
            "fk_{table}_{columns}_{referred_table}", null, null);

    /** No templates: every unnamed constraint and index is named by the server. */
    public static final NamingConvention NONE = new NamingConvention(null, null, null, null, null);

    private static final int MAX_LENGTH = 64;

    public NamingConvention withIndex(@Nullable String template) {
        return new NamingConvention(template, unique, foreignKey, check, primaryKey);
    }

    public NamingConvention withUnique(@Nullable String template) {
        return new NamingConvention(index, template, foreignKey, check, primaryKey);
    }

    public NamingConvention withForeignKey(@Nullable String template) {
        return new NamingConvention(index, unique, template, check, primaryKey);
    }

    public NamingConvention withCheck(@Nullable String template) {
        return new NamingConvention(index, unique, foreignKey, template, primaryKey);
    }

    public NamingConvention withPrimaryKey(@Nullable String template) {
        return new NamingConvention(index, unique, foreignKey, check, template);
    }

    /** The name of an index: its own, else from the template, else empty (the server names it). */
    public Optional<String> nameOf(Table table, Index index) {
        return index.explicitName().or(() -> apply(this.index, table, index.columnNames(), null));
    }

    /** The name of a constraint: its own, else from the template of its kind, else empty. */
    public Optional<String> nameOf(Table table, Constraint constraint) {
        if (constraint.explicitName().isPresent()) {
            return constraint.explicitName();
        }
        if (constraint instanceof ForeignKey key) {
            return apply(foreignKey, table, key.columnNames(), key);
        }
        if (constraint instanceof UniqueConstraint) {
            return apply(unique, table, constraint.columnNames(), null);
        }
        if (constraint instanceof CheckConstraint) {
            return apply(check, table, List.of(), null);
        }
        return apply(primaryKey, table, constraint.columnNames(), null);
    }

    private static Optional<String> apply(@Nullable String template, Table table, List<String> columns,
            @Nullable ForeignKey key) {
        if (template == null) {
            return Optional.empty();
        }
        String name = template.replace("{table}", table.name())
                .replace("{columns}", String.join("_", columns))
                .replace("{column_0}", columns.isEmpty() ? "" : columns.get(0))
                .replace("{referred_table}", key == null ? "" : key.referredTableName())
                .replace("{referred_column_0}", key == null ? "" : key.referredColumns().get(0));
        return Optional.of(shorten(name));
    }

    static String shorten(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return name.substring(0, MAX_LENGTH - 9) + "_" + String.format("%08x", crc.getValue());
    }
}
