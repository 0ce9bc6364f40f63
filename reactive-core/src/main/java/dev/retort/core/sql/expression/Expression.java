package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed SQL expression: a column, a bound value, an operator applied to others, a function
 * call. Expressions are immutable values; building them does no IO. Values given to the operator
 * methods are always bound as parameters (never written into the SQL), typed by this expression's
 * type, so {@code USERS.createdAt.gt(instant)} converts the {@code Instant} the way the column
 * stores it.
 *
 * @param <T> the Java type of the expression's value
 */
public interface Expression<T> {

    /** The SQL type of the value; {@link Types#ANY} when unknown. */
    SqlType<T> type();

    /** Double dispatch for compilers. */
    <R> R accept(ExpressionVisitor<R> visitor);

    // ---- comparisons ----------------------------------------------------------------------------

    default Expression<Boolean> eq(@Nullable T value) {
        return value == null ? isNull() : Binary.compare(this, Operator.EQ, bind(value));
    }

    default Expression<Boolean> eq(Expression<? extends T> other) {
        return Binary.compare(this, Operator.EQ, other);
    }

    default Expression<Boolean> ne(@Nullable T value) {
        return value == null ? isNotNull() : Binary.compare(this, Operator.NE, bind(value));
    }

    default Expression<Boolean> ne(Expression<? extends T> other) {
        return Binary.compare(this, Operator.NE, other);
    }

    default Expression<Boolean> lt(T value) {
        return Binary.compare(this, Operator.LT, bind(value));
    }

    default Expression<Boolean> lt(Expression<? extends T> other) {
        return Binary.compare(this, Operator.LT, other);
    }

    default Expression<Boolean> le(T value) {
        return Binary.compare(this, Operator.LE, bind(value));
    }

    default Expression<Boolean> le(Expression<? extends T> other) {
        return Binary.compare(this, Operator.LE, other);
    }

    default Expression<Boolean> gt(T value) {
        return Binary.compare(this, Operator.GT, bind(value));
    }

    default Expression<Boolean> gt(Expression<? extends T> other) {
        return Binary.compare(this, Operator.GT, other);
    }

    default Expression<Boolean> ge(T value) {
        return Binary.compare(this, Operator.GE, bind(value));
    }

    default Expression<Boolean> ge(Expression<? extends T> other) {
        return Binary.compare(this, Operator.GE, other);
    }

    default Expression<Boolean> isNull() {
        return new IsNull(this, false);
    }

    default Expression<Boolean> isNotNull() {
        return new IsNull(this, true);
    }

    /** {@code IN (…)}; an empty collection compiles to an always-false condition. */
    default Expression<Boolean> in(Collection<? extends T> values) {
        return new InList(this, bindAll(values), false);
    }

    /** {@code NOT IN (…)}; an empty collection compiles to an always-true condition. */
    default Expression<Boolean> notIn(Collection<? extends T> values) {
        return new InList(this, bindAll(values), true);
    }

    /** {@code IN (subquery)}. */
    default Expression<Boolean> in(Subqueryable query) {
        return new InQuery(this, query, false);
    }

    default Expression<Boolean> notIn(Subqueryable query) {
        return new InQuery(this, query, true);
    }

    default Expression<Boolean> between(T low, T high) {
        return new Between(this, bind(low), bind(high), false);
    }

    default Expression<Boolean> notBetween(T low, T high) {
        return new Between(this, bind(low), bind(high), true);
    }

    /** {@code LIKE pattern}; the pattern is bound. */
    default Expression<Boolean> like(String pattern) {
        return new Like(this, Bind.of(pattern, Types.TEXT), false, false);
    }

    default Expression<Boolean> notLike(String pattern) {
        return new Like(this, Bind.of(pattern, Types.TEXT), true, false);
    }

    /** Case-insensitive LIKE: {@code LOWER(x) LIKE LOWER(pattern)}. */
    default Expression<Boolean> ilike(String pattern) {
        return new Like(this, Bind.of(pattern, Types.TEXT), false, true);
    }

    default Expression<Boolean> notIlike(String pattern) {
        return new Like(this, Bind.of(pattern, Types.TEXT), true, true);
    }

    // ---- arithmetic and strings -----------------------------------------------------------------

    default Expression<T> plus(T value) {
        return Binary.arithmetic(this, Operator.PLUS, bind(value));
    }

    default Expression<T> plus(Expression<? extends T> other) {
        return Binary.arithmetic(this, Operator.PLUS, other);
    }

    default Expression<T> minus(T value) {
        return Binary.arithmetic(this, Operator.MINUS, bind(value));
    }

    default Expression<T> minus(Expression<? extends T> other) {
        return Binary.arithmetic(this, Operator.MINUS, other);
    }

    default Expression<T> times(T value) {
        return Binary.arithmetic(this, Operator.TIMES, bind(value));
    }

    default Expression<T> times(Expression<? extends T> other) {
        return Binary.arithmetic(this, Operator.TIMES, other);
    }

    default Expression<T> dividedBy(T value) {
        return Binary.arithmetic(this, Operator.DIVIDE, bind(value));
    }

    default Expression<T> dividedBy(Expression<? extends T> other) {
        return Binary.arithmetic(this, Operator.DIVIDE, other);
    }

    default Expression<T> mod(T value) {
        return Binary.arithmetic(this, Operator.MOD, bind(value));
    }

    default Expression<T> mod(Expression<? extends T> other) {
        return Binary.arithmetic(this, Operator.MOD, other);
    }

    default Expression<T> negate() {
        return new Unary<>(Operator.NEGATE, this, type());
    }

    /** String concatenation ({@code CONCAT(a, b)} on MySQL). */
    default Expression<String> concat(Expression<?> other) {
        return new FunctionCall<>("CONCAT", List.of(this, other), Types.TEXT);
    }

    default Expression<String> concat(String value) {
        return concat(Bind.of(value, Types.TEXT));
    }

    // ---- ordering, labels, casts ----------------------------------------------------------------

    default Ordering asc() {
        return new Ordering(this, false, null);
    }

    default Ordering desc() {
        return new Ordering(this, true, null);
    }

    /** {@code expression AS label}. */
    default Label<T> as(String label) {
        return new Label<>(this, label);
    }

    /** {@code CAST(expression AS type)}. */
    default <R> Expression<R> cast(SqlType<R> target) {
        return new Cast<>(this, target);
    }

    /** {@code DISTINCT expression}, inside an aggregate such as {@code count(x.distinct())}. */
    default Expression<T> distinct() {
        return new Unary<>(Operator.DISTINCT, this, type());
    }

    /** Binds each value with this expression's type. */
    private List<Expression<?>> bindAll(Collection<? extends T> values) {
        List<Expression<?>> binds = new java.util.ArrayList<>(values.size());
        for (T value : values) {
            binds.add(bind(value));
        }
        return binds;
    }

    /** A bound value of this expression's type. */
    default Bind<T> bind(@Nullable T value) {
        return Bind.of(value, type());
    }

    /** Checks an operand for {@code null} with a message naming what was being built. */
    static <E> E requireOperand(@Nullable E operand, String what) {
        return Objects.requireNonNull(operand, () -> what + " needs an operand; use isNull()/isNotNull() to compare with NULL");
    }
}
