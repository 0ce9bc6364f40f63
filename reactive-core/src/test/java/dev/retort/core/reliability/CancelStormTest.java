package dev.retort.core.reliability;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.exception.PoolTimeoutException;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.result.Row;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.core.testing.TimeBudgets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Issue #9: cancels at every stage of a checkout, a result and a transaction leave no leaked,
 * desynchronised or half-committed connection behind. Figures are printed with the prefix
 * {@code RELIABILITY} for docs/RELIABILITY.md.
 */
@DatabaseTest
class CancelStormTest {

    private static final int ROWS = 2_000;
    private static final int TARGET_CANCELS = 10_000;
    private static final int POOL_SIZE = 4;
    private static final int CONCURRENCY = 16;
    private static final Duration STORM_BUDGET = TimeBudgets.scaled(Duration.ofSeconds(40));
    /** DefaultConnection.INTERRUPT_GRACE: a cancelled result still draining after it is stopped and replaced. */
    private static final Duration KILL_GRACE = Duration.ofMillis(250);

    private final TestDatabase db;

    CancelStormTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void createTables(TestDatabase db) {
        Engine engine = db.engine();
        engine.execute(text("CREATE TABLE numbers (n INT PRIMARY KEY, label VARCHAR(40) NOT NULL)")).rowcount().block();
        String digits = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        engine.execute(text("INSERT INTO numbers (n, label) SELECT n, CONCAT('row-', n) FROM (SELECT "
                + "a.d + b.d * 10 + c.d * 100 + e.d * 1000 + 1 AS n FROM " + digits + " a CROSS JOIN " + digits
                + " b CROSS JOIN " + digits + " c CROSS JOIN " + digits + " e) s WHERE n <= " + ROWS))
                .rowcount().block();
        engine.execute(text("CREATE TABLE tx_rows (id BIGINT AUTO_INCREMENT PRIMARY KEY, grp BIGINT NOT NULL, "
                + "step INT NOT NULL, KEY (grp)) ENGINE=InnoDB")).rowcount().block();
    }

    // ------------------------------------------------------------------------------------------
    // 1. the storm
    // ------------------------------------------------------------------------------------------

    /** Where the cancelled operation was when it was cancelled. */
    private static final class Counters {
        final AtomicInteger cancels = new AtomicInteger();
        final AtomicInteger cancelledWaiting = new AtomicInteger();      // before the work got its connection (queue)
        final AtomicInteger cancelledPrePing = new AtomicInteger();      // before the work got its connection (no queue)
        final AtomicInteger cancelledQuery = new AtomicInteger();        // connection held, scalar query running
        final AtomicInteger cancelledStream = new AtomicInteger();       // mid-result of the 2,000-row stream
        final AtomicInteger cancelledTransaction = new AtomicInteger();  // inside engine.transaction
        final AtomicInteger operations = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        final AtomicLong streamedRows = new AtomicLong();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

        void problem(String what) {
            if (problems.size() < 50) {
                problems.add(what);
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // a hang guard: above the storm budget at paranoid leak detection
    void tenThousandRandomCancelsLeaveThePoolHealthy() {
        // queue: 16 subscribers on 4 connections, so most checkouts wait; ping: as many subscribers as
        // connections, so a checkout rarely waits and a cancel before the work starts lands in pre-ping
        Engine queue = db.newEngine(EngineOptions.builder().name("storm-queue").poolSize(POOL_SIZE).maxOverflow(0)
                .prePing(true).poolTimeout(Duration.ofSeconds(15)).build());
        Engine ping = db.newEngine(EngineOptions.builder().name("storm-ping").poolSize(POOL_SIZE).maxOverflow(0)
                .prePing(true).poolTimeout(Duration.ofSeconds(15)).build());
        long seed = System.nanoTime();
        System.out.println("RELIABILITY storm seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        Counters counters = new Counters();

        long started = System.nanoTime();
        long deadline = started + STORM_BUDGET.toNanos();
        int batch = 0;
        while (counters.cancels.get() < TARGET_CANCELS && System.nanoTime() < deadline) {
            long base = batch++ * 1_000_000L;
            // the random choices are drawn on this thread, before the batch runs
            List<long[]> queuePlan = new ArrayList<>();
            List<long[]> pingPlan = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                int kind = random.nextInt(10);
                long[] step = {kind < 4 ? 0 : kind < 6 ? 2 : 3, random.nextInt(1, 4_000), random.nextInt(1, ROWS)};
                queuePlan.add(step);
                if (i < 300) {
                    pingPlan.add(new long[] {1, random.nextInt(1, 1_500), 0});
                }
            }
            Flux.merge(
                    Flux.range(0, queuePlan.size()).flatMap(i -> operation(queue, counters, base + i, queuePlan.get(i)),
                            CONCURRENCY),
                    Flux.range(0, pingPlan.size()).flatMap(i -> operation(ping, counters, base + 500_000 + i,
                            pingPlan.get(i)), POOL_SIZE))
                    .then()
                    .block(Duration.ofSeconds(60));
        }
        Duration stormTime = Duration.ofNanos(System.nanoTime() - started);

        long releaseStarted = System.nanoTime();
        PoolStatus afterQueue = awaitReleased(queue);
        PoolStatus afterPing = awaitReleased(ping);
        Duration releaseTime = Duration.ofNanos(System.nanoTime() - releaseStarted);

        System.out.println("RELIABILITY storm: " + counters.cancels.get() + " cancels survived in "
                + counters.operations.get() + " operations, " + stormTime.toMillis() + " ms (2 prePing pools of "
                + POOL_SIZE + ": " + CONCURRENCY + " and " + POOL_SIZE + " concurrent subscribers)");
        System.out.println("RELIABILITY storm cancels: waiting for a connection (16 on 4) " + counters.cancelledWaiting.get()
                + ", during checkout without queue (pre-ping) " + counters.cancelledPrePing.get()
                + ", query running " + counters.cancelledQuery.get()
                + ", mid-stream " + counters.cancelledStream.get() + ", mid-transaction "
                + counters.cancelledTransaction.get());
        System.out.println("RELIABILITY storm: ended without cancel " + counters.completed.get() + ", transactions "
                + "committed " + counters.committed.get() + ", rows streamed before cancel " + counters.streamedRows.get()
                + ", all released " + releaseTime.toMillis() + " ms after the storm: " + afterQueue + " / " + afterPing);

        if (afterQueue.checkedOut() + afterPing.checkedOut() + afterQueue.pending() + afterPing.pending() > 0) {
            printServerSessions();
        }
        assertThat(counters.problems).as("wrong answers or unexpected errors during the storm").isEmpty();
        assertThat(counters.cancels.get()).as("cancels within the %s s budget", STORM_BUDGET.toSeconds())
                .isGreaterThanOrEqualTo(TARGET_CANCELS);
        for (PoolStatus status : List.of(afterQueue, afterPing)) {
            assertThat(status.checkedOut()).as("checked out after the storm: " + status).isZero();
            assertThat(status.pending()).as("pending after the storm: " + status).isZero();
        }

        // every pooled connection answers correctly: poolSize concurrent checkouts, distinct values
        for (Engine engine : List.of(queue, ping)) {
            for (int round = 0; round < 2; round++) {
                everyConnectionAnswers(engine, round);
            }
            // and a full stream on the same pool is complete and in order
            List<Integer> all = engine.stream(text("SELECT n FROM numbers ORDER BY n"))
                    .map(row -> row.get(0, Integer.class)).collectList().block(Duration.ofSeconds(10));
            assertThat(all).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(all.get(i)).isEqualTo(i + 1);
            }
        }

        // no partial transaction: every group has 0 or 2 rows
        List<Row> partial = db.engine().execute(text("SELECT grp, COUNT(*) FROM tx_rows GROUP BY grp HAVING COUNT(*) <> 2"))
                .all().block(Duration.ofSeconds(10));
        long groups = db.engine().execute(text("SELECT COUNT(DISTINCT grp) FROM tx_rows WHERE grp >= 0")).scalar(Long.class)
                .block(Duration.ofSeconds(10));
        System.out.println("RELIABILITY storm: " + groups + " transaction groups with 2 rows (" + counters.committed.get()
                + " reported committed), " + partial.size() + " partial groups");
        assertThat(partial).as("groups with a partial transaction").extracting(row -> row.toMap().toString()).isEmpty();
        assertThat(groups).isGreaterThanOrEqualTo(counters.committed.get());
    }

    /** Diagnostics for a leak: what the server sessions of this database are doing. */
    private void printServerSessions() {
        db.engine().execute(text("SELECT p.ID, p.COMMAND, p.TIME, p.STATE, p.INFO, t.trx_state, t.trx_started, "
                        + "t.trx_rows_modified, t.trx_query FROM information_schema.PROCESSLIST p LEFT JOIN "
                        + "information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID WHERE p.DB = :db"),
                        Map.of("db", db.name()))
                .mappings()
                .doOnNext(session -> System.out.println("RELIABILITY leak diagnostics, server session: " + session))
                .then().block(Duration.ofSeconds(10));
    }

    private Mono<Void> operation(Engine engine, Counters counters, long id, long[] plan) {
        counters.operations.incrementAndGet();
        int kind = (int) plan[0];
        long micros = plan[1];
        int rows = (int) plan[2];
        AtomicBoolean working = new AtomicBoolean();
        AtomicBoolean wasCancelled = new AtomicBoolean();
        Mono<Void> op;
        switch (kind) {
            case 0 -> {
                // cancelled by timeout from subscription: mostly while waiting for one of the 4 connections
                Mono<Long> query = engine.connect(conn -> {
                    working.set(true);
                    return conn.execute(text("SELECT CAST(:v AS SIGNED)"), Map.of("v", id)).scalar(Long.class);
                });
                op = query.doOnNext(value -> check(counters, id, value))
                        .doOnCancel(() -> cancelled(counters, wasCancelled,
                                working.get() ? counters.cancelledQuery : counters.cancelledWaiting))
                        .timeout(Duration.ofNanos(micros * 1_000))
                        .then();
            }
            case 1 -> {
                // cancelled by Disposable.dispose after a short random delay: checkout (pre-ping) or query
                Mono<Long> query = engine.connect(conn -> {
                    working.set(true);
                    return conn.execute(text("SELECT CAST(:v AS SIGNED)"), Map.of("v", id)).scalar(Long.class);
                });
                op = disposeAfter(query.doOnNext(value -> check(counters, id, value))
                        .doOnCancel(() -> cancelled(counters, wasCancelled,
                                working.get() ? counters.cancelledQuery : counters.cancelledPrePing)),
                        micros).then();
            }
            case 2 -> {
                // cancelled by take after a random number of rows of a 2,000-row stream
                AtomicInteger seen = new AtomicInteger();
                op = engine.stream(text("SELECT n FROM numbers ORDER BY n"))
                        .map(row -> row.get(0, Integer.class))
                        .doOnNext(n -> {
                            if (n != seen.incrementAndGet()) {
                                counters.problem("stream row " + seen.get() + " was " + n);
                            }
                        })
                        .doOnCancel(() -> {
                            counters.streamedRows.addAndGet(seen.get());
                            cancelled(counters, wasCancelled,
                                    seen.get() > 0 ? counters.cancelledStream : counters.cancelledWaiting);
                        })
                        .take(rows)
                        .count()
                        .doOnNext(count -> {
                            if (count != rows) {
                                counters.problem("stream took " + count + " rows instead of " + rows);
                            }
                        })
                        .then();
            }
            default -> {
                // a transaction of several statements, cancelled at a random point after it began: the
                // clock starts when the work gets its connection (BEGIN done)
                Sinks.One<Long> cancel = Sinks.one();
                Mono<Long> transaction = engine.transaction(conn -> {
                    working.set(true);
                    Mono.delay(Duration.ofNanos(micros * 1_000)).subscribe(tick -> cancel.tryEmitValue(tick));
                    return conn.execute(text("INSERT INTO tx_rows (grp, step) VALUES (:g, 1)"), Map.of("g", id)).rowcount()
                            .then(conn.execute(text("SELECT n FROM numbers WHERE n <= :k ORDER BY n"), Map.of("k", rows % 200 + 1))
                                    .rows().count())
                            .then(conn.execute(text("INSERT INTO tx_rows (grp, step) VALUES (:g, 2)"), Map.of("g", id)).rowcount())
                            .then(conn.execute(text("SELECT COUNT(*) FROM tx_rows WHERE grp = :g"), Map.of("g", id)).scalar(Long.class));
                });
                op = transaction
                        .doOnNext(count -> {
                            counters.committed.incrementAndGet();
                            if (count != 2) {
                                counters.problem("transaction " + id + " saw " + count + " rows of its own");
                            }
                        })
                        .doOnCancel(() -> cancelled(counters, wasCancelled,
                                working.get() ? counters.cancelledTransaction : counters.cancelledWaiting))
                        .timeout(cancel.asMono())
                        .then();
            }
        }
        return op.doOnSuccess(ignored -> {
                    if (!wasCancelled.get()) {
                        counters.completed.incrementAndGet();
                    }
                })
                .onErrorResume(TimeoutException.class, timeout -> Mono.empty())
                .onErrorResume(error -> {
                    counters.problem("operation " + id + " (kind " + kind + ") failed: " + error);
                    return Mono.empty();
                });
    }

    private static void cancelled(Counters counters, AtomicBoolean flag, AtomicInteger where) {
        if (flag.compareAndSet(false, true)) {
            counters.cancels.incrementAndGet();
            where.incrementAndGet();
        }
    }

    private static void check(Counters counters, long expected, Long actual) {
        if (actual == null || actual != expected) {
            counters.problem("query for " + expected + " answered " + actual);
        }
    }

    /** Subscribes to {@code op} and disposes the subscription after {@code micros} unless it ended before. */
    private static <T> Mono<T> disposeAfter(Mono<T> op, long micros) {
        return Mono.create(sink -> {
            Disposable running = op.subscribe(sink::success, sink::error, sink::success);
            Disposable timer = Schedulers.parallel().schedule(() -> {
                running.dispose();
                sink.success();
            }, micros, TimeUnit.MICROSECONDS);
            sink.onDispose(() -> {
                timer.dispose();
                running.dispose();
            });
        });
    }

    private void everyConnectionAnswers(Engine engine, int round) {
        List<long[]> answers = Flux.range(0, POOL_SIZE)
                .flatMap(i -> engine.connect(conn -> conn.execute(
                                text("SELECT CAST(:v AS SIGNED), CONNECTION_ID(), SLEEP(0.2)"), Map.of("v", 1000L * round + i))
                        .one()
                        .map(row -> new long[] {i, row.get(0, Long.class), row.get(1, Long.class)})), POOL_SIZE)
                .collectList()
                .block(Duration.ofSeconds(15));
        assertThat(answers).hasSize(POOL_SIZE);
        Set<Long> connections = new HashSet<>();
        for (long[] answer : answers) {
            assertThat(answer[1]).as("answer of query %s in round %s", answer[0], round).isEqualTo(1000L * round + answer[0]);
            connections.add(answer[2]);
        }
        assertThat(connections).as("distinct connections answering").hasSize(POOL_SIZE);
    }

    // ------------------------------------------------------------------------------------------
    // 2. take(n) on a large result, then the same connection
    // ------------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void takeOnALargeResultThenTheSameConnectionAnswersPromptly() {
        Engine engine = db.newEngine(EngineOptions.builder().name("take").poolSize(1).maxOverflow(0).build());
        long connectionId = engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class).block(Duration.ofSeconds(10));
        // 100,000 rows: numbers 1..50 crossed with numbers 1..2,000
        String large = "SELECT a.n * 10000 + b.n AS v, b.label FROM numbers a CROSS JOIN numbers b WHERE a.n <= 50 "
                + "";
        // warm-up (plan, JIT) outside the timing
        engine.stream(text(large)).take(1).then().block(Duration.ofSeconds(10));
        awaitReleased(engine); // the release drains the rest of the warm-up's result
        for (int take : new int[] {1, 10, 777, 5_000}) {
            long started = System.nanoTime();
            List<Integer> taken = engine.stream(text(large)).map(row -> row.get(0, Integer.class)).take(take)
                    .collectList().block(Duration.ofSeconds(10));
            Row next = engine.execute(text("SELECT CONNECTION_ID(), CAST(:t AS SIGNED), (SELECT COUNT(*) FROM numbers)"),
                    Map.of("t", take)).one().block(Duration.ofSeconds(10));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("RELIABILITY take(" + take + ") of 100,000 rows then next query on the same connection: "
                    + elapsed.toMillis() + " ms");
            assertThat(taken).hasSize(take);
            // no ORDER BY (the server would sort all 100,000 rows first): check the values are real and distinct
            assertThat(new HashSet<>(taken)).hasSize(take);
            assertThat(taken).allSatisfy(v -> {
                assertThat(v / 10000).isBetween(1, 50);
                assertThat(v % 10000).isBetween(1, ROWS);
            });
            // the release drains the rest of the result; if that has not answered within the 250 ms
            // grace, a KILL QUERY is sent and the connection replaced (a busy machine gets there)
            if (elapsed.compareTo(KILL_GRACE) < 0) {
                assertThat(next.get(0, Long.class)).as("same connection after a drain within the grace")
                        .isEqualTo(connectionId);
            } else if (next.get(0, Long.class) != connectionId) {
                System.out.println("RELIABILITY take(" + take + "): the drain took longer than the grace; connection "
                        + "replaced");
                connectionId = next.get(0, Long.class);
            }
            assertThat(next.get(1, Long.class)).isEqualTo(take);
            assertThat(next.get(2, Long.class)).isEqualTo(ROWS);
            // includes draining the rest of the 100,000 rows (r2dbc-mysql does it at release); generous for a busy CI box
            assertThat(elapsed).isLessThan(TimeBudgets.scaled(Duration.ofSeconds(8)));
        }
    }

    // ------------------------------------------------------------------------------------------
    // 3. timeout in the middle of a transaction
    // ------------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void timeoutInTheMiddleOfATransactionRollsBack() {
        Engine engine = db.newEngine(EngineOptions.builder().name("txtimeout").poolSize(1).maxOverflow(0).build());
        long idleGroup = -1, busyGroup = -2, laterGroup = -3;

        // (a) cancelled between two statements, nothing in flight
        long started = System.nanoTime();
        Throwable idle = engine.transaction(conn -> conn.execute(text("INSERT INTO tx_rows (grp, step) VALUES (:g, 1)"),
                                Map.of("g", idleGroup)).rowcount()
                        .then(Mono.delay(Duration.ofSeconds(2)))
                        .then(conn.execute(text("INSERT INTO tx_rows (grp, step) VALUES (:g, 2)"), Map.of("g", idleGroup))
                                .rowcount()))
                .timeout(Duration.ofMillis(300))
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(10));
        assertThat(idle).isInstanceOf(TimeoutException.class);
        awaitReleased(engine);
        System.out.println("RELIABILITY transaction timeout between statements: released "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after start (timeout 300 ms)");

        // (b) cancelled while a statement runs on the server
        started = System.nanoTime();
        Throwable busy = engine.transaction(conn -> conn.execute(text("INSERT INTO tx_rows (grp, step) VALUES (:g, 1)"),
                                Map.of("g", busyGroup)).rowcount()
                        .then(conn.execute(text("SELECT SLEEP(1)")).scalar(Long.class))
                        .then(conn.execute(text("INSERT INTO tx_rows (grp, step) VALUES (:g, 2)"), Map.of("g", busyGroup))
                                .rowcount()))
                .timeout(Duration.ofMillis(300))
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(10));
        assertThat(busy).isInstanceOf(TimeoutException.class);
        awaitReleased(engine);
        System.out.println("RELIABILITY transaction timeout during SELECT SLEEP(1): released "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms after start (timeout 300 ms)");

        // the (only) connection is not left inside a transaction: a later commit does not carry the rows above
        Long later = engine.transaction(conn -> conn.execute(text("INSERT INTO tx_rows (grp, step) VALUES (:g, 1), (:g, 2)"),
                        Map.of("g", laterGroup)).rowcount()
                .then(conn.execute(text("SELECT COUNT(*) FROM tx_rows WHERE grp IN (:a, :b)"),
                        Map.of("a", idleGroup, "b", busyGroup)).scalar(Long.class)))
                .block(Duration.ofSeconds(10));
        assertThat(later).as("rows of the timed-out transactions seen by the next one").isZero();
        Map<Long, Long> counts = groupCounts(List.of(idleGroup, busyGroup, laterGroup));
        assertThat(counts).as("rows per group").isEqualTo(Map.of(laterGroup, 2L));
    }

    private Map<Long, Long> groupCounts(List<Long> groups) {
        Map<Long, Long> counts = new java.util.HashMap<>();
        for (Row row : db.engine().execute(text("SELECT grp, COUNT(*) FROM tx_rows WHERE grp IN (:a, :b, :c) GROUP BY grp"),
                Map.of("a", groups.get(0), "b", groups.get(1), "c", groups.get(2))).all().block(Duration.ofSeconds(10))) {
            counts.put(row.get(0, Long.class), row.get(1, Long.class));
        }
        return counts;
    }

    // ------------------------------------------------------------------------------------------
    // 5. pool exhaustion
    // ------------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void exhaustedPoolFailsOverflowCallersFastAndServesAgain() throws Exception {
        int size = 2;
        int overflowCallers = 6;
        Engine engine = db.newEngine(EngineOptions.builder().name("exhaust").poolSize(size).maxOverflow(0)
                .poolTimeout(Duration.ofMillis(200)).build());
        Sinks.Empty<Void> gate = Sinks.empty();
        List<CompletableFuture<Long>> holders = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long value = i;
            holders.add(engine.connect(conn -> conn.execute(text("SELECT CAST(:v AS SIGNED)"), Map.of("v", value))
                    .scalar(Long.class).flatMap(v -> gate.asMono().thenReturn(v))).toFuture());
        }
        poll(() -> engine.poolStatus().checkedOut() == size, Duration.ofSeconds(10), "holders never checked out");

        long started = System.nanoTime();
        List<Object> outcomes = Flux.range(0, overflowCallers)
                .flatMap(i -> engine.execute(text("SELECT 1")).scalar(Long.class)
                        .<Object>map(v -> v)
                        .onErrorResume(error -> Mono.just(error)), overflowCallers)
                .collectList()
                .block(Duration.ofSeconds(10));
        Duration failedWithin = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("RELIABILITY pool exhaustion: " + overflowCallers + " overflow callers failed with "
                + "PoolTimeoutException within " + failedWithin.toMillis() + " ms (poolTimeout 200 ms, pool " + size + ")");
        assertThat(outcomes).hasSize(overflowCallers).allSatisfy(outcome -> {
            assertThat(outcome).isInstanceOf(PoolTimeoutException.class);
            assertThat(((PoolTimeoutException) outcome).waited()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        });
        assertThat(failedWithin).isLessThan(Duration.ofMillis(1500));

        gate.tryEmitEmpty();
        for (int i = 0; i < size; i++) {
            assertThat(holders.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        awaitReleased(engine);

        started = System.nanoTime();
        List<Long> served = Flux.range(0, size * 4)
                .flatMap(i -> engine.execute(text("SELECT CAST(:v AS SIGNED)"), Map.of("v", i)).scalar(Long.class), size * 4)
                .collectList().block(Duration.ofSeconds(10));
        System.out.println("RELIABILITY pool exhaustion: after release " + served.size() + " concurrent queries served in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        assertThat(new HashSet<>(served)).hasSize(size * 4);
    }

    // ------------------------------------------------------------------------------------------

    /** Polls (up to 5 s) until nothing is checked out or waiting; returns the last status. */
    private static PoolStatus awaitReleased(Engine engine) {
        poll(() -> {
            PoolStatus status = engine.poolStatus();
            return status.checkedOut() == 0 && status.pending() == 0;
        }, Duration.ofSeconds(5), null);
        return engine.poolStatus();
    }

    private static void poll(BooleanSupplier condition, Duration limit, String failure) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                if (failure != null) {
                    fail(failure);
                }
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
