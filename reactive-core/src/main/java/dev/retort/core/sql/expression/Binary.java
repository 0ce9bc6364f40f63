package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;

/** {@code left op right}: a comparison or arithmetic. */
public record Binary<T>(Expression<?> left, Operator operator, Expression<?> right, SqlType<T> type)
        implements Expression<T> {

    static Expression<Boolean> compare(Expression<?> left, Operator operator, Expression<?> right) {
        return new Binary<>(left, operator, Expression.requireOperand(right, operator.sql()), Types.BOOLEAN);
    }

    static <T> Expression<T> arithmetic(Expression<T> left, Operator operator, Expression<?> right) {
        return new Binary<>(left, operator, Expression.requireOperand(right, operator.sql()), left.type());
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitBinary(this);
    }
}
