package dev.retort.core.engine;

import dev.retort.core.exception.ConfigurationException;
import dev.retort.core.pool.PoolKind;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an engine behaves: logging, pool kind and sizes, timeouts, default isolation. Immutable; made
 * with {@link #builder()}. The defaults follow SQLAlchemy's {@code create_engine}.
 *
 * <h2>Pool sizes and r2dbc-pool</h2>
 * A QUEUE pool opens connections on demand up to {@code poolSize + maxOverflow} (r2dbc-pool's
 * {@code maxSize}); none is opened eagerly ({@code initialSize = minIdle = 0}). r2dbc-pool cannot
 * tell an overflow connection from a core one, so instead of closing overflow connections at
 * checkin (as SQLAlchemy does) idle connections are closed after {@code idleTimeout}: by default 60
 * seconds when {@code maxOverflow > 0}, never when {@code maxOverflow == 0}. {@code poolRecycle}
 * is r2dbc-pool's {@code maxLifeTime}; {@code poolTimeout} its {@code maxAcquireTime};
 * {@code prePing} makes it validate with a round trip ({@code ValidationDepth.REMOTE}) at each
 * checkout instead of only checking the socket.
 */
public final class EngineOptions {

    /** Idle timeout used when {@code maxOverflow > 0} and none was set. */
    public static final Duration DEFAULT_OVERFLOW_IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final EngineOptions DEFAULTS = builder().build();

    private final boolean echo;
    private final boolean echoPool;
    private final boolean hideParameters;
    private final PoolKind poolKind;
    private final int poolSize;
    private final int maxOverflow;
    private final @Nullable Duration poolTimeout;
    private final @Nullable Duration poolRecycle;
    private final @Nullable Duration idleTimeout;
    private final boolean idleTimeoutExplicit;
    private final boolean prePing;
    private final @Nullable IsolationLevel isolationLevel;
    private final Duration connectTimeout;
    private final Duration releaseTimeout;
    private final String name;
    private final @Nullable ExternalTransactions externalTransactions;
    private final @Nullable EngineListener listener;

    private EngineOptions(Builder builder) {
        this.echo = builder.echo;
        this.echoPool = builder.echoPool;
        this.hideParameters = builder.hideParameters;
        this.poolKind = builder.poolKind;
        this.poolSize = builder.poolSize;
        this.maxOverflow = builder.maxOverflow;
        this.poolTimeout = builder.poolTimeout;
        this.poolRecycle = builder.poolRecycle;
        this.idleTimeout = builder.idleTimeoutSet ? builder.idleTimeout
                : builder.maxOverflow > 0 ? DEFAULT_OVERFLOW_IDLE_TIMEOUT : null;
        this.idleTimeoutExplicit = builder.idleTimeoutSet;
        this.prePing = builder.prePing;
        this.isolationLevel = builder.isolationLevel;
        this.connectTimeout = builder.connectTimeout;
        this.releaseTimeout = builder.releaseTimeout;
        this.name = builder.name;
        this.externalTransactions = builder.externalTransactions;
        this.listener = builder.listener;
    }

    /** The defaults: no echo, QUEUE pool of 5 plus 10 overflow, 30 s pool timeout, no recycle, no pre-ping. */
    public static EngineOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder().echo(echo).echoPool(echoPool).hideParameters(hideParameters).poolKind(poolKind)
                .poolSize(poolSize).maxOverflow(maxOverflow).poolTimeout(poolTimeout).poolRecycle(poolRecycle)
                .prePing(prePing).isolationLevel(isolationLevel).connectTimeout(connectTimeout)
                .releaseTimeout(releaseTimeout).name(name).externalTransactions(externalTransactions);
        builder.listener(listener);
        if (idleTimeoutExplicit) {
            builder.idleTimeout(idleTimeout);
        }
        return builder;
    }

    /** Log every statement, its parameters and elapsed time, and BEGIN/COMMIT/ROLLBACK, at INFO on {@code dev.retort.engine}. */
    public boolean echo() {
        return echo;
    }

    /** Log checkouts, checkins and invalidations at INFO on {@code dev.retort.pool}. */
    public boolean echoPool() {
        return echoPool;
    }

    /** Keep parameter values out of logs and exception messages. */
    public boolean hideParameters() {
        return hideParameters;
    }

    public PoolKind poolKind() {
        return poolKind;
    }

    public int poolSize() {
        return poolSize;
    }

    public int maxOverflow() {
        return maxOverflow;
    }

    /** Longest wait for a checkout; {@code null} waits forever. */
    public @Nullable Duration poolTimeout() {
        return poolTimeout;
    }

    /** Maximum connection age; {@code null} for none. */
    public @Nullable Duration poolRecycle() {
        return poolRecycle;
    }

    /** Idle connections older than this are closed; {@code null} for never. */
    public @Nullable Duration idleTimeout() {
        return idleTimeout;
    }

    public boolean prePing() {
        return prePing;
    }

    /** Isolation level for every transaction that does not choose one; {@code null}: the server's. */
    public @Nullable IsolationLevel isolationLevel() {
        return isolationLevel;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long cleaning a connection for reuse may take (rollback of an abandoned transaction, the
     * check after a cancelled statement) before the connection is invalidated instead.
     */
    public Duration releaseTimeout() {
        return releaseTimeout;
    }

    /** A label for logs and pool names. */
    public String name() {
        return name;
    }

    /**
     * Where the engine looks for a transaction that another framework's transaction manager bound
     * to the subscription (for example Spring's {@code R2dbcTransactionManager}); {@code null}, the
     * default, for none. See {@link ExternalTransactions}.
     */
    public @Nullable ExternalTransactions externalTransactions() {
        return externalTransactions;
    }

    /** What hears the engine's pool and statement events; {@code null} (the default) for nothing. */
    public @Nullable EngineListener listener() {
        return listener;
    }

    /**
     * These options with {@code listener} in place of the current one ({@code null} removes it),
     * e.g. {@code EngineOptions.defaults().withListener(metrics.listener())}.
     */
    public EngineOptions withListener(@Nullable EngineListener listener) {
        return toBuilder().listener(listener).build();
    }

    @Override
    public String toString() {
        return "EngineOptions[echo=" + echo + ", echoPool=" + echoPool + ", hideParameters=" + hideParameters
                + ", poolKind=" + poolKind + ", poolSize=" + poolSize + ", maxOverflow=" + maxOverflow
                + ", poolTimeout=" + poolTimeout + ", poolRecycle=" + poolRecycle + ", idleTimeout=" + idleTimeout
                + ", prePing=" + prePing + ", isolationLevel=" + isolationLevel + ", connectTimeout=" + connectTimeout
                + ", releaseTimeout=" + releaseTimeout + ", name=" + name
                + (externalTransactions == null ? "" : ", externalTransactions=" + externalTransactions)
                + (listener == null ? "" : ", listener=" + listener.getClass().getName()) + "]";
    }

    /** Builder for {@link EngineOptions}; every setter checks its argument at once. */
    public static final class Builder {

        private boolean echo;
        private boolean echoPool;
        private boolean hideParameters;
        private PoolKind poolKind = PoolKind.QUEUE;
        private int poolSize = 5;
        private int maxOverflow = 10;
        private @Nullable Duration poolTimeout = Duration.ofSeconds(30);
        private @Nullable Duration poolRecycle;
        private @Nullable Duration idleTimeout;
        private boolean idleTimeoutSet;
        private boolean prePing;
        private @Nullable IsolationLevel isolationLevel;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration releaseTimeout = Duration.ofSeconds(5);
        private String name = "retort";
        private @Nullable ExternalTransactions externalTransactions;
        private @Nullable EngineListener listener;

        private Builder() {
        }

        public Builder echo(boolean value) {
            this.echo = value;
            return this;
        }

        public Builder echoPool(boolean value) {
            this.echoPool = value;
            return this;
        }

        public Builder hideParameters(boolean value) {
            this.hideParameters = value;
            return this;
        }

        public Builder poolKind(PoolKind value) {
            this.poolKind = Objects.requireNonNull(value, "poolKind");
            return this;
        }

        /** Connections the QUEUE pool keeps; at least 1. */
        public Builder poolSize(int value) {
            if (value < 1) {
                throw new ConfigurationException("poolSize must be at least 1, was " + value);
            }
            this.poolSize = value;
            return this;
        }

        /** Extra connections allowed under load; at least 0. */
        public Builder maxOverflow(int value) {
            if (value < 0) {
                throw new ConfigurationException("maxOverflow must be at least 0, was " + value);
            }
            this.maxOverflow = value;
            return this;
        }

        /** Longest wait for a checkout; {@code null} to wait forever. */
        public Builder poolTimeout(@Nullable Duration value) {
            this.poolTimeout = positiveOrNull(value, "poolTimeout");
            return this;
        }

        public Builder poolRecycle(@Nullable Duration value) {
            this.poolRecycle = positiveOrNull(value, "poolRecycle");
            return this;
        }

        /** Idle connections older than this are closed; {@code null} keeps them. */
        public Builder idleTimeout(@Nullable Duration value) {
            this.idleTimeout = positiveOrNull(value, "idleTimeout");
            this.idleTimeoutSet = true;
            return this;
        }

        public Builder prePing(boolean value) {
            this.prePing = value;
            return this;
        }

        public Builder isolationLevel(@Nullable IsolationLevel value) {
            this.isolationLevel = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(positiveOrNull(value, "connectTimeout"), "connectTimeout");
            return this;
        }

        public Builder releaseTimeout(Duration value) {
            this.releaseTimeout = Objects.requireNonNull(positiveOrNull(value, "releaseTimeout"), "releaseTimeout");
            return this;
        }

        public Builder name(String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigurationException("name must not be blank");
            }
            this.name = value;
            return this;
        }

        /**
         * Lets every engine call join a transaction that another framework bound to the
         * subscription (see {@link ExternalTransactions}); {@code null} for none.
         */
        public Builder externalTransactions(@Nullable ExternalTransactions value) {
            this.externalTransactions = value;
            return this;
        }

        /**
         * What hears the engine's pool and statement events ({@link EngineListener});
         * {@code null}, the default, for nothing, which costs nothing.
         */
        public Builder listener(@Nullable EngineListener value) {
            this.listener = value;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(this);
        }

        private static @Nullable Duration positiveOrNull(@Nullable Duration value, String what) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new ConfigurationException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
