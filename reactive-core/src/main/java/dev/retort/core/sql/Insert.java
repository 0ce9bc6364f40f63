package dev.retort.core.sql;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.Bind;
import dev.retort.core.sql.expression.Expression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code INSERT INTO table …}: one row ({@link #values(Map)}, {@link #value}), many rows
 * ({@link #values(List)}), rows from a query ({@link #fromSelect}), or no values at all, in which
 * case the rows come from the parameter maps given at execution (executemany, rewritten into
 * multi-row INSERTs). Values are bound through each column's type. Client defaults
 * ({@code Column.defaultValue}) fill columns a row leaves out. Immutable.
 */
public final class Insert implements Executable {

    private final Table table;
    private final List<Map<Column<?>, Expression<?>>> rows;
    private final @Nullable List<Column<?>> selectColumns;
    private final @Nullable Query select;
    private final Map<Column<?>, Expression<?>> onDuplicate;
    private final List<Expression<?>> returning;

    private Insert(Table table, List<Map<Column<?>, Expression<?>>> rows, @Nullable List<Column<?>> selectColumns,
            @Nullable Query select, Map<Column<?>, Expression<?>> onDuplicate, List<Expression<?>> returning) {
        this.table = table;
        this.rows = rows.stream().map(row -> (Map<Column<?>, Expression<?>>) new LinkedHashMap<>(row)).toList();
        this.selectColumns = selectColumns == null ? null : List.copyOf(selectColumns);
        this.select = select;
        this.onDuplicate = new LinkedHashMap<>(onDuplicate);
        this.returning = List.copyOf(returning);
    }

    static Insert into(Table table) {
        return new Insert(table, List.of(), null, null, Map.of(), List.of());
    }

    public Table table() {
        return table;
    }

    /** One row of values by column; values may be plain Java values or expressions. */
    public Insert values(Map<? extends Column<?>, ?> row) {
        return values(List.of(row));
    }

    /** Several rows; each map gives values by column, and all rows must name the same columns. */
    public Insert values(List<? extends Map<? extends Column<?>, ?>> newRows) {
        if (select != null) {
            throw new InvalidRequestException("This INSERT already takes its rows from a query");
        }
        List<Map<Column<?>, Expression<?>>> all = new ArrayList<>(rows);
        for (Map<? extends Column<?>, ?> row : newRows) {
            Map<Column<?>, Expression<?>> converted = new LinkedHashMap<>();
            row.forEach((column, value) -> converted.put(own(column), valueOf(column, value)));
            if (!all.isEmpty() && !all.get(0).keySet().equals(converted.keySet())) {
                throw new InvalidRequestException("Every row of a multi-row INSERT must name the same columns: "
                        + names(all.get(0).keySet()) + " vs " + names(converted.keySet()));
            }
            all.add(converted);
        }
        return new Insert(table, all, null, null, onDuplicate, returning);
    }

    /** Sets one column of the (single) row. */
    public <T> Insert value(Column<T> column, @Nullable T value) {
        if (rows.size() > 1) {
            throw new InvalidRequestException("value() sets a column of a single-row INSERT; this one has " + rows.size() + " rows");
        }
        Map<Column<?>, Expression<?>> row = rows.isEmpty() ? new LinkedHashMap<>() : new LinkedHashMap<>(rows.get(0));
        row.put(own(column), column.bind(value));
        return new Insert(table, List.of(row), null, null, onDuplicate, returning);
    }

    /** {@code INSERT INTO table (columns) SELECT …}. */
    public Insert fromSelect(List<? extends Column<?>> columns, Query query) {
        if (columns.size() != query.selectedColumns().size()) {
            throw new InvalidRequestException("INSERT … SELECT names " + columns.size() + " columns but the query selects "
                    + query.selectedColumns().size());
        }
        List<Column<?>> owned = columns.stream().<Column<?>>map(this::own).toList();
        return new Insert(table, List.of(), owned, query, onDuplicate, returning);
    }

    /**
     * MySQL's upsert: {@code ON DUPLICATE KEY UPDATE column = value, …}. Values may refer to the
     * row the INSERT tried to write with {@link Sql#inserted(Column)}.
     */
    public Insert onDuplicateKeyUpdate(Map<? extends Column<?>, ?> assignments) {
        Map<Column<?>, Expression<?>> all = new LinkedHashMap<>(onDuplicate);
        assignments.forEach((column, value) -> all.put(own(column), valueOf(column, value)));
        return new Insert(table, rows, selectColumns, select, all, returning);
    }

    /** {@code RETURNING …} (MariaDB 10.5+; compiling it for MySQL fails with a clear error). */
    public Insert returning(Expression<?>... expressions) {
        List<Expression<?>> all = new ArrayList<>(returning);
        all.addAll(Arrays.asList(expressions));
        return new Insert(table, rows, selectColumns, select, onDuplicate, all);
    }

    public List<Map<Column<?>, Expression<?>>> rows() {
        return rows;
    }

    public @Nullable List<Column<?>> selectColumns() {
        return selectColumns;
    }

    public @Nullable Query select() {
        return select;
    }

    public Map<Column<?>, Expression<?>> onDuplicateKeyUpdate() {
        return onDuplicate;
    }

    public List<Expression<?>> returningColumns() {
        return returning;
    }

    private Column<?> own(Column<?> column) {
        if (column.table() != table) {
            throw new InvalidRequestException("Column " + column + " is not a column of table '" + table.name() + "'");
        }
        return column;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Expression<?> valueOf(Column<?> column, @Nullable Object value) {
        if (value instanceof Expression<?> expression) {
            return expression;
        }
        return Bind.of(value, (dev.retort.core.types.SqlType) column.type());
    }

    private static List<String> names(java.util.Collection<Column<?>> columns) {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public Compiled compile(Dialect dialect) {
        return dialect.statementCompiler().compile(this);
    }
}
