package dev.retort.core.sql;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.Ordering;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code q1 UNION [ALL] q2 …}, {@code INTERSECT}, {@code EXCEPT}, with its own ORDER BY and LIMIT.
 * INTERSECT and EXCEPT need MySQL 8.0.31+ or MariaDB 10.3+; compiling them for an older server
 * fails with a clear error. Immutable.
 */
public final class CompoundSelect implements Query {

    /** The set operations. */
    public enum Kind {
        UNION("UNION"), UNION_ALL("UNION ALL"), INTERSECT("INTERSECT"), EXCEPT("EXCEPT");

        private final String sql;

        Kind(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    private final Kind kind;
    private final List<Query> parts;
    private final List<Ordering> orderBy;
    private final @Nullable Integer limit;
    private final @Nullable Integer offset;

    private CompoundSelect(Kind kind, List<Query> parts, List<Ordering> orderBy, @Nullable Integer limit,
            @Nullable Integer offset) {
        this.kind = kind;
        this.parts = List.copyOf(parts);
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
    }

    static CompoundSelect of(Kind kind, Query first, Query second) {
        if (first.selectedColumns().size() != second.selectedColumns().size()) {
            throw new InvalidRequestException(kind.sql() + " needs queries selecting the same number of columns; got "
                    + first.selectedColumns().size() + " and " + second.selectedColumns().size());
        }
        return new CompoundSelect(kind, List.of(first, second), List.of(), null, null);
    }

    public Kind kind() {
        return kind;
    }

    public List<Query> parts() {
        return parts;
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

    /** Adds another query with the same operation: {@code a UNION b UNION c}. */
    public CompoundSelect and(Query next) {
        of(kind, this, next); // checks the column counts
        List<Query> more = new ArrayList<>(parts);
        more.add(next);
        return new CompoundSelect(kind, more, orderBy, limit, offset);
    }

    public CompoundSelect orderBy(Object... items) {
        List<Ordering> more = new ArrayList<>(orderBy);
        for (Object item : items) {
            more.add(Sql.ordering(item));
        }
        return new CompoundSelect(kind, parts, more, limit, offset);
    }

    public CompoundSelect limit(int rows) {
        return new CompoundSelect(kind, parts, orderBy, rows, offset);
    }

    public CompoundSelect offset(int rows) {
        return new CompoundSelect(kind, parts, orderBy, limit, rows);
    }

    public DerivedTable subquery(String name) {
        return new DerivedTable(this, name, false, false);
    }

    public DerivedTable cte(String name) {
        return new DerivedTable(this, name, true, false);
    }

    public DerivedTable cteRecursive(String name) {
        return new DerivedTable(this, name, true, true);
    }

    @Override
    public List<Expression<?>> selectedColumns() {
        return parts.get(0).selectedColumns();
    }

    @Override
    public Compiled compile(Dialect dialect) {
        return dialect.statementCompiler().compile(this);
    }
}
