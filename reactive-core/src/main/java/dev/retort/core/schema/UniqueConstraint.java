package dev.retort.core.schema;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A unique constraint over one or more columns ({@code UNIQUE KEY name (a, b)}). */
public record UniqueConstraint(@Nullable String name, List<String> columnNames) implements Constraint {

    public UniqueConstraint {
        columnNames = Schema.requireColumns(columnNames, "A unique constraint");
    }

    @Override
    public Optional<String> explicitName() {
        return Optional.ofNullable(name);
    }
}
