package dev.retort.core.sql.compile;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.CompoundSelect;
import dev.retort.core.sql.Delete;
import dev.retort.core.sql.DerivedTable;
import dev.retort.core.sql.FromCollector;
import dev.retort.core.sql.Insert;
import dev.retort.core.sql.Join;
import dev.retort.core.sql.Query;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.TableAlias;
import dev.retort.core.sql.Update;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.Ordering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The statement compiler for MySQL and MariaDB: SELECT (with inferred FROM, joins, grouping,
 * ordering with emulated NULLS FIRST/LAST, LIMIT/OFFSET, locking, CTEs), compound selects, INSERT
 * (multi-row, from a query, upsert, RETURNING), UPDATE and DELETE (with joins, ORDER BY, LIMIT).
 * Expressions are written by {@link ExpressionWriter}. Stateless; each call builds its own
 * {@link SqlWriter}.
 */
public final class SqlCompiler implements StatementCompiler {

    private final Dialect dialect;

    public SqlCompiler(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public Compiled compile(Select select) {
        SqlWriter out = new SqlWriter(dialect);
        query(out, select);
        return out.toCompiled(select.selectedColumns());
    }

    @Override
    public Compiled compile(CompoundSelect select) {
        SqlWriter out = new SqlWriter(dialect);
        query(out, select);
        return out.toCompiled(select.selectedColumns());
    }

    /** Writes a query with its CTEs (used for top-level queries and subqueries alike). */
    void query(SqlWriter out, Query query) {
        List<DerivedTable> ctes = new ArrayList<>();
        collectCtes(query, ctes);
        if (!ctes.isEmpty()) {
            out.append(ctes.stream().anyMatch(DerivedTable::recursive) ? "WITH RECURSIVE " : "WITH ");
            for (int i = 0; i < ctes.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(dialect.quoteIdentifier(ctes.get(i).name())).append(" AS (");
                Query body = (Query) ctes.get(i).query();
                out.isolated(() -> queryBody(out, body));
                out.append(")");
            }
            out.append(" ");
        }
        queryBody(out, query);
    }

    private void queryBody(SqlWriter out, Query query) {
        if (query instanceof Select select) {
            selectBody(out, select);
        } else if (query instanceof CompoundSelect compound) {
            compoundBody(out, compound);
        } else {
            throw new InvalidRequestException("Not a query: " + query);
        }
    }

    private static void collectCtes(Query query, List<DerivedTable> found) {
        if (query instanceof Select select) {
            for (FromClause from : select.froms()) {
                collectCtes(from, found);
            }
            for (FromClause from : Froms.inferred(select)) {
                collectCtes(from, found);
            }
        } else if (query instanceof CompoundSelect compound) {
            compound.parts().forEach(part -> collectCtes(part, found));
        }
    }

    private static void collectCtes(FromClause from, List<DerivedTable> found) {
        if (from instanceof Join join) {
            collectCtes(join.left(), found);
            collectCtes(join.right(), found);
        } else if (from instanceof DerivedTable derived && derived.cte() && !found.contains(derived)) {
            found.add(derived);
        }
    }

    private void selectBody(SqlWriter out, Select select) {
        ExpressionWriter expressions = new ExpressionWriter(out, this);
        List<FromClause> froms = Froms.all(select, out);
        Set<FromClause> scope = new LinkedHashSet<>();
        froms.forEach(from -> Froms.addLeaves(from, scope));
        out.enterScope(scope);
        try {
            selectClauses(out, select, froms, expressions);
        } finally {
            out.leaveScope();
        }
    }

    private void selectClauses(SqlWriter out, Select select, List<FromClause> froms, ExpressionWriter expressions) {
        out.append("SELECT ");
        if (select.isDistinct()) {
            out.append("DISTINCT ");
        }
        List<Expression<?>> columns = select.selectedColumns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            expressions.selectItem(columns.get(i));
        }
        if (!froms.isEmpty()) {
            out.append(" FROM ");
            for (int i = 0; i < froms.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                from(out, froms.get(i), expressions);
            }
        }
        if (select.whereCondition() != null) {
            out.append(" WHERE ");
            expressions.write(select.whereCondition());
        }
        if (!select.groupByClause().isEmpty()) {
            out.append(" GROUP BY ");
            list(out, select.groupByClause(), expressions);
        }
        if (!select.havingClause().isEmpty()) {
            out.append(" HAVING ");
            expressions.write(dev.retort.core.sql.Sql.and(select.havingClause().toArray(Expression[]::new)));
        }
        orderBy(out, select.orderByClause(), expressions);
        limit(out, select.limitValue(), select.offsetValue());
        out.append(select.lockMode().sql());
    }

    private void compoundBody(SqlWriter out, CompoundSelect compound) {
        if ((compound.kind() == CompoundSelect.Kind.INTERSECT || compound.kind() == CompoundSelect.Kind.EXCEPT)
                && !dialect.supportsIntersectExcept()) {
            throw new InvalidRequestException(compound.kind().sql() + " needs MySQL 8.0.31+ or MariaDB 10.3+; this server is "
                    + dialect);
        }
        ExpressionWriter expressions = new ExpressionWriter(out, this);
        for (int i = 0; i < compound.parts().size(); i++) {
            if (i > 0) {
                out.append(" ").append(compound.kind().sql()).append(" ");
            }
            Query part = compound.parts().get(i);
            // plain parts are written bare (as SQLAlchemy does, and as recursive CTEs need); a part
            // with its own ORDER BY / LIMIT / lock, or a nested compound, keeps its parentheses
            boolean parenthesise = !(part instanceof Select select) || !select.orderByClause().isEmpty()
                    || select.limitValue() != null || select.offsetValue() != null
                    || select.lockMode() != dev.retort.core.sql.LockMode.NONE;
            out.append(parenthesise ? "(" : "");
            queryBody(out, part);
            out.append(parenthesise ? ")" : "");
        }
        // the ORDER BY of a compound names result columns: MySQL refuses table-qualified ones there
        List<Ordering> orderings = new ArrayList<>();
        for (Ordering ordering : compound.orderByClause()) {
            orderings.add(new Ordering(resultColumnReference(ordering.expression()), ordering.descending(),
                    ordering.nullsPlacement()));
        }
        orderBy(out, orderings, expressions);
        limit(out, compound.limitValue(), compound.offsetValue());
    }

    /** A column or label as the bare name of a result column (for a compound's ORDER BY). */
    private Expression<?> resultColumnReference(Expression<?> expression) {
        String name = expression instanceof Column<?> column ? column.name()
                : expression instanceof dev.retort.core.sql.expression.AliasedColumn<?> aliased ? aliased.name()
                : expression instanceof dev.retort.core.sql.expression.Label<?> label ? label.name()
                : null;
        return name == null ? expression : new dev.retort.core.sql.expression.Literal<>(dialect.quoteIdentifier(name), expression.type());
    }

    /** A FROM item: table, alias, join, derived table or CTE reference. */
    void from(SqlWriter out, FromClause from, ExpressionWriter expressions) {
        if (from instanceof Table table) {
            out.append(out.tableName(table));
        } else if (from instanceof TableAlias alias) {
            out.append(out.tableName(alias.table())).append(" AS ").append(dialect.quoteIdentifier(alias.name()));
        } else if (from instanceof Join join) {
            from(out, join.left(), expressions);
            out.append(" ").append(join.kind().sql()).append(" ");
            from(out, join.right(), expressions);
            out.append(" ON ");
            expressions.write(join.on());
        } else if (from instanceof DerivedTable derived) {
            if (derived.cte()) {
                out.append(dialect.quoteIdentifier(derived.name()));
            } else {
                out.append("(");
                // a derived table cannot refer to the query it is in (no LATERAL), so it never correlates
                out.isolated(() -> query(out, (Query) derived.query()));
                out.append(") AS ").append(dialect.quoteIdentifier(derived.name()));
            }
        } else {
            throw new InvalidRequestException("Cannot compile the FROM item " + from);
        }
    }

    private static void list(SqlWriter out, List<? extends Expression<?>> items, ExpressionWriter expressions) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            expressions.write(items.get(i));
        }
    }

    /** ORDER BY; NULLS FIRST/LAST is emulated with an {@code x IS NULL} key before {@code x}. */
    private static void orderBy(SqlWriter out, List<Ordering> orderings, ExpressionWriter expressions) {
        if (orderings.isEmpty()) {
            return;
        }
        out.append(" ORDER BY ");
        for (int i = 0; i < orderings.size(); i++) {
            Ordering ordering = orderings.get(i);
            if (i > 0) {
                out.append(", ");
            }
            if (ordering.nullsPlacement() != null) {
                expressions.write(ordering.expression());
                out.append(ordering.nullsPlacement() ? " IS NULL DESC, " : " IS NULL, ");
            }
            expressions.write(ordering.expression());
            if (ordering.descending()) {
                out.append(" DESC");
            }
        }
    }

    private static void limit(SqlWriter out, Integer limit, Integer offset) {
        if (limit != null) {
            out.append(" LIMIT ").append(String.valueOf(limit));
            if (offset != null) {
                out.append(" OFFSET ").append(String.valueOf(offset));
            }
        } else if (offset != null) {
            // MySQL has no OFFSET without LIMIT; the documented idiom is the largest BIGINT UNSIGNED
            out.append(" LIMIT 18446744073709551615 OFFSET ").append(String.valueOf(offset));
        }
    }

    @Override
    public Compiled compile(Insert insert) {
        SqlWriter out = new SqlWriter(dialect);
        ExpressionWriter expressions = new ExpressionWriter(out, this);
        Table table = insert.table();
        boolean rowAlias = !insert.onDuplicateKeyUpdate().isEmpty() && insert.select() == null
                && dialect.supportsInsertRowAlias();
        expressions.insertRowAlias(rowAlias ? "new" : null);
        out.append("INSERT INTO ").append(out.tableName(table));
        if (insert.select() != null) {
            out.append(" (").append(columnNames(insert.selectColumns())).append(") ");
            query(out, insert.select());
        } else {
            List<Map<Column<?>, Expression<?>>> rows = withClientDefaults(table, insert.rows());
            if (rows.isEmpty() || rows.get(0).isEmpty()) {
                out.append(" () VALUES ()");
            } else {
                List<Column<?>> columns = new ArrayList<>(rows.get(0).keySet());
                out.append(" (").append(columnNames(columns)).append(") VALUES ");
                for (int r = 0; r < rows.size(); r++) {
                    out.append(r > 0 ? ", (" : "(");
                    for (int c = 0; c < columns.size(); c++) {
                        if (c > 0) {
                            out.append(", ");
                        }
                        expressions.write(rows.get(r).get(columns.get(c)));
                    }
                    out.append(")");
                }
            }
            if (rowAlias) {
                out.append(" AS new");
            }
        }
        if (!insert.onDuplicateKeyUpdate().isEmpty()) {
            out.append(" ON DUPLICATE KEY UPDATE ");
            assignments(out, insert.onDuplicateKeyUpdate(), expressions, false);
        }
        if (!insert.returningColumns().isEmpty()) {
            if (!dialect.supportsReturning()) {
                throw new InvalidRequestException("INSERT … RETURNING needs MariaDB 10.5+; " + dialect
                        + " has no RETURNING (read generated keys with Result.generatedKeys instead)");
            }
            out.append(" RETURNING ");
            List<Expression<?>> returning = insert.returningColumns();
            for (int i = 0; i < returning.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                expressions.unqualified(returning.get(i));
            }
        }
        return out.toCompiled(insert.returningColumns());
    }

    /** Adds client defaults ({@code Column.defaultValue}) for columns a row leaves out; each row gets its own value. */
    private static List<Map<Column<?>, Expression<?>>> withClientDefaults(Table table, List<Map<Column<?>, Expression<?>>> rows) {
        List<Column<?>> defaulted = table.columns().stream().filter(column -> column.clientDefault().isPresent()).toList();
        if (defaulted.isEmpty()) {
            return rows;
        }
        List<Map<Column<?>, Expression<?>>> filled = new ArrayList<>(rows.size());
        List<Map<Column<?>, Expression<?>>> source = rows.isEmpty() ? List.of(Map.of()) : rows;
        for (Map<Column<?>, Expression<?>> row : source) {
            Map<Column<?>, Expression<?>> copy = new LinkedHashMap<>(row);
            for (Column<?> column : defaulted) {
                if (!copy.containsKey(column)) {
                    copy.put(column, bindDefault(column, column.clientDefault().orElseThrow()));
                }
            }
            filled.add(copy);
        }
        return filled;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<?> bindDefault(Column column, Supplier<?> supplier) {
        return column.bind(supplier.get());
    }

    private String columnNames(List<Column<?>> columns) {
        StringBuilder names = new StringBuilder();
        for (Column<?> column : columns) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(dialect.quoteIdentifier(column.name()));
        }
        return names.toString();
    }

    private void assignments(SqlWriter out, Map<Column<?>, Expression<?>> values, ExpressionWriter expressions,
            boolean qualified) {
        int i = 0;
        for (Map.Entry<Column<?>, Expression<?>> assignment : values.entrySet()) {
            if (i++ > 0) {
                out.append(", ");
            }
            if (qualified) {
                expressions.write(assignment.getKey());
            } else {
                out.append(dialect.quoteIdentifier(assignment.getKey().name()));
            }
            out.append(" = ");
            expressions.write(assignment.getValue());
        }
    }

    @Override
    public Compiled compile(Update update) {
        if (update.assignments().isEmpty()) {
            throw new InvalidRequestException("UPDATE " + update.table().name() + " sets no column; use set(column, value)");
        }
        SqlWriter out = new SqlWriter(dialect);
        ExpressionWriter expressions = new ExpressionWriter(out, this);
        boolean joined = !update.joins().isEmpty();
        // subqueries in SET and WHERE correlate to the updated tables (MySQL refuses re-reading them)
        Set<FromClause> updated = scopeOf(update.table(), update.joins());
        for (Column<?> column : update.assignments().keySet()) {
            if (!updated.contains(column.table())) {
                throw new InvalidRequestException("UPDATE " + update.table().name() + " cannot set " + column.table().name()
                        + "." + column.name() + ": table '" + column.table().name() + "' is not updated (join it first)");
            }
        }
        out.enterScope(updated);
        out.append("UPDATE ");
        if (joined) {
            from(out, update.joins().get(update.joins().size() - 1), expressions);
        } else {
            out.append(out.tableName(update.table()));
        }
        Map<Column<?>, Expression<?>> values = new LinkedHashMap<>(update.assignments());
        for (Column<?> column : update.table().columns()) {
            if (!values.containsKey(column) && column.clientOnUpdate().isPresent()) {
                values.put(column, bindDefault(column, column.clientOnUpdate().orElseThrow()));
            }
        }
        out.append(" SET ");
        assignments(out, values, expressions, joined);
        if (update.whereCondition() != null) {
            out.append(" WHERE ");
            expressions.write(update.whereCondition());
        }
        orderBy(out, update.orderByClause(), expressions);
        limit(out, update.limitValue(), null);
        return out.toCompiled(List.of());
    }

    @Override
    public Compiled compile(Delete delete) {
        SqlWriter out = new SqlWriter(dialect);
        ExpressionWriter expressions = new ExpressionWriter(out, this);
        out.enterScope(scopeOf(delete.table(), delete.joins()));
        if (delete.joins().isEmpty()) {
            out.append("DELETE FROM ").append(out.tableName(delete.table()));
        } else {
            out.append("DELETE ").append(out.tableName(delete.table())).append(" FROM ");
            from(out, delete.joins().get(delete.joins().size() - 1), expressions);
        }
        if (delete.whereCondition() != null) {
            out.append(" WHERE ");
            expressions.write(delete.whereCondition());
        }
        orderBy(out, delete.orderByClause(), expressions);
        limit(out, delete.limitValue(), null);
        return out.toCompiled(List.of());
    }

    /** The tables an UPDATE or DELETE reads, which its subqueries correlate to. */
    private static Set<FromClause> scopeOf(Table table, List<Join> joins) {
        Set<FromClause> scope = new LinkedHashSet<>();
        scope.add(table);
        joins.forEach(join -> Froms.addLeaves(join, scope));
        return scope;
    }

    /** FROM computation for a SELECT: explicit items, then inferred tables not already inside them. */
    static final class Froms {

        private Froms() {
        }

        static List<FromClause> inferred(Select select) {
            return FromCollector.collect(select.selectedColumns(), select.whereClause(), select.havingClause(),
                    select.groupByClause());
        }

        /**
         * Explicit FROM items, then inferred ones not already inside them; an inferred table that an
         * enclosing query reads is left out, so the subquery correlates to it (as SQLAlchemy does).
         */
        static List<FromClause> all(Select select, SqlWriter out) {
            List<FromClause> froms = new ArrayList<>(select.froms());
            Set<FromClause> covered = new LinkedHashSet<>();
            for (FromClause from : froms) {
                addLeaves(from, covered);
            }
            List<FromClause> extra = new ArrayList<>();
            for (FromClause from : inferred(select)) {
                if (covered.add(from)) {
                    extra.add(from);
                }
            }
            // SQLAlchemy's auto-correlation: only a query with more than one FROM item correlates,
            // and never down to no FROM at all (SELECT MAX(t.x) FROM t inside a query on t stays whole)
            if (froms.size() + extra.size() > 1) {
                List<FromClause> uncorrelated = extra.stream().filter(from -> !out.enclosingHas(from)).toList();
                if (!froms.isEmpty() || !uncorrelated.isEmpty()) {
                    extra = uncorrelated;
                }
            }
            froms.addAll(extra);
            return froms;
        }

        static void addLeaves(FromClause from, Set<FromClause> into) {
            if (from instanceof Join join) {
                addLeaves(join.left(), into);
                addLeaves(join.right(), into);
            } else {
                into.add(from);
            }
        }
    }
}
