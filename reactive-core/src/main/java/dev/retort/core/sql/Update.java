package dev.retort.core.sql;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.sql.expression.Ordering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code UPDATE table [JOIN …] SET … WHERE … [ORDER BY …] [LIMIT n]}. ORDER BY and LIMIT are
 * refused together with a join, as MySQL refuses them on multi-table updates. Client on-update
 * values ({@code Column.onUpdate}) are set for columns the statement does not set. Immutable.
 */
public final class Update implements Executable {

    private final Table table;
    private final List<Join> joins;
    private final Map<Column<?>, Expression<?>> values;
    private final List<Expression<Boolean>> where;
    private final List<Ordering> orderBy;
    private final @Nullable Integer limit;

    private Update(Table table, List<Join> joins, Map<Column<?>, Expression<?>> values, List<Expression<Boolean>> where,
            List<Ordering> orderBy, @Nullable Integer limit) {
        this.table = table;
        this.joins = List.copyOf(joins);
        this.values = new LinkedHashMap<>(values);
        this.where = List.copyOf(where);
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        if (!joins.isEmpty() && (!orderBy.isEmpty() || limit != null)) {
            throw new InvalidRequestException("MySQL allows neither ORDER BY nor LIMIT in a multi-table UPDATE");
        }
    }

    static Update of(Table table) {
        return new Update(table, List.of(), Map.of(), List.of(), List.of(), null);
    }

    public Table table() {
        return table;
    }

    /** {@code SET column = value}; the value may be an expression such as {@code col.plus(1)}. */
    public <T> Update set(Column<T> column, @Nullable Object value) {
        Map<Column<?>, Expression<?>> more = new LinkedHashMap<>(values);
        more.put(column, Insert.valueOf(column, value));
        return new Update(table, joins, more, where, orderBy, limit);
    }

    /** Several assignments at once. */
    public Update values(Map<? extends Column<?>, ?> assignments) {
        Map<Column<?>, Expression<?>> more = new LinkedHashMap<>(values);
        assignments.forEach((column, value) -> more.put(column, Insert.valueOf(column, value)));
        return new Update(table, joins, more, where, orderBy, limit);
    }

    @SafeVarargs
    public final Update where(Expression<Boolean>... conditions) {
        List<Expression<Boolean>> more = new ArrayList<>(where);
        more.addAll(Arrays.asList(conditions));
        return new Update(table, joins, values, more, orderBy, limit);
    }

    /** {@code UPDATE table JOIN target ON …} (inferred from the single foreign key). */
    public Update join(FromClause target) {
        List<Join> more = Froms.withJoin(table, joins, target, null);
        return new Update(table, more, values, where, orderBy, limit);
    }

    public Update join(FromClause target, Expression<Boolean> on) {
        List<Join> more = Froms.withJoin(table, joins, target, on);
        return new Update(table, more, values, where, orderBy, limit);
    }

    public Update orderBy(Object... items) {
        List<Ordering> more = new ArrayList<>(orderBy);
        for (Object item : items) {
            more.add(Sql.ordering(item));
        }
        return new Update(table, joins, values, where, more, limit);
    }

    public Update limit(int rows) {
        return new Update(table, joins, values, where, orderBy, rows);
    }

    public List<Join> joins() {
        return joins;
    }

    public Map<Column<?>, Expression<?>> assignments() {
        return values;
    }

    public @Nullable Expression<Boolean> whereCondition() {
        return where.isEmpty() ? null : where.size() == 1 ? where.get(0) : new BooleanList(Operator.AND, where);
    }

    public List<Ordering> orderByClause() {
        return orderBy;
    }

    public @Nullable Integer limitValue() {
        return limit;
    }

    @Override
    public Compiled compile(Dialect dialect) {
        return dialect.statementCompiler().compile(this);
    }
}
