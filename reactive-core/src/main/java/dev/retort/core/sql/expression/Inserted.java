package dev.retort.core.sql.expression;

import dev.retort.core.schema.Column;
import dev.retort.core.types.SqlType;

/**
 * The value an INSERT tried to write into {@code column}, for {@code ON DUPLICATE KEY UPDATE}
 * ({@code VALUES(column)} on MariaDB, the row alias {@code new.column} on MySQL 8.0.19+).
 */
public record Inserted<T>(Column<T> column) implements Expression<T> {

    @Override
    public SqlType<T> type() {
        return column.type();
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitInserted(this);
    }
}
