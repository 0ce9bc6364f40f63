package dev.retort.core.sql.compile;

import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.Index;
import dev.retort.core.schema.Table;
import java.util.List;

/**
 * Compiles schema definitions into DDL statements for one dialect. Pure: no IO, thread-safe.
 * Identifiers are quoted by the dialect when needed; values in defaults are written as literals
 * (DDL cannot bind parameters), escaped by the dialect.
 *
 * <p>Errors are {@link dev.retort.core.exception.InvalidRequestException}s naming the table and
 * column: a VARCHAR without length, a DECIMAL without precision, an AUTO_INCREMENT column that is
 * not a key, and the like.
 */
public interface DdlCompiler {

    /**
     * {@code CREATE TABLE} with columns, primary key, unique constraints, indexes, checks and the
     * table's foreign keys except {@code omittedForeignKeys} (those are added later with
     * {@link #addForeignKey}); names of unnamed constraints and indexes come from the metadata's
     * naming convention.
     */
    String createTable(Table table, List<ForeignKey> omittedForeignKeys);

    /** {@code DROP TABLE name}. */
    String dropTable(Table table);

    /** {@code CREATE [UNIQUE] INDEX name ON table (columns)}. */
    String createIndex(Table table, Index index);

    /** {@code DROP INDEX name ON table}. */
    String dropIndex(Table table, Index index);

    /** {@code ALTER TABLE table ADD CONSTRAINT name FOREIGN KEY (…) REFERENCES …}. */
    String addForeignKey(Table table, ForeignKey foreignKey);

    /**
     * {@code ALTER TABLE table DROP FOREIGN KEY name}.
     *
     * @throws dev.retort.core.exception.InvalidRequestException when the key has no name (neither
     *     its own nor from the naming convention)
     */
    String dropForeignKey(Table table, ForeignKey foreignKey);
}
