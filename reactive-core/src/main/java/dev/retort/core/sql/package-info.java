/**
 * The SQL expression language: {@link dev.retort.core.sql.Sql} static entry points and immutable
 * statements that compile to SQL text plus ordered bind values.
 */
@NullMarked
package dev.retort.core.sql;

import org.jspecify.annotations.NullMarked;
