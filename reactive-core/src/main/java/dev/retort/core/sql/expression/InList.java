package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.List;

/** {@code x [NOT] IN (a, b, …)}; an empty list compiles to an always-false (always-true when negated) condition. */
public record InList(Expression<?> operand, List<Expression<?>> values, boolean negated) implements Expression<Boolean> {

    public InList {
        values = List.copyOf(values);
    }

    @Override
    public SqlType<Boolean> type() {
        return Types.BOOLEAN;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitInList(this);
    }
}
