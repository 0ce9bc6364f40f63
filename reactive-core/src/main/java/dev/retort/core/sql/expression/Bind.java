package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bound parameter: a value sent to the driver separately from the SQL text, converted by its
 * type. A named bind without a value ({@link dev.retort.core.sql.Sql#bindparam}) takes its value
 * from the parameters given at execution.
 *
 * @param name the parameter's name when given one, else {@code null} (the compiler numbers it)
 * @param value the value, when the bind carries one
 * @param hasValue whether {@code value} is set (a null value is a value)
 */
public record Bind<T>(@Nullable String name, @Nullable Object value, boolean hasValue, SqlType<T> type)
        implements Expression<T> {

    public Bind {
        Objects.requireNonNull(type, "type");
    }

    /** A bind carrying {@code value}. */
    @SuppressWarnings("unchecked")
    public static <T> Bind<T> of(@Nullable Object value, SqlType<T> type) {
        return new Bind<>(null, value, true, type == null ? (SqlType<T>) Types.ANY : type);
    }

    /** A named bind whose value comes from the execution parameters. */
    public static <T> Bind<T> named(String name, SqlType<T> type) {
        return new Bind<>(Objects.requireNonNull(name, "name"), null, false, type);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitBind(this);
    }
}
