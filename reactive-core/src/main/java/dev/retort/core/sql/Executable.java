package dev.retort.core.sql;

import dev.retort.core.dialect.Dialect;

/**
 * A statement that can be executed: {@link TextClause} now, the statement builders later. It is an
 * immutable value; compiling it does no IO.
 */
public interface Executable {

    /**
     * Compiles this statement for a dialect into SQL text with positional placeholders and the names
     * of the values to bind to them, in order.
     */
    Compiled compile(Dialect dialect);
}
