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
 */
public record SessionOptions(boolean autoflush, boolean expireOnCommit) {

    /** autoflush on, expireOnCommit off. */
    public static final SessionOptions DEFAULTS = new SessionOptions(true, false);

    public SessionOptions withAutoflush(boolean value) {
        return new SessionOptions(value, expireOnCommit);
    }

    public SessionOptions withExpireOnCommit(boolean value) {
        return new SessionOptions(autoflush, value);
    }
}
