/**
 * Compilers: {@link dev.retort.core.sql.compile.DdlCompiler} turns schema definitions into DDL
 * for a dialect. Dialects provide the implementations.
 */
@NullMarked
package dev.retort.core.sql.compile;

import org.jspecify.annotations.NullMarked;
