package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import java.util.List;

/** {@code name(arg, …)}; {@code COUNT(*)} has the literal {@code *} as its argument. */
public record FunctionCall<T>(String name, List<Expression<?>> arguments, SqlType<T> type) implements Expression<T> {

    public FunctionCall {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("Not a function name: '" + name + "'");
        }
        arguments = List.copyOf(arguments);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitFunction(this);
    }
}
