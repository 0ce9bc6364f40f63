package dev.retort.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A check constraint ({@code CONSTRAINT name CHECK (condition)}); the condition is SQL text written
 * into the DDL as given (it is schema definition, never user input). Enforced by MySQL 8.0.16+ and
 * MariaDB 10.2+.
 */
public record CheckConstraint(@Nullable String name, String condition) implements Constraint {

    public CheckConstraint {
        Objects.requireNonNull(condition, "condition");
        if (condition.isBlank()) {
            throw new IllegalArgumentException("A check constraint needs a condition");
        }
    }

    @Override
    public Optional<String> explicitName() {
        return Optional.ofNullable(name);
    }

    @Override
    public List<String> columnNames() {
        return List.of();
    }
}
