package dev.retort.core.sql.compile;

import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.CompoundSelect;
import dev.retort.core.sql.Delete;
import dev.retort.core.sql.Insert;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.Update;

/**
 * Compiles statements into SQL text with {@code ?} placeholders and the typed values to bind, for
 * one dialect. Pure and thread-safe. Mistakes that only show at compile time (a RETURNING on
 * MySQL, INTERSECT on a server without it) fail with an
 * {@link dev.retort.core.exception.InvalidRequestException} naming the construct.
 */
public interface StatementCompiler {

    Compiled compile(Select select);

    Compiled compile(CompoundSelect select);

    Compiled compile(Insert insert);

    Compiled compile(Update update);

    Compiled compile(Delete delete);
}
