package dev.retort.core.engine;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A statement with the parameter sets to run it with (one set for execute, several for executemany). */
record Execution(Executable statement, List<? extends Map<String, ? extends @Nullable Object>> parameterSets) {

    static Execution of(Executable statement, List<? extends Map<String, ? extends @Nullable Object>> parameterSets) {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(parameterSets, "parameterSets");
        if (parameterSets.isEmpty()) {
            throw new InvalidRequestException("executemany needs at least one parameter set; got an empty list");
        }
        for (Map<String, ? extends @Nullable Object> set : parameterSets) {
            Objects.requireNonNull(set, "a parameter set is null");
        }
        return new Execution(statement, List.copyOf(parameterSets));
    }
}
