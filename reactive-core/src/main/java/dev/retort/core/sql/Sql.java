package dev.retort.core.sql;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.AliasedColumn;
import dev.retort.core.sql.expression.Bind;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Case;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.Inserted;
import dev.retort.core.sql.expression.Label;
import dev.retort.core.sql.expression.Literal;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.sql.expression.Ordering;
import dev.retort.core.sql.expression.Tuple;
import dev.retort.core.sql.expression.Unary;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Static entry points of the SQL expression language, meant for {@code import static
 * dev.retort.core.sql.Sql.*}. Everything here builds immutable values and does no IO.
 *
 * <pre>{@code
 * Select adults = select(USERS.id, USERS.name).where(USERS.age.ge(21)).orderBy(USERS.name);
 * Insert one = insert(USERS).value(USERS.name, "Ann").value(USERS.age, 31);
 * Update older = update(USERS).set(USERS.age, USERS.age.plus(1)).where(USERS.name.eq("Ann"));
 * Delete gone = delete(USERS).where(or(USERS.age.lt(18), USERS.name.isNull()));
 * }</pre>
 */
public final class Sql {

    /** SQL functions: {@code func.count()}, {@code func.lower(x)}, {@code func.call("name", type, args…)}. */
    public static final Functions func = new Functions();

    private Sql() {
    }

    /**
     * Literal SQL with {@code :name} bind parameters, e.g.
     * {@code text("SELECT * FROM users WHERE name = :name")}. Values are bound, never spliced in.
     *
     * @throws dev.retort.core.exception.InvalidRequestException when the text has an unterminated
     *     quote or a bare {@code ?}
     */
    public static TextClause text(String sql) {
        return TextClause.of(sql);
    }

    /**
     * {@code SELECT} of columns, expressions or whole FROM items (a table selects all its columns,
     * as SQLAlchemy's {@code select(users)}).
     */
    public static Select select(Object... columnsOrTables) {
        List<Expression<?>> columns = new ArrayList<>();
        for (Object item : columnsOrTables) {
            if (item instanceof Expression<?> expression) {
                columns.add(expression);
            } else if (item instanceof FromClause from) {
                columns.addAll(from.exportedColumns());
            } else {
                throw new InvalidRequestException("select() takes columns, expressions and tables; got "
                        + (item == null ? "null" : item.getClass().getName()));
            }
        }
        return Select.of(columns);
    }

    /** {@code INSERT INTO table}. */
    public static Insert insert(Table table) {
        return Insert.into(table);
    }

    /** {@code UPDATE table}. */
    public static Update update(Table table) {
        return Update.of(table);
    }

    /** {@code DELETE FROM table}. */
    public static Delete delete(Table table) {
        return Delete.from(table);
    }

    /** Conditions joined by AND; no conditions is true. */
    @SafeVarargs
    public static Expression<Boolean> and(Expression<Boolean>... conditions) {
        return conditions.length == 1 ? conditions[0] : new BooleanList(Operator.AND, Arrays.asList(conditions));
    }

    /** Conditions joined by OR; no conditions is false. */
    @SafeVarargs
    public static Expression<Boolean> or(Expression<Boolean>... conditions) {
        return conditions.length == 1 ? conditions[0] : new BooleanList(Operator.OR, Arrays.asList(conditions));
    }

    /** {@code NOT condition}. */
    public static Expression<Boolean> not(Expression<Boolean> condition) {
        return new Unary<>(Operator.NOT, condition, Types.BOOLEAN);
    }

    /** {@code EXISTS (query)}. */
    public static Expression<Boolean> exists(Query query) {
        return new dev.retort.core.sql.expression.Exists(query);
    }

    /** {@code table AS name}. */
    public static TableAlias alias(Table table, String name) {
        return new TableAlias(table, name);
    }

    /** A bound value with an explicit type. */
    public static <T> Bind<T> literal(T value, SqlType<T> type) {
        return Bind.of(value, type);
    }

    /** A named parameter whose value is given at execution: {@code execute(stmt, Map.of(name, value))}. */
    public static <T> Bind<T> bindparam(String name, SqlType<T> type) {
        return Bind.named(name, type);
    }

    /** SQL NULL. */
    public static Expression<Object> nullValue() {
        return new Literal<>("NULL", Types.ANY);
    }

    /** {@code CASE WHEN condition THEN result …}; continue with {@code when(...)} and {@code otherwise(...)}. */
    public static <T> Case<T> caseWhen(Expression<Boolean> condition, Expression<T> result) {
        return new Case<>(List.of(new Case.When<>(condition, result)), null, result.type());
    }

    /** {@code CASE WHEN condition THEN value …} with a bound value of the given type. */
    public static <T> Case<T> caseWhen(Expression<Boolean> condition, T value, SqlType<T> type) {
        return new Case<>(List.of(new Case.When<>(condition, Bind.of(value, type))), null, type);
    }

    /** A row value {@code (a, b, …)}. */
    public static Tuple tuple(Expression<?>... elements) {
        return new Tuple(Arrays.asList(elements));
    }

    /** In {@code onDuplicateKeyUpdate}: the value the INSERT tried to write into {@code column}. */
    public static <T> Expression<T> inserted(Column<T> column) {
        return new Inserted<>(column);
    }

    /** {@code CAST(expression AS type)}. */
    public static <T> Expression<T> cast(Expression<?> expression, SqlType<T> type) {
        return expression.cast(type);
    }

    /** An ORDER BY item from an {@link Ordering} or an expression (ascending). */
    static Ordering ordering(Object item) {
        if (item instanceof Ordering ordering) {
            return ordering;
        }
        if (item instanceof Expression<?> expression) {
            return expression.asc();
        }
        throw new InvalidRequestException("orderBy() takes expressions and asc()/desc() orderings; got "
                + (item == null ? "null" : item.getClass().getName()));
    }

    /** The name an expression has in a result: a label, a column's name, else {@code null}. */
    static String nameOf(Expression<?> expression) {
        if (expression instanceof Label<?> label) {
            return label.name();
        }
        if (expression instanceof Column<?> column) {
            return column.name();
        }
        if (expression instanceof AliasedColumn<?> aliased) {
            return aliased.name();
        }
        return null;
    }
}
