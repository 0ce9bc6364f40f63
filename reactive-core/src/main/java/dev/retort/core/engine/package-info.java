/**
 * The engine: {@link dev.retort.core.engine.Engine}, its options and URL, connections,
 * transactions and the Context-bound {@link dev.retort.core.engine.TransactionalOperator}.
 * Implementations are package-private.
 */
@NullMarked
package dev.retort.core.engine;

import org.jspecify.annotations.NullMarked;
