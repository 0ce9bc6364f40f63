package dev.retort.core.testing;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.pool.PoolStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one test class on the {@linkplain TestServers test server}, with the engines the
 * class's tests use. Made by {@link DatabaseExtension}; inject it as a constructor, lifecycle-method
 * or test-method parameter.
 *
 * <p>Every engine obtained here is tracked. After each test the extension waits up to
 * {@link #RELEASE_WAIT} for every tracked engine to have nothing checked out and nobody waiting
 * (connections given back on cancel are released asynchronously) and fails the test otherwise.
 * Engines made by {@link #newEngine} during a test (from the extension's before-each callback to
 * its after-each callback, so including {@code @BeforeEach} methods, on any thread) are disposed
 * after that test; the default engine and engines made outside a test (constructor,
 * {@code @BeforeAll}) when the class is done.
 *
 * <p>Methods of one class must not run concurrently: the check would see the other test's
 * checkouts on shared engines.
 */
public final class TestDatabase {

    /** How long the after-test check waits for connections to come back. */
    public static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static final Duration DISPOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final String url;
    private final Class<?> owner;
    private final List<Engine> classEngines = new CopyOnWriteArrayList<>();
    private volatile @Nullable List<Engine> testEngines;
    private @Nullable Engine defaultEngine;
    private volatile boolean closed;

    TestDatabase(String name, String url, Class<?> owner) {
        this.name = name;
        this.url = url;
        this.owner = owner;
    }

    /** The database's name, for example {@code retort_orderstest_x7k2qa}. */
    public String name() {
        return name;
    }

    /** The URL of this database (with the server's credentials, unmasked). */
    public String url() {
        return url;
    }

    /**
     * The class's default engine: {@link EngineOptions#defaults()} named after the test class,
     * created on first call and disposed when the class is done.
     */
    public synchronized Engine engine() {
        checkOpen();
        Engine engine = defaultEngine;
        if (engine == null) {
            engine = Engine.create(url, EngineOptions.defaults().toBuilder().name(owner.getSimpleName()).build());
            classEngines.add(0, engine);
            defaultEngine = engine;
        }
        return engine;
    }

    /** A new engine on this database with {@code options}, tracked and disposed as described above. */
    public Engine newEngine(EngineOptions options) {
        return newEngine(url, options);
    }

    /**
     * A new engine for any URL (this database in another URL form, with extra options, or another
     * server altogether), tracked and disposed like the others.
     *
     * @throws dev.retort.core.exception.ConfigurationException for a bad URL, as {@link Engine#create}
     */
    public Engine newEngine(String engineUrl, EngineOptions options) {
        checkOpen();
        Engine engine = Engine.create(engineUrl, options);
        List<Engine> scope = testEngines;
        (scope != null ? scope : classEngines).add(engine);
        return engine;
    }

    /** The test class that owns (created and will drop) this database. */
    Class<?> owner() {
        return owner;
    }

    /** Starts a test: engines made from now on, on any thread, belong to it. */
    void beginTest() {
        testEngines = new CopyOnWriteArrayList<>();
    }

    /**
     * Ends the test: checks every engine, then disposes the test's own engines.
     *
     * @throws AssertionFailedError if an engine still has connections checked out or callers
     *     waiting after {@link #RELEASE_WAIT}
     */
    void endTest() {
        List<Engine> own = testEngines;
        testEngines = null;
        List<Engine> all = new ArrayList<>(classEngines);
        if (own != null) {
            all.addAll(own);
        }
        try {
            awaitReleased(all);
        } finally {
            if (own != null) {
                own.forEach(TestDatabase::disposeQuietly);
            }
        }
    }

    /** Disposes every class-level engine; later calls to {@link #engine()} fail. */
    void close() {
        closed = true;
        classEngines.forEach(TestDatabase::disposeQuietly);
        classEngines.clear();
    }

    private static void awaitReleased(List<Engine> engines) {
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        while (true) {
            List<String> busy = new ArrayList<>();
            for (Engine engine : engines) {
                PoolStatus status = engine.poolStatus();
                if (status.checkedOut() != 0 || status.pending() != 0) {
                    busy.add("engine '" + engine.options().name() + "': " + status);
                }
            }
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionFailedError("Connections not released " + RELEASE_WAIT.toSeconds()
                        + " s after the test ended (a publisher that checked one out never completed, failed"
                        + " or was cancelled, or its release hung): " + String.join("; ", busy));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("Interrupted while waiting for connections to be released", e);
            }
        }
    }

    private static void disposeQuietly(Engine engine) {
        try {
            engine.dispose().block(DISPOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Disposing engine '{}' failed or took longer than {} s", engine.options().name(),
                    DISPOSE_TIMEOUT.toSeconds(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The test database " + name + " of " + owner.getName() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " on " + TestServers.description() + "]";
    }
}
