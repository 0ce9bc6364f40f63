package dev.retort.core.result;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.expression.AliasedColumn;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.Label;
import dev.retort.core.types.Conversions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A row held as an array of the driver's values. */
final class ArrayRow implements Row {

    private final RowShape shape;
    private final @Nullable Object[] values;

    ArrayRow(RowShape shape, @Nullable Object[] values) {
        this.shape = shape;
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public List<String> columnNames() {
        return shape.names();
    }

    @Override
    public @Nullable Object get(int index) {
        return values[shape.checkIndex(index)];
    }

    @Override
    public @Nullable Object get(String column) {
        return values[shape.indexOf(column)];
    }

    @Override
    public <T> @Nullable T get(int index, Class<T> type) {
        return Conversions.convert(values[shape.checkIndex(index)], type, shape.names().get(index));
    }

    @Override
    public <T> @Nullable T get(String column, Class<T> type) {
        int index = shape.indexOf(column);
        return Conversions.convert(values[index], type, shape.names().get(index));
    }

    @Override
    public <T> @Nullable T get(Expression<T> expression) {
        int position = shape.positionOf(expression);
        int index = position >= 0 ? position : shape.indexOf(nameOf(expression));
        try {
            return expression.type().fromDriver(values[index]);
        } catch (InvalidRequestException wrongValue) {
            throw new InvalidRequestException("Column '" + shape.names().get(index) + "': " + wrongValue.getMessage(),
                    wrongValue);
        }
    }

    private static String nameOf(Expression<?> expression) {
        if (expression instanceof Column<?> column) {
            return column.name();
        }
        if (expression instanceof Label<?> label) {
            return label.name();
        }
        if (expression instanceof AliasedColumn<?> aliased) {
            return aliased.name();
        }
        throw new InvalidRequestException("The expression " + expression + " has no name; select it with as(\"label\") "
                + "or read it by position");
    }

    @Override
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            map.put(shape.names().get(i), values[i]);
        }
        return map;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(values[i] instanceof String ? "'" + values[i] + "'" : String.valueOf(values[i]));
        }
        return text.append(values.length == 1 ? ",)" : ")").toString();
    }
}
