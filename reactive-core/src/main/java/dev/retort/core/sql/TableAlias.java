package dev.retort.core.sql;

import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.AliasedColumn;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import java.util.List;
import java.util.Objects;

/** {@code table AS alias}, for self-joins and readability. Made by {@link Sql#alias(Table, String)}. */
public record TableAlias(Table table, String name) implements FromClause {

    public TableAlias {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
    }

    /** The aliased table's column {@code column}, written {@code alias.column}. */
    public <T> Expression<T> c(Column<T> column) {
        if (column.table() != table) {
            throw new dev.retort.core.exception.InvalidRequestException("Column " + column + " is not a column of table '"
                    + table.name() + "' (aliased as " + name + ")");
        }
        return new AliasedColumn<>(name, column.name(), column.type(), this);
    }

    /** The aliased table's column named {@code column}. */
    public Expression<?> c(String column) {
        return c(table.c(column));
    }

    @Override
    public List<? extends Expression<?>> exportedColumns() {
        return table.columns().stream().map(this::c).toList();
    }
}
