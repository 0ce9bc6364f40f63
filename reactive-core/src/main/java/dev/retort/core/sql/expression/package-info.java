/**
 * The expression language: {@link dev.retort.core.sql.expression.Expression} and its immutable
 * nodes. It sits below the schema layer (a {@code Column} is an expression, as in SQLAlchemy, where
 * {@code Column} derives from the SQL layer's column clause) and above the types.
 */
@NullMarked
package dev.retort.core.sql.expression;

import org.jspecify.annotations.NullMarked;
