package dev.retort.core.sql;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.sql.expression.Ordering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code DELETE FROM table WHERE … [ORDER BY …] [LIMIT n]}, or with joins the multi-table form
 * {@code DELETE table FROM table JOIN … WHERE …} (no ORDER BY/LIMIT there, as in MySQL). Immutable.
 */
public final class Delete implements Executable {

    private final Table table;
    private final List<Join> joins;
    private final List<Expression<Boolean>> where;
    private final List<Ordering> orderBy;
    private final @Nullable Integer limit;

    private Delete(Table table, List<Join> joins, List<Expression<Boolean>> where, List<Ordering> orderBy,
            @Nullable Integer limit) {
        this.table = table;
        this.joins = List.copyOf(joins);
        this.where = List.copyOf(where);
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        if (!joins.isEmpty() && (!orderBy.isEmpty() || limit != null)) {
            throw new InvalidRequestException("MySQL allows neither ORDER BY nor LIMIT in a multi-table DELETE");
        }
    }

    static Delete from(Table table) {
        return new Delete(table, List.of(), List.of(), List.of(), null);
    }

    public Table table() {
        return table;
    }

    @SafeVarargs
    public final Delete where(Expression<Boolean>... conditions) {
        List<Expression<Boolean>> more = new ArrayList<>(where);
        more.addAll(Arrays.asList(conditions));
        return new Delete(table, joins, more, orderBy, limit);
    }

    /** Joins another table, the condition inferred from the single foreign key. */
    public Delete join(FromClause target) {
        List<Join> more = Froms.withJoin(table, joins, target, null);
        return new Delete(table, more, where, orderBy, limit);
    }

    public Delete join(FromClause target, Expression<Boolean> on) {
        List<Join> more = Froms.withJoin(table, joins, target, on);
        return new Delete(table, more, where, orderBy, limit);
    }

    public Delete orderBy(Object... items) {
        List<Ordering> more = new ArrayList<>(orderBy);
        for (Object item : items) {
            more.add(Sql.ordering(item));
        }
        return new Delete(table, joins, where, more, limit);
    }

    public Delete limit(int rows) {
        return new Delete(table, joins, where, orderBy, rows);
    }

    public List<Join> joins() {
        return joins;
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
