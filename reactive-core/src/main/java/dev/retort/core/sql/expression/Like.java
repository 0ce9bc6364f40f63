package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;

/** {@code x [NOT] LIKE pattern}; case-insensitive as {@code LOWER(x) LIKE LOWER(pattern)}. */
public record Like(Expression<?> operand, Expression<?> pattern, boolean negated, boolean caseInsensitive) implements Expression<Boolean> {

    @Override
    public SqlType<Boolean> type() {
        return Types.BOOLEAN;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitLike(this);
    }
}
