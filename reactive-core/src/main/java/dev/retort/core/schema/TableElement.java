package dev.retort.core.schema;

/**
 * Something a table is made of: a {@link Column}, a {@link Constraint}, an {@link Index} or
 * {@link TableOptions}. Passed to {@link MetaData#table(String, TableElement...)} or added by a
 * typed table class.
 */
public sealed interface TableElement permits Column, Constraint, Index, TableOptions {
}
