package dev.retort.orm.session;

/**
 * Options of the sessions a {@link SessionFactory} opens.
 *
 * @param autoflush flush pending changes before each query the session runs ({@code get} that
 *     misses the identity map, {@code scalars}, {@code execute}), so queries see them. On by default.
 * @param expireOnCommit expire every loaded object after a commit, as SQLAlchemy does. Off by
 *     default: Java cannot intercept a field read to reload it, so an expired object reads as empty
 *     until refreshed; with this off, objects keep the values they had at commit and reading them
 *     needs no IO.
 * @param batchSize how many parents one selectin statement loads children for ({@code IN} list
 *     length, 500 by default), how many objects a cascade delete loads children for per statement,
 *     and the page size of streams that load relationships.
 */
public record SessionOptions(boolean autoflush, boolean expireOnCommit, int batchSize) {

    /** autoflush on, expireOnCommit off, batches of 500. */
    public static final SessionOptions DEFAULTS = new SessionOptions(true, false, 500);

    public SessionOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
    }

    /** The given flags with batches of 500. */
    public SessionOptions(boolean autoflush, boolean expireOnCommit) {
        this(autoflush, expireOnCommit, 500);
    }

    public SessionOptions withAutoflush(boolean value) {
        return new SessionOptions(value, expireOnCommit, batchSize);
    }

    public SessionOptions withExpireOnCommit(boolean value) {
        return new SessionOptions(autoflush, value, batchSize);
    }

    public SessionOptions withBatchSize(int value) {
        return new SessionOptions(autoflush, expireOnCommit, value);
    }
}
