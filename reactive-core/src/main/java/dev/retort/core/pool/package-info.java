/**
 * Connection pools: {@link dev.retort.core.pool.PoolKind} (QUEUE, NULL, STATIC), their settings
 * and status, and the {@link dev.retort.core.pool.ConnectionSource} an engine draws from.
 */
@NullMarked
package dev.retort.core.pool;

import org.jspecify.annotations.NullMarked;
