package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;

/** {@code CAST(operand AS type)}. */
public record Cast<T>(Expression<?> operand, SqlType<T> type) implements Expression<T> {

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitCast(this);
    }
}
