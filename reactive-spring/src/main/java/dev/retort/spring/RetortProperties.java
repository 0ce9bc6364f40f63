package dev.retort.spring;

import dev.retort.core.engine.IsolationLevel;
import dev.retort.core.pool.PoolKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Retort engine and ORM session factory (retort.*), read once when
 * the application context starts. Each property maps onto one {@link dev.retort.core.engine.EngineOptions}
 * setting; a property left unset keeps Retort's default. Durations take Spring's forms
 * (30s, 500ms, PT1M); for the pool's durations 0 means "none"
 * (wait forever, keep connections forever).
 *
 * <p>Without retort.url the engine is configured from Spring's spring.r2dbc.url,
 * spring.r2dbc.username, spring.r2dbc.password and the spring.r2dbc.pool.*
 * settings that have a Retort counterpart (see the README); retort.* settings still win.
 */
@ConfigurationProperties("retort")
public class RetortProperties {

    /**
     * Database URL: mysql://user:pass@host:3306/db?option=value, mariadb://… or an
     * R2DBC URL (r2dbc:mysql://…, r2dbc:pool:mysql://…). Falls back to
     * spring.r2dbc.url.
     */
    private @Nullable String url;

    /** User name, used when the URL names none. */
    private @Nullable String username;

    /** Password, used when the URL has none. */
    private @Nullable String password;

    /** A label for logs and the pool's name. */
    private @Nullable String name;

    /** Log every statement, its parameters and time, and BEGIN/COMMIT/ROLLBACK (logger dev.retort.engine). */
    private boolean echo;

    /** Log checkouts, checkins and invalidations (logger dev.retort.pool). */
    private boolean echoPool;

    /** Keep parameter values out of logs and exception messages. */
    private boolean hideParameters;

    /** Isolation level of every transaction that does not choose one; unset: the server's. */
    private @Nullable IsolationLevel isolationLevel;

    /** Longest wait for a new connection to open. Retort's default: 10 s. */
    private @Nullable Duration connectTimeout;

    /** Longest time cleaning a connection for reuse may take before it is closed instead. Retort's default: 5 s. */
    private @Nullable Duration releaseTimeout;

    /**
     * How long closing the application context waits for the engine's pool to close (work still
     * holding connections is waited for up to this long); then the context goes on closing.
     */
    private Duration disposeTimeout = Duration.ofSeconds(30);

    private final Pool pool = new Pool();

    private final Orm orm = new Orm();

    public @Nullable String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getUsername() {
        return username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public boolean isEcho() {
        return echo;
    }

    public void setEcho(boolean echo) {
        this.echo = echo;
    }

    public boolean isEchoPool() {
        return echoPool;
    }

    public void setEchoPool(boolean echoPool) {
        this.echoPool = echoPool;
    }

    public boolean isHideParameters() {
        return hideParameters;
    }

    public void setHideParameters(boolean hideParameters) {
        this.hideParameters = hideParameters;
    }

    public @Nullable IsolationLevel getIsolationLevel() {
        return isolationLevel;
    }

    public void setIsolationLevel(@Nullable IsolationLevel isolationLevel) {
        this.isolationLevel = isolationLevel;
    }

    public @Nullable Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(@Nullable Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public @Nullable Duration getReleaseTimeout() {
        return releaseTimeout;
    }

    public void setReleaseTimeout(@Nullable Duration releaseTimeout) {
        this.releaseTimeout = releaseTimeout;
    }

    public Duration getDisposeTimeout() {
        return disposeTimeout;
    }

    public void setDisposeTimeout(Duration disposeTimeout) {
        this.disposeTimeout = disposeTimeout;
    }

    public Pool getPool() {
        return pool;
    }

    public Orm getOrm() {
        return orm;
    }

    /**
     * The connection pool (retort.pool.*). A QUEUE pool opens connections on demand up to
     * max-size (size + max-overflow); none is opened at startup.
     */
    public static class Pool {

        /** QUEUE (bounded pool, default), NULL (a new connection per checkout) or STATIC (one connection). */
        private @Nullable PoolKind kind;

        /** Connections the pool is sized for (SQLAlchemy's pool_size). Retort's default: 5. */
        private @Nullable Integer size;

        /** Connections allowed beyond size under load. Retort's default: 10. */
        private @Nullable Integer maxOverflow;

        /**
         * The most connections open at once (size + max-overflow); when set, the overflow is
         * max-size - size (and size at most max-size).
         */
        private @Nullable Integer maxSize;

        /** Longest wait for a connection from the pool (acquire timeout); 0: wait forever. Retort's default: 30 s. */
        private @Nullable Duration timeout;

        /** Connections older than this are closed instead of reused (pool_recycle); 0 or unset: never. */
        private @Nullable Duration maxLifeTime;

        /**
         * Idle connections older than this are closed; 0: never. Retort's default: 60 s
         * when the pool has overflow, else never.
         */
        private @Nullable Duration maxIdleTime;

        /** Check each connection with a round trip at checkout (pool_pre_ping). */
        private @Nullable Boolean prePing;

        public @Nullable PoolKind getKind() {
            return kind;
        }

        public void setKind(@Nullable PoolKind kind) {
            this.kind = kind;
        }

        public @Nullable Integer getSize() {
            return size;
        }

        public void setSize(@Nullable Integer size) {
            this.size = size;
        }

        public @Nullable Integer getMaxOverflow() {
            return maxOverflow;
        }

        public void setMaxOverflow(@Nullable Integer maxOverflow) {
            this.maxOverflow = maxOverflow;
        }

        public @Nullable Integer getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(@Nullable Integer maxSize) {
            this.maxSize = maxSize;
        }

        public @Nullable Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

        public @Nullable Duration getMaxLifeTime() {
            return maxLifeTime;
        }

        public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
            this.maxLifeTime = maxLifeTime;
        }

        public @Nullable Duration getMaxIdleTime() {
            return maxIdleTime;
        }

        public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
            this.maxIdleTime = maxIdleTime;
        }

        public @Nullable Boolean getPrePing() {
            return prePing;
        }

        public void setPrePing(@Nullable Boolean prePing) {
            this.prePing = prePing;
        }
    }

    /** The ORM session factory (retort.orm.*), made when reactive-orm is on the class path. */
    public static class Orm {

        /**
         * Packages scanned (with sub-packages) for @Entity classes. Unset: the packages of
         * @EntityScan, else the application's auto-configuration packages (the package of
         * the @SpringBootApplication class). Ignored when the application declares a
         * Mapping bean.
         */
        private List<String> packages = new ArrayList<>();

        /** Flush pending changes before each query a session runs. */
        private boolean autoflush = true;

        /** Expire every loaded object after a commit. */
        private boolean expireOnCommit;

        /** Parents per selectin statement, objects per cascade-delete load, page size of relationship streams. */
        private int batchSize = 500;

        public List<String> getPackages() {
            return packages;
        }

        public void setPackages(List<String> packages) {
            this.packages = packages;
        }

        public boolean isAutoflush() {
            return autoflush;
        }

        public void setAutoflush(boolean autoflush) {
            this.autoflush = autoflush;
        }

        public boolean isExpireOnCommit() {
            return expireOnCommit;
        }

        public void setExpireOnCommit(boolean expireOnCommit) {
            this.expireOnCommit = expireOnCommit;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }
}
