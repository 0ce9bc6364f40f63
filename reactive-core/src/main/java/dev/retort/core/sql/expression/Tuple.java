package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.List;

/** A row value {@code (a, b)}, for composite-key comparisons such as {@code (a, b) IN ((1, 2), (3, 4))}. */
public record Tuple(List<Expression<?>> elements) implements Expression<Object> {

    public Tuple {
        elements = List.copyOf(elements);
    }

    @Override
    public SqlType<Object> type() {
        return Types.ANY;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitTuple(this);
    }
}
