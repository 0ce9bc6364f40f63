package dev.retort.core.sql;

import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import java.util.ArrayList;
import java.util.List;

/** {@code left [LEFT|RIGHT] JOIN right ON condition}. Built by {@code Select.join} and friends. */
public record Join(FromClause left, FromClause right, Expression<Boolean> on, Kind kind) implements FromClause {

    /** Join kinds MySQL supports. */
    public enum Kind {
        INNER("JOIN"), LEFT("LEFT OUTER JOIN"), RIGHT("RIGHT OUTER JOIN");

        private final String sql;

        Kind(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    @Override
    public List<? extends Expression<?>> exportedColumns() {
        List<Expression<?>> columns = new ArrayList<>(left.exportedColumns());
        columns.addAll(right.exportedColumns());
        return columns;
    }
}
