package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;

/** {@code expression AS name} in a select list. */
public record Label<T>(Expression<T> expression, String name) implements Expression<T> {

    @Override
    public SqlType<T> type() {
        return expression.type();
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLabel(this);
    }
}
