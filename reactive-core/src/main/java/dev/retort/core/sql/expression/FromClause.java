package dev.retort.core.sql.expression;

import java.util.List;

/**
 * Something a SELECT can read from: a table, a table alias, a join, a derived table (subquery) or
 * a common table expression.
 */
public interface FromClause {

    /** The columns this FROM item offers, in order (what {@code select(from)} selects). */
    List<? extends Expression<?>> exportedColumns();
}
