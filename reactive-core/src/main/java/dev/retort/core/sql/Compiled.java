package dev.retort.core.sql;

import dev.retort.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of compiling a statement: SQL text whose placeholders are {@code ?}, the name of the
 * parameter behind each placeholder (a name may repeat), and values the statement carries itself.
 * Values are always bound through the driver, never spliced into the text.
 */
public final class Compiled {

    private final String sql;
    private final List<String> parameterNames;
    private final Map<String, @Nullable Object> presetValues;

    public Compiled(String sql, List<String> parameterNames, Map<String, ? extends @Nullable Object> presetValues) {
        this.sql = sql;
        this.parameterNames = List.copyOf(parameterNames);
        this.presetValues = Collections.unmodifiableMap(new LinkedHashMap<>(presetValues));
    }

    /** The SQL text, placeholders written as {@code ?}. */
    public String sql() {
        return sql;
    }

    /** The parameter name behind each placeholder, in placeholder order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Values the statement carries itself (for example from {@code text(...).bind(...)}). */
    public Map<String, @Nullable Object> presetValues() {
        return presetValues;
    }

    /**
     * The values to bind, one per placeholder: taken from {@code parameters} first, then from the
     * statement's own values.
     *
     * @throws InvalidRequestException when a placeholder has no value
     */
    public List<@Nullable Object> bind(Map<String, ? extends @Nullable Object> parameters) {
        List<@Nullable Object> values = new ArrayList<>(parameterNames.size());
        for (String name : parameterNames) {
            if (parameters.containsKey(name)) {
                values.add(parameters.get(name));
            } else if (presetValues.containsKey(name)) {
                values.add(presetValues.get(name));
            } else {
                throw new InvalidRequestException("A value is required for bind parameter '" + name + "' in: " + sql);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return sql + (parameterNames.isEmpty() ? "" : " " + parameterNames);
    }
}
