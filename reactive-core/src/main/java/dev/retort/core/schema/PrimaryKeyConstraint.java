package dev.retort.core.schema;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A table's primary key over one or more columns. Made by {@link Schema#primaryKey(String...)}
 * for composite keys; {@link Column#primaryKey()} marks single columns.
 */
public record PrimaryKeyConstraint(@Nullable String name, List<String> columnNames) implements Constraint {

    public PrimaryKeyConstraint {
        columnNames = Schema.requireColumns(columnNames, "A primary key");
    }

    @Override
    public Optional<String> explicitName() {
        return Optional.ofNullable(name);
    }
}
