package dev.retort.core.schema;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Table-level options: the schema (database) the table lives in, and the MySQL table options
 * {@code ENGINE}, {@code DEFAULT CHARSET}, {@code COLLATE} and {@code COMMENT}. Unset options are
 * left to the server. Immutable; start from {@link Schema#options()}.
 */
public record TableOptions(@Nullable String schema, @Nullable String engine, @Nullable String charset,
        @Nullable String collation, @Nullable String comment) implements TableElement {

    static final TableOptions NONE = new TableOptions(null, null, null, null, null);

    public TableOptions schema(String value) {
        return new TableOptions(value, engine, charset, collation, comment);
    }

    public TableOptions engine(String value) {
        return new TableOptions(schema, value, charset, collation, comment);
    }

    public TableOptions charset(String value) {
        return new TableOptions(schema, engine, value, collation, comment);
    }

    public TableOptions collation(String value) {
        return new TableOptions(schema, engine, charset, value, comment);
    }

    public TableOptions comment(String value) {
        return new TableOptions(schema, engine, charset, collation, value);
    }

    /** These options with every option {@code other} sets taking precedence. */
    TableOptions merge(TableOptions other) {
        return new TableOptions(pick(other.schema, schema), pick(other.engine, engine), pick(other.charset, charset),
                pick(other.collation, collation), pick(other.comment, comment));
    }

    private static @Nullable String pick(@Nullable String preferred, @Nullable String fallback) {
        return preferred != null ? preferred : fallback;
    }

    public Optional<String> schemaName() {
        return Optional.ofNullable(schema);
    }
}
