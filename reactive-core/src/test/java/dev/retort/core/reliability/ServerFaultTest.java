package dev.retort.core.reliability;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue #9, items 6, 8 and 9: the server kills connections, a cancelled query keeps the server busy,
 * connections reach their maximum lifetime or idle timeout under traffic.
 *
 * <p>Every KILL targets only connections this class's engines opened: ids are collected with
 * {@code CONNECTION_ID()} on the engine under test and checked against {@code
 * information_schema.PROCESSLIST} rows of this class's own database. Measured figures are printed
 * with the prefix {@code [ServerFaultTest]}.
 */
@DatabaseTest
class ServerFaultTest {

    private static final Duration BLOCK = Duration.ofSeconds(10);
    private static final Duration REQUIRED_FREE = Duration.ofSeconds(2);

    private final TestDatabase db;

    ServerFaultTest(TestDatabase db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- item 6: server-side KILL

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void killingEveryIdleConnectionOfThePoolIsInvisibleOrOneClearError() {
        Engine engine = db.newEngine(options("kill-idle").poolSize(4).maxOverflow(0).build());
        Engine admin = admin();

        Set<Long> opened = openConcurrently(engine, 4);
        assertThat(opened).hasSize(4);
        assertThat(engine.poolStatus().idle()).isEqualTo(4);

        Set<Long> listed = processIds(admin);
        assertThat(listed).as("PROCESSLIST rows of database %s", db.name()).containsAll(opened);
        for (long id : opened) {
            kill(admin, "KILL CONNECTION", id);
        }
        long killedAt = System.nanoTime();

        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<String> failedRounds = new CopyOnWriteArrayList<>();
        Set<Long> after = ConcurrentHashMap.newKeySet();
        // at once after the KILLs: sequential, then 4 at a time, then sequential again
        for (int round = 0; round < 3; round++) {
            int r = round;
            Flux.range(0, 4)
                    .flatMap(i -> connectionId(engine).doOnNext(after::add)
                            .onErrorResume(error -> {
                                failures.add(error);
                                failedRounds.add(r + ":" + i);
                                return Mono.empty();
                            }), round == 1 ? 4 : 1)
                    .then().block(BLOCK);
        }
        long answeredMs = elapsedMs(killedAt);
        print("item 6 idle KILL of 4/4 pooled connections: 12 queries after the KILLs took %d ms, %d failed (round:query %s)%s, "
                + "new connection ids %s (killed %s), pool %s", answeredMs, failures.size(), failedRounds, describe(failures),
                after, opened, engine.poolStatus());

        assertThat(failures).as("callers that saw an error").hasSizeLessThanOrEqualTo(1);
        failures.forEach(failure -> assertThat(failure).isInstanceOf(OperationalException.class));
        assertThat(after).isNotEmpty().doesNotContainAnyElementsOf(opened);
        awaitNothingCheckedOut(engine, Duration.ofSeconds(2));
        assertThat(processIds(admin)).doesNotContainAnyElementsOf(opened);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void killingABusyConnectionFailsItsCallerClearlyAndThePoolReplacesIt() {
        Engine engine = db.newEngine(options("kill-busy").poolSize(1).maxOverflow(0).build());
        Engine admin = admin();
        long busyId = connectionId(engine).block(BLOCK);

        AtomicReference<Throwable> seen = new AtomicReference<>();
        long started = System.nanoTime();
        Mono<Long> sleeping = engine.execute(text("SELECT SLEEP(3)")).scalar(Long.class)
                .doOnError(seen::set);
        Disposable running = sleeping.subscribe(value -> { }, error -> { });
        sleepMs(300);
        assertThat(processIds(admin)).contains(busyId);
        kill(admin, "KILL CONNECTION", busyId);
        long killedAt = System.nanoTime();

        long deadline = System.nanoTime() + BLOCK.toNanos();
        while (!running.isDisposed() && seen.get() == null && System.nanoTime() < deadline) {
            sleepMs(5);
        }
        long callerMs = elapsedMs(killedAt);
        Throwable error = seen.get();
        long nextStarted = System.nanoTime();
        long nextId = connectionId(engine).block(BLOCK);
        long nextMs = elapsedMs(nextStarted);
        print("item 6 busy KILL during SELECT SLEEP(3) (killed %d ms after it started): caller %s after %d ms: %s; "
                + "next query answered in %d ms on connection %d (killed %d), pool %s", elapsedMs(started) - callerMs,
                error == null ? "completed without error" : "failed", callerMs,
                error == null ? "-" : error.getClass().getName() + ": " + firstLine(error), nextMs, nextId, busyId,
                engine.poolStatus());

        assertThat(error).as("the SLEEP(3) caller's error").isInstanceOf(OperationalException.class);
        assertThat(callerMs).as("ms until the SLEEP(3) caller heard of the KILL").isLessThan(2000);
        assertThat(nextId).isNotEqualTo(busyId);
        awaitNothingCheckedOut(engine, Duration.ofSeconds(2));
        assertThat(processIds(admin)).doesNotContain(busyId);
    }

    // ---------------------------------------------------------------- item 8: cancel while the server is busy

    /**
     * REQUIRED by issue #9 (≤ 2 s). Fails with the current code: reset() pings behind the running
     * SLEEP until releaseTimeout (5 s) and only then invalidates.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void cancellingABusyQueryFreesThePoolWithinTwoSeconds() {
        Engine engine = db.newEngine(options("cancel-busy").poolSize(1).maxOverflow(0).build());
        Engine admin = admin();
        long busyId = connectionId(engine).block(BLOCK);

        Disposable sleeping = engine.stream(text("SELECT SLEEP(30)")).subscribe(row -> { }, error -> { });
        sleepMs(200);
        sleeping.dispose();
        long cancelledAt = System.nanoTime();

        long releasedMs = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (System.nanoTime() < deadline) {
            if (engine.poolStatus().checkedOut() == 0) {
                releasedMs = elapsedMs(cancelledAt);
                break;
            }
            sleepMs(5);
        }
        Long nextId = null;
        Throwable nextError = null;
        try {
            nextId = connectionId(engine).block(BLOCK);
        } catch (RuntimeException e) {
            nextError = e;
        }
        long answeredMs = elapsedMs(cancelledAt);

        // Is the cancelled SLEEP still running on the server once the connection was invalidated?
        Map<String, Object> serverSide = processRow(admin, busyId);
        sleepMs(500);
        Map<String, Object> serverSideLater = processRow(admin, busyId);
        long disposeStarted = System.nanoTime();
        Throwable disposeError = null;
        try {
            engine.dispose().block(BLOCK);
        } catch (RuntimeException e) {
            disposeError = e;
        }
        long disposeMs = elapsedMs(disposeStarted);
        Map<String, Object> afterDispose = processRow(admin, busyId);
        print("item 8 SELECT SLEEP(30) cancelled after 200 ms on a pool of 1 (releaseTimeout %s): zero checked out "
                + "after %d ms; next query answered after %d ms on connection %s%s (busy one was %d); dispose() took "
                + "%d ms%s", engine.options().releaseTimeout(), releasedMs, answeredMs, nextId,
                nextError == null ? "" : " FAILED " + firstLine(nextError), busyId, disposeMs,
                disposeError == null ? "" : " and FAILED " + firstLine(disposeError));
        print("item 8 server side, connection %d: right after the next query %s; 500 ms later %s; after dispose %s",
                busyId, serverSide, serverSideLater, afterDispose);
        if (afterDispose != null) {
            kill(admin, "KILL CONNECTION", busyId); // our own leftover: do not leave 30 s of SLEEP on a shared server
        }

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(releasedMs).as("ms until the pool had nothing checked out (required ≤ %d ms)",
                REQUIRED_FREE.toMillis()).isBetween(0L, REQUIRED_FREE.toMillis());
        soft.assertThat(nextError).as("the next query's error").isNull();
        soft.assertThat(answeredMs).as("ms until a new query on the pool of 1 answered (required ≤ %d ms)",
                REQUIRED_FREE.toMillis()).isLessThanOrEqualTo(REQUIRED_FREE.toMillis());
        soft.assertThat(disposeError).as("engine.dispose()").isNull();
        soft.assertThat(serverSide == null ? null : serverSide.get("info"))
                .as("what connection %d runs on the server once the next query answered (required: not the cancelled "
                        + "SLEEP(30))", busyId).isNotEqualTo("SELECT SLEEP(30)");
        soft.assertAll();
    }

    // ---------------------------------------------------------------- item 9: max lifetime, idle eviction

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void maxLifetimeReplacesConnectionsUnderSteadyTraffic() {
        Engine engine = db.newEngine(options("recycle").poolSize(2).maxOverflow(0)
                .poolRecycle(Duration.ofMillis(500)).build());
        Engine admin = admin();

        Traffic traffic = steadyTraffic(engine, Duration.ofSeconds(3));
        Set<Long> retired = new LinkedHashSet<>(traffic.ids);
        retired.remove(traffic.lastId);
        long goneMs = awaitGone(admin, retired, Duration.ofSeconds(3));
        print("item 9 poolRecycle 500 ms, a query every 20 ms for 3 s: %d queries, %d failed%s, %d distinct "
                + "connection ids %s; retired ones gone from PROCESSLIST %d ms after the traffic; pool %s",
                traffic.queries, traffic.failures.size(), describe(traffic.failures), traffic.ids.size(), traffic.ids,
                goneMs, engine.poolStatus());

        assertThat(traffic.failures).isEmpty();
        assertThat(traffic.ids).as("distinct CONNECTION_ID()s in 3 s with a 500 ms lifetime").hasSizeGreaterThanOrEqualTo(3);
        assertThat(goneMs).as("retired connections gone from PROCESSLIST").isNotNegative();
        awaitNothingCheckedOut(engine, Duration.ofSeconds(2));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void idleEvictionClosesUnusedConnectionsUnderSteadyTraffic() {
        Engine engine = db.newEngine(options("idle").poolSize(3).maxOverflow(0)
                .idleTimeout(Duration.ofMillis(500)).build());
        Engine admin = admin();

        Set<Long> burst = openConcurrently(engine, 3);
        assertThat(burst).hasSize(3);
        long burstEnded = System.nanoTime();
        Traffic traffic = steadyTraffic(engine, Duration.ofSeconds(3));
        Set<Long> unused = new LinkedHashSet<>(burst);
        unused.removeAll(traffic.ids);
        Set<Long> stillListed = new LinkedHashSet<>(processIds(admin));
        stillListed.retainAll(burst);
        Set<Long> retired = new LinkedHashSet<>(burst);
        retired.addAll(traffic.ids);
        retired.remove(traffic.lastId);
        long goneMs = awaitGone(admin, retired, Duration.ofSeconds(3));
        print("item 9 idleTimeout 500 ms: burst opened %s; then a query every 20 ms for 3 s: %d queries, %d failed%s, "
                + "ids used %s; burst connections never used again %s; of the burst still in PROCESSLIST at the end "
                + "of traffic (%d ms after the burst): %s; all but the last gone %d ms after the traffic; pool %s",
                burst, traffic.queries, traffic.failures.size(), describe(traffic.failures), traffic.ids, unused,
                elapsedMs(burstEnded), stillListed, goneMs, engine.poolStatus());

        assertThat(traffic.failures).isEmpty();
        assertThat(unused).as("burst connections the steady traffic did not need").isNotEmpty();
        assertThat(stillListed).as("idle burst connections left on the server after 3 s").doesNotContainAnyElementsOf(unused);
        assertThat(goneMs).as("connections other than the last gone from PROCESSLIST").isNotNegative();
        awaitNothingCheckedOut(engine, Duration.ofSeconds(2));
    }

    // ---------------------------------------------------------------- helpers

    private static EngineOptions.Builder options(String name) {
        return EngineOptions.builder().name("fault-" + name).poolTimeout(Duration.ofSeconds(5));
    }

    /** A side engine without a pool: one new connection per statement, so it never sits behind a busy one. */
    private Engine admin() {
        return db.newEngine(EngineOptions.builder().name("fault-admin").poolKind(PoolKind.NULL).build());
    }

    private static Mono<Long> connectionId(Engine engine) {
        return engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
    }

    /** Opens {@code n} connections at once (each holds its connection 200 ms) and returns their ids. */
    private static Set<Long> openConcurrently(Engine engine, int n) {
        List<Long> ids = Flux.range(0, n)
                .flatMap(i -> engine.execute(text("SELECT CONNECTION_ID(), SLEEP(0.2)")).one()
                        .map(row -> row.get(0, Long.class)), n)
                .collectList().block(BLOCK);
        return new LinkedHashSet<>(ids);
    }

    /** Connection ids of this class's database other than the asking connection. */
    private Set<Long> processIds(Engine admin) {
        List<Long> ids = admin.execute(text("SELECT CAST(ID AS SIGNED) FROM information_schema.PROCESSLIST "
                        + "WHERE DB = :db AND ID <> CONNECTION_ID()"), Map.of("db", db.name()))
                .scalars(Long.class).collectList().block(BLOCK);
        return new LinkedHashSet<>(ids);
    }

    private Map<String, Object> processRow(Engine admin, long id) {
        return admin.execute(text("SELECT COMMAND, CAST(TIME_MS AS SIGNED) AS time_ms, STATE, INFO "
                        + "FROM information_schema.PROCESSLIST WHERE ID = :id AND DB = :db"),
                        Map.of("id", id, "db", db.name()))
                .oneOrNone()
                .map(row -> {
                    Map<String, Object> values = new java.util.LinkedHashMap<>();
                    values.put("command", row.get(0, String.class));
                    values.put("timeMs", row.get(1, Long.class));
                    values.put("state", row.get(2, String.class));
                    values.put("info", row.get(3, String.class));
                    return values;
                })
                .block(BLOCK);
    }

    /** KILLs {@code id} after checking that it is a connection of this class's database. */
    private void kill(Engine admin, String how, long id) {
        assertThat(processIds(admin)).as("only our own connections are killed").contains(id);
        admin.execute(text(how + " " + id)).rowcount().block(BLOCK);
    }

    /** Waits until none of {@code ids} is in PROCESSLIST; the ms waited, or -1 when some stayed. */
    private long awaitGone(Engine admin, Set<Long> ids, Duration limit) {
        long started = System.nanoTime();
        while (true) {
            Set<Long> listed = processIds(admin);
            if (Collections.disjoint(listed, ids)) {
                return elapsedMs(started);
            }
            if (System.nanoTime() - started > limit.toNanos()) {
                listed.retainAll(ids);
                print("still in PROCESSLIST after %d ms: %s", limit.toMillis(), listed);
                return -1;
            }
            sleepMs(20);
        }
    }

    private record Traffic(int queries, List<Throwable> failures, Set<Long> ids, long lastId) {
    }

    /** One {@code SELECT CONNECTION_ID()} every 20 ms (one at a time) for {@code length}. */
    private static Traffic steadyTraffic(Engine engine, Duration length) {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Set<Long> ids = Collections.synchronizedSet(new LinkedHashSet<>());
        AtomicReference<Long> last = new AtomicReference<>(-1L);
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        Flux.interval(Duration.ofMillis(20)).onBackpressureDrop().take(length)
                .concatMap(tick -> connectionId(engine).timeout(Duration.ofSeconds(3))
                        .doOnSubscribe(subscription -> count.incrementAndGet())
                        .doOnNext(id -> {
                            ids.add(id);
                            last.set(id);
                        })
                        .onErrorResume(error -> {
                            failures.add(error);
                            return Mono.empty();
                        }))
                .then().block(length.plusSeconds(10));
        return new Traffic(count.get(), failures, new LinkedHashSet<>(ids), last.get());
    }

    private static void awaitNothingCheckedOut(Engine engine, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        PoolStatus status = engine.poolStatus();
        while (status.checkedOut() != 0 && System.nanoTime() < deadline) {
            sleepMs(10);
            status = engine.poolStatus();
        }
        assertThat(status.checkedOut()).as("checked out: %s", status).isZero();
        assertThat(status.pending()).as("waiting: %s", status).isZero();
    }

    private static String describe(List<Throwable> failures) {
        List<String> lines = new ArrayList<>();
        failures.forEach(failure -> lines.add(failure.getClass().getSimpleName() + ": " + firstLine(failure)));
        return lines.isEmpty() ? "" : " " + lines;
    }

    private static String firstLine(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
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
        System.out.println("[ServerFaultTest] " + String.format(format, args));
    }
}
