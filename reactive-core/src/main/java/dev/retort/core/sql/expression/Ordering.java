package dev.retort.core.sql.expression;

import org.jspecify.annotations.Nullable;

/**
 * An ORDER BY item. {@code nullsPlacement} {@code null} keeps the server's order (MySQL sorts NULLs
 * first ascending and last descending); {@code true} puts NULLs first and {@code false} last, which the compiler emulates (MySQL has no NULLS FIRST/LAST), which
 * MySQL lacks, with an {@code x IS NULL} key.
 */
public record Ordering(Expression<?> expression, boolean descending, @Nullable Boolean nullsPlacement) {

    public Ordering nullsFirst() {
        return new Ordering(expression, descending, true);
    }

    public Ordering nullsLast() {
        return new Ordering(expression, descending, false);
    }
}
