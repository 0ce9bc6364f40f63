package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code CASE WHEN c1 THEN r1 … [ELSE e] END}. Start with {@link dev.retort.core.sql.Sql#caseWhen};
 * each {@code when} returns a new expression.
 */
public record Case<T>(List<When<T>> whens, @Nullable Expression<?> otherwise, SqlType<T> type) implements Expression<T> {

    /** One {@code WHEN condition THEN result}. */
    public record When<T>(Expression<Boolean> condition, Expression<? extends T> result) {
    }

    public Case {
        whens = List.copyOf(whens);
        if (whens.isEmpty()) {
            throw new IllegalArgumentException("A CASE needs at least one WHEN");
        }
    }

    public Case<T> when(Expression<Boolean> condition, T result) {
        return when(condition, Bind.of(result, type));
    }

    public Case<T> when(Expression<Boolean> condition, Expression<? extends T> result) {
        List<When<T>> more = new ArrayList<>(whens);
        more.add(new When<>(condition, result));
        return new Case<>(more, otherwise, type);
    }

    public Case<T> otherwise(T result) {
        return new Case<>(whens, Bind.of(result, type), type);
    }

    public Case<T> otherwise(Expression<? extends T> result) {
        return new Case<>(whens, result, type);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitCase(this);
    }
}
