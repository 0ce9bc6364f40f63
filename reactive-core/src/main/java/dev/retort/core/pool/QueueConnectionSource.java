package dev.retort.core.pool;

import dev.retort.core.exception.PoolTimeoutException;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * QUEUE and STATIC pools on r2dbc-pool. Sizes map as: {@code maxSize = poolSize + maxOverflow}
 * (1 for STATIC), {@code initialSize = minIdle = 0} (connections open on demand, as SQLAlchemy's
 * QueuePool does), {@code maxIdleTime = idleTimeout}, {@code maxLifeTime = poolRecycle},
 * {@code maxAcquireTime = poolTimeout}, {@code validationDepth = REMOTE} with prePing else
 * {@code LOCAL}. r2dbc-pool's own acquire retry is off; a checkout retries only after a failed
 * validation, so a dead connection is replaced without the caller seeing it.
 *
 * <p>Invalidation: r2dbc-pool has no public way to drop a checked-out connection, so the driver
 * connection is marked here and the pool's {@code preRelease} hook fails for it on release, which
 * makes r2dbc-pool destroy it instead of keeping it.
 */
final class QueueConnectionSource implements ConnectionSource {

    /** The message r2dbc-pool gives a failed validation ({@code io.r2dbc.pool.Validation}). */
    private static final String VALIDATION_FAILED = "Connection validation failed";

    private final ConnectionPool pool;
    private final PoolSettings settings;
    private final PoolEcho echo;
    private final Set<Connection> invalidated = ConcurrentHashMap.newKeySet();
    private final ServerThreads threads;

    QueueConnectionSource(ConnectionFactory factory, PoolSettings settings) {
        this.settings = settings;
        this.echo = new PoolEcho(settings.echoPool(), settings.name());
        this.threads = new ServerThreads(factory, echo, this::status);
        Duration idle = settings.kind() == PoolKind.STATIC ? null : settings.idleTimeout();
        ConnectionPoolConfiguration.Builder config = ConnectionPoolConfiguration.builder(threads.registering(factory))
                .name(settings.name())
                .initialSize(0)
                .minIdle(0)
                .maxSize(settings.maxSize())
                .maxIdleTime(idle)
                .maxLifeTime(settings.poolRecycle())
                .maxAcquireTime(settings.poolTimeout())
                .acquireRetry(0)
                .validationDepth(settings.prePing() ? ValidationDepth.REMOTE : ValidationDepth.LOCAL)
                .preRelease(this::refuseInvalidated);
        Duration eviction = evictionInterval(idle, settings.poolRecycle());
        if (eviction != null) {
            config.backgroundEvictionInterval(eviction);
        }
        this.pool = new ConnectionPool(config.build());
    }

    private static Duration evictionInterval(Duration idle, Duration recycle) {
        Duration shortest = idle == null ? recycle : recycle == null ? idle : idle.compareTo(recycle) < 0 ? idle : recycle;
        if (shortest == null) {
            return null;
        }
        Duration half = shortest.dividedBy(2);
        return half.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : half;
    }

    private Mono<Void> refuseInvalidated(Connection driverConnection) {
        return invalidated.remove(driverConnection)
                ? Mono.error(new IllegalStateException("connection invalidated by Retort"))
                : Mono.empty();
    }

    @Override
    public Mono<Connection> acquire() {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return attempt(settings.maxSize())
                    .onErrorMap(QueueConnectionSource::isAcquireTimeout,
                            timeout -> poolTimeout(Duration.ofNanos(System.nanoTime() - started), timeout))
                    .doOnNext(connection -> echo.event("checkout", connection, this::status));
        });
    }

    /**
     * One checkout from r2dbc-pool; a failed validation (the pool has discarded that connection)
     * tries again, up to {@code retries} more times. A plain resubscription on error, not
     * {@code retryWhen}: that builds a signal sink with a queue for every checkout.
     */
    private Mono<Connection> attempt(int retries) {
        Mono<Connection> checkout = pool.create();
        if (retries == 0) {
            return checkout;
        }
        return checkout.onErrorResume(QueueConnectionSource::isFailedValidation, failure -> {
            echo.message("checkout validation failed: connection discarded, trying another");
            return attempt(retries - 1);
        });
    }

    private static boolean isFailedValidation(Throwable error) {
        return error.getMessage() != null && error.getMessage().startsWith(VALIDATION_FAILED);
    }

    private static boolean isAcquireTimeout(Throwable error) {
        return error instanceof R2dbcTimeoutException && error.getCause() instanceof TimeoutException;
    }

    private PoolTimeoutException poolTimeout(Duration waited, Throwable cause) {
        PoolStatus status = status();
        String sizes = settings.kind() == PoolKind.STATIC
                ? "a STATIC pool of 1 connection"
                : "a QUEUE pool of size " + settings.poolSize() + " with overflow " + settings.maxOverflow();
        return new PoolTimeoutException("No connection available within the pool timeout of "
                + settings.poolTimeout().toMillis() + " ms (waited " + waited.toMillis() + " ms): " + sizes + ", "
                + status.checkedOut() + " checked out, " + status.pending() + " waiting [" + settings.name() + "]",
                waited, cause);
    }

    @Override
    public Mono<Void> release(Connection connection) {
        return Mono.defer(() -> {
            echo.event("checkin", connection, this::status);
            return Mono.from(connection.close());
        });
    }

    @Override
    public Mono<Void> invalidate(Connection connection) {
        return Mono.defer(() -> {
            echo.event("invalidate", connection, this::status);
            invalidated.add(((Wrapped<?>) connection).unwrap() instanceof Connection driver ? driver : connection);
            return Mono.from(connection.close());
        });
    }

    @Override
    public Mono<Void> interruptStatement(Connection connection) {
        return threads.killQuery(connection);
    }

    @Override
    public Mono<Void> killConnection(Connection connection) {
        return threads.killConnection(connection);
    }

    @Override
    public PoolStatus status() {
        PoolMetrics metrics = pool.getMetrics().orElseThrow();
        return new PoolStatus(settings.kind(), metrics.allocatedSize(), metrics.acquiredSize(), metrics.idleSize(),
                metrics.pendingAcquireSize(), settings.maxSize());
    }

    @Override
    public Mono<Void> dispose() {
        return pool.disposeLater().then(Drain.whenEmpty(this));
    }
}
