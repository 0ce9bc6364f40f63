package dev.retort.core.reliability;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.result.Row;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue #9: a statement chained in a transaction that is being cancelled never reaches the driver
 * after the connection was given back. Each iteration runs, in {@code engine.transaction},
 * {@code SET @owner = op}, an INSERT of row 0 and then an INSERT of row 1 that records
 * {@code @owner}. The chained INSERT is run through a future whose cancel is suppressed, so the
 * transaction's cancel never stops it: the worst case, where only the connection can refuse it. A
 * canceller thread (outside Reactor's schedulers, so it may spin) waits for row 0's INSERT to
 * answer, spins a random 0–40 µs and cancels the transaction, so the cancel and the release's
 * ROLLBACK race the chained INSERT on its way to the driver. Connections are reused at once (2
 * lanes on a pool of 2).
 *
 * <p>A chained INSERT that reached the driver after the release's ROLLBACK would run outside the
 * transaction (its row kept without row 0: a partial operation) or in the next borrower's session
 * (its {@code @owner} then names another operation). Both are counted; both must be zero: the
 * chained INSERT either ran before the ROLLBACK (and was rolled back with row 0) or was refused with
 * {@link InvalidRequestException}, or the transaction committed before the cancel. Figures are
 * printed with the prefix {@code RELIABILITY given-back}.
 */
@DatabaseTest
class GivenBackRaceTest {

    private static final int ITERATIONS = Integer.getInteger("retort.givenback.iterations", 3_000);
    private static final int LANES = 2;
    private static final int POOL_SIZE = 2;
    private static final long MAX_SPIN_NANOS = 40_000;
    private static final long MAX_WAIT_NANOS = Duration.ofSeconds(5).toNanos();

    private final TestDatabase db;

    GivenBackRaceTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void createTable(TestDatabase db) {
        db.engine().execute(text("CREATE TABLE race_rows (id BIGINT AUTO_INCREMENT PRIMARY KEY, op BIGINT NOT NULL, "
                + "step INT NOT NULL, owner BIGINT NULL, KEY (op)) ENGINE=InnoDB")).rowcount().block();
    }

    private static final class Counters {
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger chainedRan = new AtomicInteger();
        final AtomicInteger chainedRefused = new AtomicInteger();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

        void problem(String what, Throwable error) {
            if (problems.size() < 50) {
                problems.add(what + ": " + error);
                if (problems.size() == 1) {
                    error.printStackTrace(System.out);
                }
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aStatementChainedInACancelledTransactionNeverRunsOnAGivenBackConnection() throws InterruptedException {
        Engine engine = db.newEngine(EngineOptions.builder().name("given-back").poolSize(POOL_SIZE).maxOverflow(0)
                .poolTimeout(Duration.ofSeconds(30)).build());
        long seed = System.nanoTime();
        System.out.println("RELIABILITY given-back seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        long[] spins = new long[ITERATIONS + 1];
        for (int op = 1; op <= ITERATIONS; op++) {
            spins[op] = random.nextLong(0, MAX_SPIN_NANOS + 1);
        }
        Counters counters = new Counters();
        // a ForkJoinPool: handing it a task from an event-loop thread takes no lock (a
        // ThreadPoolExecutor's queue may park, which BlockHound reports); its threads may spin
        ForkJoinPool cancellers = new ForkJoinPool(LANES);

        long started = System.nanoTime();
        try {
            Flux.range(1, ITERATIONS)
                    .flatMap(op -> iteration(engine, cancellers, counters, op, spins[op]), LANES)
                    .then()
                    .block(Duration.ofSeconds(150));
        } finally {
            cancellers.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        PoolStatus status = awaitReleased(engine);

        Engine reader = db.engine();
        long partial = reader.execute(text("SELECT COUNT(*) FROM (SELECT op FROM race_rows GROUP BY op "
                + "HAVING COUNT(*) <> 2 OR MIN(step) <> 0 OR MAX(step) <> 1) p")).scalar(Long.class).block();
        long foreign = reader.execute(text("SELECT COUNT(*) FROM race_rows WHERE step = 1 AND (owner IS NULL OR owner <> op)"))
                .scalar(Long.class).block();
        long kept = reader.execute(text("SELECT COUNT(DISTINCT op) FROM race_rows")).scalar(Long.class).block();
        List<Row> examples = reader.execute(text("SELECT op, step, owner FROM race_rows WHERE op IN (SELECT op FROM "
                + "race_rows GROUP BY op HAVING COUNT(*) <> 2) OR (step = 1 AND (owner IS NULL OR owner <> op)) "
                + "ORDER BY op, step LIMIT 20")).all().block();

        System.out.println("RELIABILITY given-back: " + ITERATIONS + " cancel-then-chain transactions in " + millis
                + " ms (" + LANES + " lanes on a pool of " + POOL_SIZE + "): " + counters.cancelled.get()
                + " cancelled, " + counters.committed.get() + " committed before the cancel; the chained INSERT ran "
                + counters.chainedRan.get() + " times and was refused (connection given back) "
                + counters.chainedRefused.get() + " times; operations with rows kept " + kept + ", partial " + partial
                + ", chained rows written in another operation's session " + foreign + "; pool after: " + status);
        examples.forEach(row -> System.out.println("RELIABILITY given-back wrong row: " + row.toMap()));

        assertThat(counters.problems).as("unexpected errors").isEmpty();
        assertThat(partial).as("operations with a partial transaction (a chained INSERT ran after the ROLLBACK)").isZero();
        assertThat(foreign).as("chained INSERTs that ran in another borrower's session").isZero();
        assertThat(kept).as("committed operations present").isGreaterThanOrEqualTo(counters.committed.get());
        assertThat(counters.cancelled.get()).as("iterations whose cancel took effect").isPositive();
        assertThat(status.checkedOut()).as("checked out after the run: " + status).isZero();
        assertThat(status.pending()).as("pending after the run: " + status).isZero();
    }

    /**
     * One transaction. Once its SET has answered a canceller thread waits for the first INSERT's
     * answer, spins {@code spinNanos} and cancels the transaction. Completes once the transaction
     * committed, failed or was cancelled.
     */
    private static Mono<Void> iteration(Engine engine, ForkJoinPool cancellers, Counters counters, long op,
            long spinNanos) {
        return Mono.create(sink -> {
            AtomicBoolean settled = new AtomicBoolean();
            AtomicBoolean firstAnswered = new AtomicBoolean();
            Disposable.Swap subscription = Disposables.swap();
            Runnable canceller = () -> {
                long giveUp = System.nanoTime() + MAX_WAIT_NANOS;
                while (!firstAnswered.get() && System.nanoTime() - giveUp < 0) {
                    Thread.yield();
                }
                spin(spinNanos);
                subscription.dispose();
                if (settled.compareAndSet(false, true)) {
                    counters.cancelled.incrementAndGet();
                }
                sink.success();
            };
            Mono<Long> work = engine.transaction(conn -> conn.execute(text("SET @owner = :op"), Map.of("op", op)).rowcount()
                    .doOnNext(count -> cancellers.execute(canceller))
                    .then(conn.execute(text("INSERT INTO race_rows (op, step) VALUES (:op, 0)"), Map.of("op", op))
                            .rowcount())
                    .doOnNext(count -> firstAnswered.set(true))
                    .then(Mono.defer(() -> Mono.fromFuture(conn.execute(
                                    text("INSERT INTO race_rows (op, step, owner) VALUES (:op, 1, @owner)"), Map.of("op", op))
                            .rowcount()
                            .doOnNext(count -> counters.chainedRan.incrementAndGet())
                            .onErrorResume(InvalidRequestException.class, refused -> {
                                counters.chainedRefused.incrementAndGet();
                                return Mono.empty();
                            })
                            .toFuture(), true))));
            subscription.update(work.subscribe(count -> {
                if (settled.compareAndSet(false, true)) {
                    counters.committed.incrementAndGet();
                }
                sink.success();
            }, error -> {
                counters.problem("operation " + op + " failed", error);
                sink.success();
            }, sink::success));
        });
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    private static PoolStatus awaitReleased(Engine engine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PoolStatus status = engine.poolStatus();
        while ((status.checkedOut() > 0 || status.pending() > 0) && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
            status = engine.poolStatus();
        }
        return status;
    }
}
