package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.List;

/**
 * Conditions joined by AND or OR. An empty AND is true and an empty OR is false, as in
 * SQLAlchemy's {@code and_()} / {@code or_()}.
 */
public record BooleanList(Operator operator, List<Expression<Boolean>> conditions) implements Expression<Boolean> {

    public BooleanList {
        if (operator != Operator.AND && operator != Operator.OR) {
            throw new IllegalArgumentException("A boolean list joins with AND or OR, not " + operator);
        }
        conditions = List.copyOf(conditions);
    }

    @Override
    public SqlType<Boolean> type() {
        return Types.BOOLEAN;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitBooleanList(this);
    }
}
