package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;

/** {@code op operand}: NOT, unary minus, DISTINCT. */
public record Unary<T>(Operator operator, Expression<?> operand, SqlType<T> type) implements Expression<T> {

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitUnary(this);
    }
}
