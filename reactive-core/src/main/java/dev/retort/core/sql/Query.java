package dev.retort.core.sql;

import dev.retort.core.sql.expression.Subqueryable;

/** A SELECT or compound SELECT: runnable, and usable as a subquery. */
public sealed interface Query extends Executable, Subqueryable permits Select, CompoundSelect {
}
