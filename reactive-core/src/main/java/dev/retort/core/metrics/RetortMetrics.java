package dev.retort.core.metrics;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineListener;
import dev.retort.core.engine.StatementEvent;
import dev.retort.core.engine.StatementKind;
import dev.retort.core.exception.PoolTimeoutException;
import dev.retort.core.pool.PoolStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for one engine: pool gauges read from {@link Engine#poolStatus()} and timers
 * fed by an {@link EngineListener}. Without Spring:
 *
 * <pre>{@code
 * RetortMetrics metrics = RetortMetrics.create(registry, "main");
 * Engine engine = Engine.create(url, EngineOptions.defaults().withListener(metrics.listener()));
 * metrics.bindPool(engine);
 * }</pre>
 *
 * <table>
 *   <caption>Meters (every one tagged {@code name=<the name given to create>} plus any extra tags)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #POOL_ACQUIRED}</td><td>gauge</td><td></td><td>connections checked out now</td></tr>
 *   <tr><td>{@value #POOL_IDLE}</td><td>gauge</td><td></td><td>open connections waiting in the pool</td></tr>
 *   <tr><td>{@value #POOL_PENDING}</td><td>gauge</td><td></td><td>callers waiting for a connection</td></tr>
 *   <tr><td>{@value #POOL_SIZE}</td><td>gauge</td><td></td><td>open connections (checked out + idle)</td></tr>
 *   <tr><td>{@value #POOL_MAX}</td><td>gauge</td><td></td><td>the most connections the pool opens
 *       (not registered for the NULL pool, which has no limit)</td></tr>
 *   <tr><td>{@value #POOL_ACQUIRE}</td><td>timer</td><td>{@code outcome=success|timeout|error}</td>
 *       <td>time waited for a checkout</td></tr>
 *   <tr><td>{@value #POOL_USAGE}</td><td>timer</td><td></td><td>time a connection was held, until
 *       it was back in the pool</td></tr>
 *   <tr><td>{@value #STATEMENTS}</td><td>timer</td>
 *       <td>{@code kind=select|insert|update|delete|ddl|other}, {@code outcome=success|error|cancelled}</td>
 *       <td>statements from subscription to end; never tagged with SQL</td></tr>
 * </table>
 *
 * <p>Timers are registered on first use. Recording is non-blocking and allocation-light: each
 * timer is looked up in the registry once and then kept in an array. Micrometer is an optional
 * dependency of reactive-core; this class (and its package) is the only one that uses it, so
 * applications that never call it need no Micrometer on the class path.
 *
 * <p>One instance serves one engine. {@link #close()} removes its meters from the registry.
 */
public final class RetortMetrics implements AutoCloseable {

    /** Gauge: connections checked out now. */
    public static final String POOL_ACQUIRED = "retort.pool.acquired";
    /** Gauge: open connections idle in the pool. */
    public static final String POOL_IDLE = "retort.pool.idle";
    /** Gauge: callers waiting for a connection. */
    public static final String POOL_PENDING = "retort.pool.pending";
    /** Gauge: open connections. */
    public static final String POOL_SIZE = "retort.pool.size";
    /** Gauge: the pool's maximum size. */
    public static final String POOL_MAX = "retort.pool.max";
    /** Timer: waits for a checkout, tagged {@code outcome}. */
    public static final String POOL_ACQUIRE = "retort.pool.acquire";
    /** Timer: time connections were held. */
    public static final String POOL_USAGE = "retort.pool.usage";
    /** Timer: statements, tagged {@code kind} and {@code outcome}. */
    public static final String STATEMENTS = "retort.statements";

    /** The tag naming the engine. */
    public static final String NAME_TAG = "name";

    private static final String[] ACQUIRE_OUTCOMES = {"success", "timeout", "error"};
    private static final int SUCCESS = 0;
    private static final int TIMEOUT = 1;
    private static final int ERROR = 2;
    private static final StatementKind[] KINDS = StatementKind.values();
    private static final StatementEvent.Outcome[] OUTCOMES = StatementEvent.Outcome.values();

    private final MeterRegistry registry;
    private final String name;
    private final Tags tags;
    private final AtomicReferenceArray<Timer> acquireTimers = new AtomicReferenceArray<>(ACQUIRE_OUTCOMES.length);
    private final AtomicReference<Timer> usageTimer = new AtomicReference<>();
    private final AtomicReferenceArray<Timer> statementTimers = new AtomicReferenceArray<>(KINDS.length * OUTCOMES.length);
    private final AtomicReference<Engine> pool = new AtomicReference<>();
    private final CopyOnWriteArrayList<Meter> meters = new CopyOnWriteArrayList<>();
    private final EngineListener listener = new Listener();
    private volatile boolean closed;

    private RetortMetrics(MeterRegistry registry, String name, Tags tags) {
        this.registry = registry;
        this.name = name;
        this.tags = tags.and(NAME_TAG, name);
    }

    /**
     * Meters for an engine called {@code name} (the value of the {@code name} tag) in
     * {@code registry}. Registers nothing yet: gauges come with {@link #bindPool}, timers with
     * their first event.
     */
    public static RetortMetrics create(MeterRegistry registry, String name) {
        return create(registry, name, Tags.empty());
    }

    /** {@link #create(MeterRegistry, String)} with extra tags on every meter. */
    public static RetortMetrics create(MeterRegistry registry, String name, Iterable<Tag> tags) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tags, "tags");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return new RetortMetrics(registry, name, Tags.of(tags));
    }

    /**
     * The listener to give the engine ({@code EngineOptions.withListener(metrics.listener())}); it
     * records the {@value #POOL_ACQUIRE}, {@value #POOL_USAGE} and {@value #STATEMENTS} timers.
     * Always the same instance.
     */
    public EngineListener listener() {
        return listener;
    }

    /**
     * Registers the pool gauges ({@value #POOL_ACQUIRED}, {@value #POOL_IDLE}, {@value #POOL_PENDING},
     * {@value #POOL_SIZE} and, for pools with a limit, {@value #POOL_MAX}), read from
     * {@link Engine#poolStatus()} (no IO) whenever the registry asks. The gauges hold the engine
     * weakly, as Micrometer gauges do, and read NaN once it is gone.
     *
     * @return this
     * @throws IllegalStateException if a pool was bound already or this was closed
     */
    public RetortMetrics bindPool(Engine engine) {
        Objects.requireNonNull(engine, "engine");
        if (closed) {
            throw new IllegalStateException("These metrics (" + name + ") are closed");
        }
        if (!pool.compareAndSet(null, engine)) {
            throw new IllegalStateException("These metrics (" + name + ") are bound to " + pool.get()
                    + " already; create one RetortMetrics per engine");
        }
        gauge(engine, POOL_ACQUIRED, "Connections checked out of the pool now", PoolStatus::checkedOut);
        gauge(engine, POOL_IDLE, "Open connections idle in the pool", PoolStatus::idle);
        gauge(engine, POOL_PENDING, "Callers waiting for a connection", PoolStatus::pending);
        gauge(engine, POOL_SIZE, "Open connections, checked out or idle", PoolStatus::size);
        if (engine.poolStatus().maxSize() != Integer.MAX_VALUE) {
            gauge(engine, POOL_MAX, "The most connections the pool opens", PoolStatus::maxSize);
        }
        return this;
    }

    private void gauge(Engine engine, String meter, String description, ToDoubleFunction<PoolStatus> read) {
        meters.add(Gauge.builder(meter, engine, bound -> read.applyAsDouble(bound.poolStatus()))
                .tags(tags)
                .description(description)
                .baseUnit("connections")
                .register(registry));
    }

    /** The engine name used as the {@code name} tag. */
    public String name() {
        return name;
    }

    /**
     * Removes every meter this instance registered from the registry; later events are ignored.
     * Call it when the engine is disposed and the registry lives on.
     */
    @Override
    public void close() {
        closed = true;
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }

    @Override
    public String toString() {
        return "RetortMetrics(" + name + ")";
    }

    private Timer acquireTimer(int outcome) {
        Timer timer = acquireTimers.get(outcome);
        if (timer == null) {
            timer = register(Timer.builder(POOL_ACQUIRE)
                    .description("Time waited for a connection checkout")
                    .tags(tags)
                    .tag("outcome", ACQUIRE_OUTCOMES[outcome]));
            acquireTimers.set(outcome, timer);
        }
        return timer;
    }

    private Timer usageTimer() {
        Timer timer = usageTimer.get();
        if (timer == null) {
            timer = register(Timer.builder(POOL_USAGE)
                    .description("Time a connection was held, from checkout until it was back in the pool")
                    .tags(tags));
            usageTimer.set(timer);
        }
        return timer;
    }

    private Timer statementTimer(StatementKind kind, StatementEvent.Outcome outcome) {
        int index = kind.ordinal() * OUTCOMES.length + outcome.ordinal();
        Timer timer = statementTimers.get(index);
        if (timer == null) {
            timer = register(Timer.builder(STATEMENTS)
                    .description("Statements, from subscription until their answer was read, failed or was cancelled")
                    .tags(tags)
                    .tag("kind", kind.tag())
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)));
            statementTimers.set(index, timer);
        }
        return timer;
    }

    /** Registers (or finds: the registry returns the same meter for the same id) and remembers a timer. */
    private Timer register(Timer.Builder builder) {
        Timer timer = builder.register(registry);
        meters.addIfAbsent(timer);
        return timer;
    }

    /** Records the events; every method is a lookup in an array and a timer update. */
    private final class Listener implements EngineListener {

        @Override
        public void connectionAcquired(Duration waited) {
            if (!closed) {
                acquireTimer(SUCCESS).record(waited);
            }
        }

        @Override
        public void connectionAcquireFailed(Duration waited, Throwable error) {
            if (!closed) {
                acquireTimer(error instanceof PoolTimeoutException ? TIMEOUT : ERROR).record(waited);
            }
        }

        @Override
        public void connectionReleased(Duration held) {
            if (!closed) {
                usageTimer().record(held);
            }
        }

        @Override
        public void statementFinished(StatementEvent event) {
            if (!closed) {
                statementTimer(event.kind(), event.outcome()).record(event.duration());
            }
        }

        @Override
        public String toString() {
            return "RetortMetrics.listener(" + name + ")";
        }
    }
}
