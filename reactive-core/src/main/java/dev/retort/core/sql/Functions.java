package dev.retort.core.sql;

import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FunctionCall;
import dev.retort.core.sql.expression.Literal;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/** The {@code Sql.func} namespace of SQL functions. */
public final class Functions {

    Functions() {
    }

    /** {@code COUNT(*)}. */
    public Expression<Long> count() {
        return new FunctionCall<>("COUNT", List.of(new Literal<>("*", Types.ANY)), Types.BIGINT);
    }

    /** {@code COUNT(x)} (use {@code x.distinct()} for COUNT(DISTINCT x)). */
    public Expression<Long> count(Expression<?> expression) {
        return new FunctionCall<>("COUNT", List.of(expression), Types.BIGINT);
    }

    /** {@code SUM(x)}; MySQL sums exact numbers to DECIMAL. */
    public Expression<BigDecimal> sum(Expression<? extends Number> expression) {
        return new FunctionCall<>("SUM", List.of(expression), Types.NUMERIC);
    }

    /** {@code AVG(x)}. */
    public Expression<BigDecimal> avg(Expression<? extends Number> expression) {
        return new FunctionCall<>("AVG", List.of(expression), Types.NUMERIC);
    }

    public <T> Expression<T> min(Expression<T> expression) {
        return new FunctionCall<>("MIN", List.of(expression), expression.type());
    }

    public <T> Expression<T> max(Expression<T> expression) {
        return new FunctionCall<>("MAX", List.of(expression), expression.type());
    }

    /** {@code COALESCE(a, b, …)}, typed as the first argument. */
    @SafeVarargs
    public final <T> Expression<T> coalesce(Expression<T> first, Expression<? extends T>... rest) {
        List<Expression<?>> arguments = new java.util.ArrayList<>();
        arguments.add(first);
        arguments.addAll(Arrays.asList(rest));
        return new FunctionCall<>("COALESCE", arguments, first.type());
    }

    /** {@code NOW()} in the session time zone (UTC; see the date-time policy). */
    public Expression<LocalDateTime> now() {
        return new FunctionCall<>("NOW", List.of(), Types.DATETIME);
    }

    public Expression<String> lower(Expression<String> expression) {
        return new FunctionCall<>("LOWER", List.of(expression), Types.TEXT);
    }

    public Expression<String> upper(Expression<String> expression) {
        return new FunctionCall<>("UPPER", List.of(expression), Types.TEXT);
    }

    /** Any function: {@code func.call("DATE_FORMAT", Types.TEXT, column, literal("%Y", TEXT))}. */
    public <T> Expression<T> call(String name, SqlType<T> type, Expression<?>... arguments) {
        return new FunctionCall<>(name, Arrays.asList(arguments), type);
    }
}
