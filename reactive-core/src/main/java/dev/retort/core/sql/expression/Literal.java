package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;

/**
 * SQL written into the statement as is: keywords such as {@code NULL}, {@code CURRENT_TIMESTAMP},
 * {@code *}, or a hand-written fragment from {@code Sql.literalColumn}. Never built from user
 * input by Retort itself.
 */
public record Literal<T>(String sql, SqlType<T> type) implements Expression<T> {

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLiteral(this);
    }
}
