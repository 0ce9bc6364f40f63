package dev.retort.core.schema;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An index over one or more columns, unique or not ({@code [UNIQUE] KEY name (a, b)}). */
public record Index(@Nullable String name, List<String> columnNames, boolean unique) implements TableElement {

    public Index {
        columnNames = Schema.requireColumns(columnNames, "An index");
    }

    /** The name given when it was defined; empty when the naming convention names it. */
    public Optional<String> explicitName() {
        return Optional.ofNullable(name);
    }
}
