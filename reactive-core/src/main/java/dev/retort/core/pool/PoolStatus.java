package dev.retort.core.pool;

/**
 * A snapshot of a pool's counters, read without IO.
 *
 * @param kind the pool kind
 * @param size connections currently open (checked out plus idle)
 * @param checkedOut connections handed to callers and not yet released
 * @param idle open connections waiting in the pool
 * @param pending callers waiting for a connection
 * @param maxSize the most connections the pool will open at once ({@code Integer.MAX_VALUE} for NULL)
 */
public record PoolStatus(PoolKind kind, int size, int checkedOut, int idle, int pending, int maxSize) {

    @Override
    public String toString() {
        return "Pool " + kind + " size=" + size + " checkedOut=" + checkedOut + " idle=" + idle + " pending=" + pending
                + (maxSize == Integer.MAX_VALUE ? "" : " max=" + maxSize);
    }
}
