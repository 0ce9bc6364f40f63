package dev.retort.core.sql.expression;

import java.util.List;

/**
 * A query that can stand inside an expression or a FROM clause: a SELECT or a compound SELECT
 * (UNION …). Implemented by the statement classes; the expression layer only needs this.
 */
public interface Subqueryable {

    /** The expressions the query selects, in order. */
    List<Expression<?>> selectedColumns();
}
