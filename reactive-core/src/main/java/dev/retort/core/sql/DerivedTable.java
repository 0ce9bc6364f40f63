package dev.retort.core.sql;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.AliasedColumn;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.Subqueryable;
import java.util.List;

/**
 * A query used as a table, {@code (SELECT …) AS name}, or a common table expression
 * ({@code WITH [RECURSIVE] name AS (…)}) when {@code cte} is set. Its columns are the query's
 * selected columns, seen as {@code name.column}.
 */
public record DerivedTable(Subqueryable query, String name, boolean cte, boolean recursive) implements FromClause {

    /** The column the query selects under {@code label} (its label, or a column's name). */
    public Expression<?> c(String label) {
        for (Expression<?> column : query.selectedColumns()) {
            String name = Sql.nameOf(column);
            if (label.equals(name)) {
                return new AliasedColumn<>(this.name, name, column.type(), this);
            }
        }
        throw new InvalidRequestException("'" + name + "' has no column '" + label + "'; it has "
                + query.selectedColumns().stream().map(Sql::nameOf).toList());
    }

    /** The column under {@code label}, checked to hold values of {@code javaType}. */
    @SuppressWarnings("unchecked")
    public <T> Expression<T> c(String label, Class<T> javaType) {
        Expression<?> column = c(label);
        if (column.type().javaType() != Object.class && !javaType.isAssignableFrom(column.type().javaType())) {
            throw new InvalidRequestException("'" + name + "." + label + "' holds " + column.type().javaType().getName()
                    + ", not " + javaType.getName());
        }
        return (Expression<T>) column;
    }

    @Override
    public List<? extends Expression<?>> exportedColumns() {
        return query.selectedColumns().stream().map(column -> c(Sql.nameOf(column))).toList();
    }
}
