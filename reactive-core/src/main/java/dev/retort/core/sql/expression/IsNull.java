package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;

/** {@code x IS [NOT] NULL}. */
public record IsNull(Expression<?> operand, boolean negated) implements Expression<Boolean> {

    @Override
    public SqlType<Boolean> type() {
        return Types.BOOLEAN;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitIsNull(this);
    }
}
