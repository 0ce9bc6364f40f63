package dev.retort.core.sql;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Exists;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.sql.expression.Ordering;
import dev.retort.core.sql.expression.ScalarQuery;
import dev.retort.core.sql.expression.Subqueryable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@code SELECT}, built generatively: every method returns a new statement and this one stays as
 * it was (SQLAlchemy's generative style). The FROM clause is inferred from the selected columns
 * and conditions unless given with {@link #selectFrom} or a join. Compiling does no IO.
 */
public final class Select implements Executable, Subqueryable, Query {

    private final List<Expression<?>> columns;
    private final List<FromClause> froms;
    private final List<Expression<Boolean>> where;
    private final List<Expression<?>> groupBy;
    private final List<Expression<Boolean>> having;
    private final List<Ordering> orderBy;
    private final @Nullable Integer limit;
    private final @Nullable Integer offset;
    private final boolean distinct;
    private final LockMode lock;

    private Select(List<Expression<?>> columns, List<FromClause> froms, List<Expression<Boolean>> where,
            List<Expression<?>> groupBy, List<Expression<Boolean>> having, List<Ordering> orderBy,
            @Nullable Integer limit, @Nullable Integer offset, boolean distinct, LockMode lock) {
        this.columns = List.copyOf(columns);
        this.froms = List.copyOf(froms);
        this.where = List.copyOf(where);
        this.groupBy = List.copyOf(groupBy);
        this.having = List.copyOf(having);
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
        this.distinct = distinct;
        this.lock = lock;
    }

    static Select of(List<Expression<?>> columns) {
        if (columns.isEmpty()) {
            throw new InvalidRequestException("select() needs at least one column or table");
        }
        return new Select(columns, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, false, LockMode.NONE);
    }

    private Select copy(UnaryOperator<Builder> change) {
        Builder b = change.apply(new Builder(this));
        return new Select(b.columns, b.froms, b.where, b.groupBy, b.having, b.orderBy, b.limit, b.offset, b.distinct, b.lock);
    }

    /** Mutable scratch copy used only inside {@link #copy}. */
    private static final class Builder {
        List<Expression<?>> columns;
        List<FromClause> froms;
        List<Expression<Boolean>> where;
        List<Expression<?>> groupBy;
        List<Expression<Boolean>> having;
        List<Ordering> orderBy;
        @Nullable Integer limit;
        @Nullable Integer offset;
        boolean distinct;
        LockMode lock;

        Builder(Select s) {
            columns = new ArrayList<>(s.columns);
            froms = new ArrayList<>(s.froms);
            where = new ArrayList<>(s.where);
            groupBy = new ArrayList<>(s.groupBy);
            having = new ArrayList<>(s.having);
            orderBy = new ArrayList<>(s.orderBy);
            limit = s.limit;
            offset = s.offset;
            distinct = s.distinct;
            lock = s.lock;
        }
    }

    // ---- building ------------------------------------------------------------------------------

    /** Adds conditions, joined with AND to those already given. */
    @SafeVarargs
    public final Select where(Expression<Boolean>... conditions) {
        return copy(b -> {
            b.where.addAll(Arrays.asList(conditions));
            return b;
        });
    }

    /** Adds selected columns. */
    public Select addColumns(Expression<?>... more) {
        return copy(b -> {
            b.columns.addAll(Arrays.asList(more));
            return b;
        });
    }

    /** Names FROM items explicitly (SQLAlchemy's {@code select_from}). */
    public Select selectFrom(FromClause... from) {
        return copy(b -> {
            b.froms.addAll(Arrays.asList(from));
            return b;
        });
    }

    /** {@code JOIN target ON …}, the condition inferred from the single foreign key between them. */
    public Select join(FromClause target) {
        return join(target, null, Join.Kind.INNER);
    }

    /** {@code JOIN target ON on}. */
    public Select join(FromClause target, Expression<Boolean> on) {
        return join(target, on, Join.Kind.INNER);
    }

    /** {@code LEFT OUTER JOIN target ON …} (inferred). */
    public Select leftJoin(FromClause target) {
        return join(target, null, Join.Kind.LEFT);
    }

    public Select leftJoin(FromClause target, Expression<Boolean> on) {
        return join(target, on, Join.Kind.LEFT);
    }

    /** {@code RIGHT OUTER JOIN target ON …} (inferred). */
    public Select rightJoin(FromClause target) {
        return join(target, null, Join.Kind.RIGHT);
    }

    public Select rightJoin(FromClause target, Expression<Boolean> on) {
        return join(target, on, Join.Kind.RIGHT);
    }

    private Select join(FromClause target, @Nullable Expression<Boolean> on, Join.Kind kind) {
        return copy(b -> {
            FromClause left;
            if (!b.froms.isEmpty()) {
                left = b.froms.remove(b.froms.size() - 1);
            } else {
                List<FromClause> inferred = Froms.inferred(b.columns, b.where);
                inferred.remove(target);
                if (inferred.isEmpty()) {
                    throw new InvalidRequestException("Nothing to join " + Froms.describe(target)
                            + " to: select a column of another table first, or use selectFrom()");
                }
                left = inferred.get(0);
            }
            Expression<Boolean> condition = on != null ? on : Froms.inferJoinCondition(left, target);
            b.froms.add(new Join(left, target, condition, kind));
            return b;
        });
    }

    public Select groupBy(Expression<?>... expressions) {
        return copy(b -> {
            b.groupBy.addAll(Arrays.asList(expressions));
            return b;
        });
    }

    @SafeVarargs
    public final Select having(Expression<Boolean>... conditions) {
        return copy(b -> {
            b.having.addAll(Arrays.asList(conditions));
            return b;
        });
    }

    /** ORDER BY items; plain expressions sort ascending. */
    public Select orderBy(Object... items) {
        return copy(b -> {
            for (Object item : items) {
                b.orderBy.add(Sql.ordering(item));
            }
            return b;
        });
    }

    public Select limit(int rows) {
        if (rows < 0) {
            throw new InvalidRequestException("limit must not be negative, was " + rows);
        }
        return copy(b -> {
            b.limit = rows;
            return b;
        });
    }

    public Select offset(int rows) {
        if (rows < 0) {
            throw new InvalidRequestException("offset must not be negative, was " + rows);
        }
        return copy(b -> {
            b.offset = rows;
            return b;
        });
    }

    /** {@code SELECT DISTINCT}. */
    public Select distinct() {
        return copy(b -> {
            b.distinct = true;
            return b;
        });
    }

    /** {@code FOR UPDATE} (or NOWAIT / SKIP LOCKED / shared, by mode). */
    public Select forUpdate(LockMode mode) {
        return copy(b -> {
            b.lock = mode;
            return b;
        });
    }

    public Select forUpdate() {
        return forUpdate(LockMode.FOR_UPDATE);
    }

    // ---- using the query elsewhere ----------------------------------------------------------------

    /** This query as a derived table: {@code (SELECT …) AS name}. */
    public DerivedTable subquery(String name) {
        return new DerivedTable(this, name, false, false);
    }

    /** This query as a common table expression {@code WITH name AS (…)}. */
    public DerivedTable cte(String name) {
        return new DerivedTable(this, name, true, false);
    }

    /**
     * A recursive CTE. The step refers to the CTE by name through a reference made from the seed,
     * and the CTE itself is the seed's UNION ALL with the step, under the same name:
     *
     * <pre>{@code
     * Select seed = select(literal(1, INTEGER).as("n"));
     * DerivedTable ref = seed.cteRecursive("t");
     * Expression<Integer> previous = ref.c("n", Integer.class);
     * Select step = select(previous.plus(1).as("n")).where(previous.lt(10));
     * DerivedTable t = seed.unionAll(step).cteRecursive("t");
     * select(t.c("n"))   // WITH RECURSIVE t AS (SELECT ? AS n UNION ALL SELECT t.n + ? AS n FROM t WHERE t.n < ?) SELECT t.n FROM t
     * }</pre>
     */
    public DerivedTable cteRecursive(String name) {
        return new DerivedTable(this, name, true, true);
    }

    /** This one-column query as a value: {@code (SELECT …)}. */
    @SuppressWarnings("unchecked")
    public <T> Expression<T> scalarSubquery() {
        if (columns.size() != 1) {
            throw new InvalidRequestException("A scalar subquery selects exactly one column; this one selects " + columns.size());
        }
        return new ScalarQuery<>(this, (dev.retort.core.types.SqlType<T>) columns.get(0).type());
    }

    /** {@code EXISTS (this query)}. */
    public Expression<Boolean> exists() {
        return new Exists(this);
    }

    public CompoundSelect union(Query other) {
        return CompoundSelect.of(CompoundSelect.Kind.UNION, this, other);
    }

    public CompoundSelect unionAll(Query other) {
        return CompoundSelect.of(CompoundSelect.Kind.UNION_ALL, this, other);
    }

    public CompoundSelect intersect(Query other) {
        return CompoundSelect.of(CompoundSelect.Kind.INTERSECT, this, other);
    }

    public CompoundSelect except(Query other) {
        return CompoundSelect.of(CompoundSelect.Kind.EXCEPT, this, other);
    }

    // ---- reading -------------------------------------------------------------------------------

    @Override
    public List<Expression<?>> selectedColumns() {
        return columns;
    }

    /** Explicit FROM items (joins included), in order. */
    public List<FromClause> froms() {
        return froms;
    }

    /** The WHERE conditions (ANDed). */
    public List<Expression<Boolean>> whereClause() {
        return where;
    }

    /** All WHERE conditions as one expression, or {@code null} when there are none. */
    public @Nullable Expression<Boolean> whereCondition() {
        return where.isEmpty() ? null : where.size() == 1 ? where.get(0) : new BooleanList(Operator.AND, where);
    }

    public List<Expression<?>> groupByClause() {
        return groupBy;
    }

    public List<Expression<Boolean>> havingClause() {
        return having;
    }

    public List<Ordering> orderByClause() {
        return orderBy;
    }

    public @Nullable Integer limitValue() {
        return limit;
    }

    public @Nullable Integer offsetValue() {
        return offset;
    }

    public boolean isDistinct() {
        return distinct;
    }

    public LockMode lockMode() {
        return lock;
    }

    @Override
    public Compiled compile(Dialect dialect) {
        return dialect.statementCompiler().compile(this);
    }
}
