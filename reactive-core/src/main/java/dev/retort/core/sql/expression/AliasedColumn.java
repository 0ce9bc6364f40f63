package dev.retort.core.sql.expression;

import dev.retort.core.types.SqlType;

/**
 * A column seen through an alias, a derived table or a CTE: written {@code qualifier.name}.
 *
 * @param from the FROM item the column belongs to (for FROM inference)
 */
public record AliasedColumn<T>(String qualifier, String name, SqlType<T> type, FromClause from) implements Expression<T> {

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitAliasedColumn(this);
    }
}
