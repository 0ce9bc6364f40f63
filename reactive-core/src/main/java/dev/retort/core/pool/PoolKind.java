package dev.retort.core.pool;

/** How an engine keeps its connections (SQLAlchemy's QueuePool, NullPool and StaticPool). */
public enum PoolKind {
    /**
     * A bounded pool (r2dbc-pool): up to {@code poolSize + maxOverflow} connections, opened on
     * demand, reused after release, waiting callers queued in order.
     */
    QUEUE,
    /** No pooling: each checkout opens a new connection, each release closes it. */
    NULL,
    /**
     * One connection for the engine's whole life, opened on first use. Checkouts are serialised:
     * a second concurrent checkout waits until the first is released.
     */
    STATIC
}
