package dev.retort.core.sql;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of compiling a statement: SQL text whose placeholders are {@code ?}, the name and type
 * of the parameter behind each placeholder (a name may repeat), values the statement carries
 * itself, and the expressions it returns.
 * Values are always bound through the driver, never spliced into the text.
 */
public final class Compiled {

    private final String sql;
    private final List<String> parameterNames;
    private final List<SqlType<?>> parameterTypes;
    private final Map<String, @Nullable Object> presetValues;
    private final List<Expression<?>> resultColumns;

    /** Compiled SQL whose parameters have no known type ({@link Types#ANY}). */
    public Compiled(String sql, List<String> parameterNames, Map<String, ? extends @Nullable Object> presetValues) {
        this(sql, parameterNames, Collections.nCopies(parameterNames.size(), Types.ANY), presetValues, List.of());
    }

    /**
     * Compiled SQL with a type per placeholder, used to convert each value for the driver.
     *
     * @throws IllegalArgumentException when there are not as many types as parameter names
     */
    public Compiled(String sql, List<String> parameterNames, List<? extends SqlType<?>> parameterTypes,
            Map<String, ? extends @Nullable Object> presetValues, List<? extends Expression<?>> resultColumns) {
        if (parameterNames.size() != parameterTypes.size()) {
            throw new IllegalArgumentException(parameterNames.size() + " parameters but " + parameterTypes.size() + " types");
        }
        this.sql = sql;
        this.parameterNames = List.copyOf(parameterNames);
        this.parameterTypes = List.copyOf(parameterTypes);
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(presetValues);
        this.presetValues = Collections.unmodifiableMap(copy);
        this.resultColumns = List.copyOf(resultColumns);
    }

    /**
     * The expressions the statement returns, in result order (a SELECT's columns, an INSERT's
     * RETURNING); empty for text. Rows use them to find a {@code Column}'s value by position.
     */
    public List<Expression<?>> resultColumns() {
        return resultColumns;
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

    /** The type of each placeholder's value. */
    public List<SqlType<?>> parameterTypes() {
        return parameterTypes;
    }

    /**
     * The values to bind, one per placeholder, converted for the driver by each placeholder's type:
     * taken from {@code parameters} first, then from the statement's own values.
     *
     * @throws InvalidRequestException when a placeholder has no value, or a value does not fit its type
     */
    public List<@Nullable Object> bind(Map<String, ? extends @Nullable Object> parameters) {
        List<@Nullable Object> values = new ArrayList<>(parameterNames.size());
        for (int i = 0; i < parameterNames.size(); i++) {
            String name = parameterNames.get(i);
            Object value;
            if (parameters.containsKey(name)) {
                value = parameters.get(name);
            } else if (presetValues.containsKey(name)) {
                value = presetValues.get(name);
            } else {
                throw new InvalidRequestException("A value is required for bind parameter '" + name + "' in: " + sql);
            }
            values.add(parameterTypes.get(i).toDriver(value));
        }
        return values;
    }

    @Override
    /**
     * The SQL and, for debugging, each placeholder's value: the statement's own, or
     * {@code :name} for one given at execution. (Values are still bound, never inlined.)
     */
    public String toString() {
        if (parameterNames.isEmpty()) {
            return sql;
        }
        StringBuilder text = new StringBuilder(sql).append(" [");
        for (int i = 0; i < parameterNames.size(); i++) {
            String name = parameterNames.get(i);
            text.append(i == 0 ? "" : ", ");
            text.append(presetValues.containsKey(name) ? String.valueOf(presetValues.get(name)) : ":" + name);
        }
        return text.append(']').toString();
    }
}
