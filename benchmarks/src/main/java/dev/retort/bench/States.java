package dev.retort.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.retort.core.engine.Engine;
import dev.retort.orm.session.SessionFactory;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One JMH state per stack, so a benchmark opens only the pool it measures. Each is set up once per
 * trial (pool created and warmed) and closed at its end.
 */
public final class States {

    private States() {
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Retort Core: an engine with a QUEUE pool of {@link Stacks#CONNECTIONS}. */
    @State(Scope.Benchmark)
    public static class RetortState {
        public Engine engine;

        @Setup(Level.Trial)
        public void open() {
            engine = Stacks.engine(BenchUrl.current());
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.dispose().block(CLOSE_TIMEOUT);
        }
    }

    /** Retort Core with {@code poolTimeout(null)}: shows what arming the pool timeout costs per checkout. */
    @State(Scope.Benchmark)
    public static class RetortNoTimeoutState {
        public Engine engine;

        @Setup(Level.Trial)
        public void open() {
            engine = Stacks.engineWithoutPoolTimeout(BenchUrl.current());
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.dispose().block(CLOSE_TIMEOUT);
        }
    }

    /** Retort ORM: a session factory over its own engine (same pool settings as {@link RetortState}). */
    @State(Scope.Benchmark)
    public static class OrmState {
        public Engine engine;
        public SessionFactory sessions;

        @Setup(Level.Trial)
        public void open() {
            engine = Stacks.engine(BenchUrl.current());
            sessions = SessionFactory.of(engine, Model.MAPPING);
        }

        @TearDown(Level.Trial)
        public void close() {
            engine.dispose().block(CLOSE_TIMEOUT);
        }
    }

    /** The limit: r2dbc-mysql in r2dbc-pool, configured as Retort configures them. */
    @State(Scope.Benchmark)
    public static class RawState {
        public ConnectionPool pool;

        @Setup(Level.Trial)
        public void open() {
            pool = Stacks.rawPool(BenchUrl.current());
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.disposeLater().block(CLOSE_TIMEOUT);
        }
    }

    /** What users would otherwise pick: mysql-connector-j in HikariCP, and threads for concurrency. */
    @State(Scope.Benchmark)
    public static class JdbcState {
        public HikariDataSource dataSource;
        public ExecutorService executor;

        @Setup(Level.Trial)
        public void open() {
            dataSource = Stacks.hikari(BenchUrl.current());
            executor = Executors.newFixedThreadPool(Stacks.IN_FLIGHT);
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(30, TimeUnit.SECONDS);
            dataSource.close();
        }
    }

    /** Primary keys to look up: a fixed pseudo-random sequence over the {@value Model#ITEMS} rows. */
    @State(Scope.Thread)
    public static class Keys {
        static final int SIZE = 1 << 14;
        static final int MASK = SIZE - 1;
        final int[] ids = new int[SIZE];
        int next;

        @Setup(Level.Trial)
        public void generate() {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < SIZE; i++) {
                ids[i] = 1 + random.nextInt(Model.ITEMS);
            }
        }

        /** The next key. */
        public int next() {
            return ids[next++ & MASK];
        }

        /** Reserves {@code count} keys and returns the index of the first; read them with {@link #at}. */
        public int reserve(int count) {
            int first = next;
            next += count;
            return first;
        }

        /** The key at an index from {@link #reserve}; safe to call from any thread. */
        public int at(int index) {
            return ids[index & MASK];
        }
    }
}
