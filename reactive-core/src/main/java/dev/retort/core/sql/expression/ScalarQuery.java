package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;

/** A SELECT of one column and at most one row, used as a value: {@code (SELECT …)}. */
public record ScalarQuery<T>(Subqueryable query, SqlType<T> type) implements Expression<T> {

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitScalarQuery(this);
    }
}
