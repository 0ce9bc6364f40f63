/**
 * SQL types and how their values convert between Java and the driver:
 * {@link dev.retort.core.types.SqlType}, the standard types in {@link dev.retort.core.types.Types}.
 */
@NullMarked
package dev.retort.core.types;

import org.jspecify.annotations.NullMarked;
