package dev.retort.core.reliability;

import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.sql.Sql.update;
import static dev.retort.core.types.Types.BIGINT;
import static dev.retort.core.types.Types.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.result.Row;
import dev.retort.core.schema.CheckConstraint;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue #9, item 15: a soak. For {@code retort.soak.seconds} (default 60, the length CI runs; pass
 * {@code -Dretort.soak.seconds=120} or more for a longer one) 64 operations are kept in
 * flight on a pool of 16 (maxOverflow 0, poolTimeout 10 s): point reads, short range reads, single
 * inserts, executemany inserts of 10 rows, updates and multi-statement transactions (insert, update of a
 * counter row, insert, update, read back), about 10% of them cancelled at a random point (a timeout of 1–20 ms from
 * subscription, or {@code take(1)} on a range read), and about 3% doomed to fail with a server error
 * (a CHECK violation) after they wrote.
 *
 * <p>Every write carries its operation id ({@code soak_items.op}). The outcome of every operation is
 * kept in memory: COMMITTED (its publisher completed), UNKNOWN (cancelled: a cancel can race the
 * commit, so either outcome is allowed, but never a partial one) or FAILED (an error before commit).
 * Afterwards every committed operation's rows are present exactly once, no failed operation's row is
 * present, every counter row was incremented at least by the committed and at most by the committed
 * plus the unknown increments, the pool has nothing checked out and nothing pending, and the used
 * heap (after {@code System.gc()}, sampled every 10 s) is stable: the average of the last third of
 * the samples is at most {@link #HEAP_BOUND_MB} MB above the average of the first third. The bound is
 * generous for a live set of a few tens of MB (the outcome table is allocated before the first
 * sample); a leak of anything per operation (hundreds of thousands of operations) exceeds it.
 *
 * <p>{@code @Timeout} takes only a constant, so the whole test runs under
 * {@code assertTimeoutPreemptively(duration + 120 s)}. Figures are printed with the prefix
 * {@code RELIABILITY soak}.
 */
@DatabaseTest
@Tag("soak")
class SoakTest {

    private static final int SECONDS = Integer.getInteger("retort.soak.seconds", 60);
    private static final int IN_FLIGHT = 64;
    private static final int POOL_SIZE = 16;
    private static final int COUNTERS = 1_000;
    private static final int CAPACITY = 4_000_000;          // operation ids; the load stops early if it reaches it
    private static final long HEAP_BOUND_MB = 64;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration BLOCK = Duration.ofSeconds(60);

    private static final MetaData META = new MetaData();
    private static final Items ITEMS = new Items(META);
    private static final Counters COUNTER = new Counters(META);

    /**
     * One row per single insert, two per transaction (so a statement of a cancelled transaction that
     * slipped past its rollback shows as a partial operation), ten per executemany; {@code op} is the
     * operation id.
     */
    static final class Items extends Table {
        final Column<Long> id = column("id", BIGINT).primaryKey().autoincrement(true);
        final Column<Long> op = column("op", BIGINT).notNull().index();
        final Column<Integer> seq = column("seq", INTEGER).notNull();
        final Column<Integer> kind = column("kind", INTEGER).notNull();
        final Column<Long> val = column("val", BIGINT).notNull();

        Items(MetaData metadata) {
            super(metadata, "soak_items", new CheckConstraint("ck_soak_items_seq", "seq >= 0"));
        }
    }

    /** Counter rows 1..COUNTERS, incremented by updates and transactions. */
    static final class Counters extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey().autoincrement(false);
        final Column<Long> hits = column("hits", BIGINT).notNull();

        Counters(MetaData metadata) {
            super(metadata, "soak_counters");
        }
    }

    // operation kinds
    private static final int POINT_READ = 0;
    private static final int RANGE_READ = 1;
    private static final int INSERT = 2;
    private static final int MANY = 3;
    private static final int UPDATE = 4;
    private static final int TRANSACTION = 5;
    private static final int DOOMED_TRANSACTION = 6;
    private static final int DOOMED_MANY = 7;
    private static final String[] KIND_NAMES = {"point read", "range read", "insert", "executemany(10)", "update",
            "transaction", "doomed transaction", "doomed executemany"};

    // outcomes (low 2 bits of the packed state)
    private static final int RUNNING = 0;
    private static final int COMMITTED = 1;
    private static final int UNKNOWN = 2;
    private static final int FAILED = 3;

    private final TestDatabase db;

    SoakTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void createTables(TestDatabase db) {
        META.createAll(db.engine()).block(BLOCK);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = 1; k <= COUNTERS; k++) {
            rows.add(Map.of("id", k, "hits", 0L));
        }
        db.engine().transaction(conn -> conn.execute(insert(COUNTER), rows).rowcount()).block(BLOCK);
    }

    /** What happened, shared by the operations (thread-safe) and read by the test thread. */
    private static final class Book {
        /** Per operation id: outcome | kind << 2 | counter row << 6. */
        final AtomicIntegerArray state = new AtomicIntegerArray(CAPACITY);
        final AtomicIntegerArray committedHits = new AtomicIntegerArray(COUNTERS + 1);
        final AtomicIntegerArray unknownHits = new AtomicIntegerArray(COUNTERS + 1);
        final LongAdder[] byKind = newAdders(KIND_NAMES.length);
        final LongAdder[] committedByKind = newAdders(KIND_NAMES.length);
        final LongAdder[] cancelledByKind = newAdders(KIND_NAMES.length);
        final LongAdder[] failedByKind = newAdders(KIND_NAMES.length);
        final LongAdder plannedCancels = new LongAdder();
        final LongAdder cancels = new LongAdder();
        final LongAdder takeCancels = new LongAdder();
        final LongAdder operations = new LongAdder();
        final AtomicInteger maxId = new AtomicInteger();
        final Map<String, LongAdder> doomedErrors = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        final AtomicInteger problemCount = new AtomicInteger();

        void problem(String what) {
            if (problemCount.incrementAndGet() <= 50) {
                problems.add(what);
            }
        }

        private static LongAdder[] newAdders(int n) {
            LongAdder[] adders = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                adders[i] = new LongAdder();
            }
            return adders;
        }
    }

    @Test
    void soakAt64InFlight() {
        assertTimeoutPreemptively(Duration.ofSeconds(SECONDS + 120L), this::soak,
                "the soak of " + SECONDS + " s did not end within " + (SECONDS + 120) + " s");
    }

    private void soak() throws InterruptedException {
        Engine engine = db.newEngine(EngineOptions.builder().name("soak").poolSize(POOL_SIZE).maxOverflow(0)
                .poolTimeout(Duration.ofSeconds(10)).build());
        Book book = new Book();
        // warm-up: the pool opens its connections, the dialect is detected
        Flux.range(0, POOL_SIZE).flatMap(i -> engine.execute(text("SELECT 1")).scalar(Long.class), POOL_SIZE)
                .then().block(BLOCK);

        List<Long> heapSamples = new ArrayList<>();
        System.gc();
        long heapBefore = usedHeap();

        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(SECONDS);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> loadError = new AtomicReference<>();
        Disposable load = Flux.range(1, CAPACITY - 1)
                .takeWhile(id -> System.nanoTime() - deadline < 0)
                .flatMap(id -> operation(engine, book, id), IN_FLIGHT)
                .subscribe(ignored -> { }, error -> {
                    loadError.set(error);
                    done.countDown();
                }, done::countDown);

        // the test thread samples the heap every 10 s until the load has ended
        try {
            for (int sample = 1; ; sample++) {
                long at = started + SAMPLE_EVERY.toNanos() * sample;
                long wait = Math.min(at, deadline) - System.nanoTime();
                if (done.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
                System.gc();
                heapSamples.add(usedHeap());
            }
            // the load stops generating at the deadline; the operations in flight end within their bounds
            assertThat(done.await(60, TimeUnit.SECONDS)).as("the load ended within 60 s of its deadline").isTrue();
        } finally {
            load.dispose();
        }
        long loadNanos = System.nanoTime() - started;
        // the last sample: at the end of the load, the engine still open
        System.gc();
        heapSamples.add(usedHeap());

        // the pool: everything given back
        long releaseStarted = System.nanoTime();
        long releaseDeadline = releaseStarted + Duration.ofSeconds(10).toNanos();
        PoolStatus status = engine.poolStatus();
        while ((status.checkedOut() > 0 || status.pending() > 0) && System.nanoTime() - releaseDeadline < 0) {
            Thread.sleep(10);
            status = engine.poolStatus();
        }
        long releaseMs = (System.nanoTime() - releaseStarted) / 1_000_000;

        // ------------------------------------------------------------------ figures
        long operations = book.operations.sum();
        double seconds = loadNanos / 1e9;
        System.out.printf("RELIABILITY soak: %d s requested, %.1f s run, %d operations, %.0f ops/s, %d in flight on a "
                        + "pool of %d (maxOverflow 0, poolTimeout 10 s); load error: %s%n", SECONDS, seconds, operations,
                operations / seconds, IN_FLIGHT, POOL_SIZE, loadError.get());
        StringBuilder kinds = new StringBuilder();
        for (int kind = 0; kind < KIND_NAMES.length; kind++) {
            kinds.append(String.format("%n    %-20s %8d ops, %8d completed, %6d cancelled, %6d failed", KIND_NAMES[kind],
                    book.byKind[kind].sum(), book.committedByKind[kind].sum(), book.cancelledByKind[kind].sum(),
                    book.failedByKind[kind].sum()));
        }
        System.out.println("RELIABILITY soak by kind:" + kinds);
        System.out.printf("RELIABILITY soak cancels: %d planned (%.1f%%), %d took effect (%d by take(1) on a range read, "
                        + "the rest by a 1-20 ms timeout); the others ended before their timeout%n",
                book.plannedCancels.sum(), 100.0 * book.plannedCancels.sum() / Math.max(1, operations),
                book.cancels.sum(), book.takeCancels.sum());
        System.out.printf("RELIABILITY soak pool after the load: %s, released %d ms after the load ended%n", status,
                releaseMs);
        int third = Math.max(1, heapSamples.size() / 3);
        double firstThird = heapSamples.subList(0, third).stream().mapToLong(Long::longValue).average().orElse(0);
        double lastThird = heapSamples.subList(heapSamples.size() - third, heapSamples.size()).stream()
                .mapToLong(Long::longValue).average().orElse(0);
        System.out.printf("RELIABILITY soak heap (used after System.gc(), MB): before the load %.1f; samples every 10 s %s;"
                        + " first third avg %.1f, last third avg %.1f, growth %.1f MB (bound %d MB)%n", mb(heapBefore),
                heapSamples.stream().map(b -> String.format("%.1f", mb(b))).toList(), mb((long) firstThird),
                mb((long) lastThird), mb((long) (lastThird - firstThird)), HEAP_BOUND_MB);
        // ------------------------------------------------------------------ verification
        Verification verification = verify(book);
        System.out.printf("RELIABILITY soak writes: %d committed write operations verified (%d rows), %d cancel-raced "
                        + "(unknown) writes: %d present, %d absent, %d partial; %d failed writes (doomed %s): %d present; "
                        + "counters: %d committed increments, %d unknown, %d rows checked, %d out of range%n",
                verification.committedVerified, verification.committedRows, verification.unknown(),
                verification.unknownPresent, verification.unknownAbsent, verification.unknownPartial,
                verification.failed, book.doomedErrors, verification.failedPresent, verification.committedHits,
                verification.unknownHits, verification.counterRows, verification.countersOutOfRange);
        if (book.problemCount.get() > 0) {
            System.out.println("RELIABILITY soak problems (" + book.problemCount.get() + ", first 50):");
            book.problems.forEach(p -> System.out.println("    " + p));
        }

        // ------------------------------------------------------------------ assertions
        assertThat(loadError.get()).as("error ending the load").isNull();
        assertThat(book.problems).as("wrong answers, unexpected errors or wrong rows").isEmpty();
        assertThat(status.checkedOut()).as("checked out after the load: " + status).isZero();
        assertThat(status.pending()).as("pending after the load: " + status).isZero();
        assertThat(verification.committedVerified).as("committed writes verified").isPositive();
        assertThat(book.cancels.sum()).as("cancels that took effect").isPositive();
        assertThat(book.failedByKind[DOOMED_TRANSACTION].sum() + book.failedByKind[DOOMED_MANY].sum())
                .as("doomed writes that failed").isPositive();
        assertThat(lastThird - firstThird).as("heap growth from the first to the last third of the soak (bytes)")
                .isLessThan(HEAP_BOUND_MB * 1024 * 1024);
        // the engine still answers
        assertThat(engine.execute(text("SELECT COUNT(*) FROM soak_counters")).scalar(Long.class).block(BLOCK))
                .isEqualTo((long) COUNTERS);
    }

    // ------------------------------------------------------------------ the operations

    private Mono<Void> operation(Engine engine, Book book, int id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int roll = random.nextInt(100);
        int kind = roll < 20 ? POINT_READ : roll < 35 ? RANGE_READ : roll < 55 ? INSERT : roll < 67 ? MANY
                : roll < 81 ? UPDATE : roll < 97 ? TRANSACTION : roll < 99 ? DOOMED_TRANSACTION : DOOMED_MANY;
        int counter = random.nextInt(1, COUNTERS + 1);
        boolean cancel = random.nextInt(10) == 0;
        boolean byTake = cancel && kind == RANGE_READ && random.nextBoolean();
        long timeoutMillis = random.nextLong(1, 21);
        book.operations.increment();
        book.byKind[kind].increment();
        book.maxId.accumulateAndGet(id, Math::max);
        book.state.set(id, RUNNING | kind << 2 | counter << 6);
        if (cancel) {
            book.plannedCancels.increment();
        }
        AtomicBoolean cancelled = new AtomicBoolean();

        Mono<?> work = switch (kind) {
            case POINT_READ -> engine.execute(select(COUNTER.id, COUNTER.hits).where(COUNTER.id.eq(counter))).one()
                    .doOnNext(row -> {
                        if (row.get(0, Integer.class) != counter) {
                            book.problem("point read of " + counter + " answered " + row.toMap());
                        }
                    });
            case RANGE_READ -> {
                int low = Math.min(counter, COUNTERS - 9);
                AtomicInteger seen = new AtomicInteger();
                Flux<Row> rows = engine.stream(select(COUNTER.id, COUNTER.hits)
                                .where(COUNTER.id.between(low, low + 9)).orderBy(COUNTER.id))
                        .doOnNext(row -> {
                            int expected = low + seen.getAndIncrement();
                            if (row.get(0, Integer.class) != expected) {
                                book.problem("range read from " + low + ": row " + expected + " was " + row.toMap());
                            }
                        });
                if (byTake) {
                    yield rows.doOnCancel(() -> {
                        if (seen.get() < 10) {
                            book.takeCancels.increment();
                            cancelled.set(true);
                        }
                    }).take(1).count();
                }
                yield rows.count().doOnNext(count -> {
                    if (count != 10) {
                        book.problem("range read from " + low + " returned " + count + " rows");
                    }
                });
            }
            case INSERT -> engine.execute(insert(ITEMS).values(itemRow(id, 0, kind, 0))).rowcount()
                    .doOnNext(count -> expectCount(book, id, "insert", count, 1));
            case MANY, DOOMED_MANY -> {
                List<Map<String, Object>> rows = new ArrayList<>(10);
                for (int seq = 0; seq < 10; seq++) {
                    // the doomed one's last row breaks the CHECK (seq >= 0): the whole statement fails
                    rows.add(Map.of("op", (long) id, "seq", kind == DOOMED_MANY && seq == 9 ? -1 : seq, "kind", kind,
                            "val", 0L));
                }
                yield engine.execute(insert(ITEMS), rows).rowcount()
                        .doOnNext(count -> expectCount(book, id, "executemany", count, 10));
            }
            case UPDATE -> engine.execute(update(COUNTER).set(COUNTER.hits, COUNTER.hits.plus(1L))
                            .where(COUNTER.id.eq(counter))).rowcount()
                    .doOnNext(count -> expectCount(book, id, "update", count, 1));
            default -> engine.transaction(conn -> conn.execute(insert(ITEMS).values(itemRow(id, 0, kind, 0))).rowcount()
                    .then(conn.execute(update(COUNTER).set(COUNTER.hits, COUNTER.hits.plus(1L))
                            .where(COUNTER.id.eq(counter))).rowcount())
                    .then(conn.execute(insert(ITEMS).values(itemRow(id, 1, kind, counter))).rowcount())
                    .then(conn.execute(update(ITEMS).set(ITEMS.val, (long) counter)
                            .set(ITEMS.seq, kind == DOOMED_TRANSACTION ? -1 : 0)   // doomed: breaks the CHECK
                            .where(ITEMS.op.eq((long) id), ITEMS.seq.eq(0))).rowcount())
                    .then(conn.execute(select(ITEMS.val).where(ITEMS.op.eq((long) id)).orderBy(ITEMS.seq))
                            .scalars(Long.class).collectList()))
                    .doOnNext(vals -> {
                        if (!vals.equals(List.of((long) counter, (long) counter))) {
                            book.problem("transaction " + id + " read back " + vals + " instead of [" + counter + ", "
                                    + counter + "]");
                        }
                    });
        };
        if (cancel && !byTake) {
            work = work.doOnCancel(() -> cancelled.set(true)).timeout(Duration.ofMillis(timeoutMillis));
        }
        return work
                .then(Mono.fromRunnable(() -> {
                    if (cancelled.get()) {
                        // take(1) on a read: the operation "completed" downstream but its query was cut
                        book.cancels.increment();
                        book.cancelledByKind[kind].increment();
                        settle(book, id, UNKNOWN);
                    } else {
                        book.committedByKind[kind].increment();
                        settle(book, id, COMMITTED);
                    }
                }))
                .onErrorResume(error -> {
                    if (error instanceof TimeoutException && cancel && !byTake) {
                        book.cancels.increment();
                        book.cancelledByKind[kind].increment();
                        settle(book, id, UNKNOWN);
                    } else {
                        book.failedByKind[kind].increment();
                        settle(book, id, FAILED);
                        if (kind == DOOMED_TRANSACTION || kind == DOOMED_MANY) {
                            book.doomedErrors.computeIfAbsent(error.getClass().getSimpleName(), k -> new LongAdder())
                                    .increment();
                        } else {
                            book.problem("operation " + id + " (" + KIND_NAMES[kind] + ") failed: " + error);
                        }
                    }
                    return Mono.empty();
                })
                .then();
    }

    private static Map<Column<?>, Object> itemRow(long id, int seq, int kind, long val) {
        Map<Column<?>, Object> row = new LinkedHashMap<>();
        row.put(ITEMS.op, id);
        row.put(ITEMS.seq, seq);
        row.put(ITEMS.kind, kind);
        row.put(ITEMS.val, val);
        return row;
    }

    private static void expectCount(Book book, int id, String what, long count, long expected) {
        if (count != expected) {
            book.problem(what + " " + id + " reported rowcount " + count + " instead of " + expected);
        }
    }

    private static void settle(Book book, int id, int outcome) {
        while (true) {
            int state = book.state.get(id);
            if ((state & 3) != RUNNING) {
                book.problem("operation " + id + " settled twice: " + (state & 3) + " then " + outcome);
                return;
            }
            if (book.state.compareAndSet(id, state, state | outcome)) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ verification

    private static final class Verification {
        long committedVerified;
        long committedRows;
        long unknownPresent;
        long unknownAbsent;
        long unknownPartial;
        long failed;
        long failedPresent;
        long committedHits;
        long unknownHits;
        long counterRows;
        long countersOutOfRange;

        long unknown() {
            return unknownPresent + unknownAbsent + unknownPartial;
        }
    }

    private Verification verify(Book book) {
        Verification v = new Verification();
        Engine engine = db.engine();
        int maxId = book.maxId.get();
        boolean[] present = new boolean[maxId + 1];
        // one row per operation that wrote
        String perOp = "SELECT op, CAST(COUNT(*) AS SIGNED), CAST(COUNT(DISTINCT seq) AS SIGNED), CAST(MIN(seq) AS SIGNED),"
                + " CAST(MAX(seq) AS SIGNED), CAST(MIN(val) AS SIGNED), CAST(MAX(val) AS SIGNED), CAST(MIN(kind) AS SIGNED),"
                + " CAST(MAX(kind) AS SIGNED) FROM soak_items GROUP BY op";
        // rows are checked as they arrive (no toIterable: its lock in onNext is a blocking call on the event loop)
        engine.stream(text(perOp)).doOnNext(row -> checkOperation(book, v, present, maxId, row)).then().block(BLOCK);
        checkAbsent(book, v, present, maxId);
        checkCounters(book, v, engine);
        return v;
    }

    private static void checkOperation(Book book, Verification v, boolean[] present, int maxId, Row row) {
        {
            long op = row.get(0, Long.class);
            long[] f = new long[8];
            for (int i = 0; i < 8; i++) {
                f[i] = row.get(i + 1, Long.class);
            }
            if (op < 1 || op > maxId) {
                book.problem("rows of an operation never issued: op " + op);
                return;
            }
            present[(int) op] = true;
            int state = book.state.get((int) op);
            int outcome = state & 3;
            int kind = (state >> 2) & 15;
            int counter = state >>> 6;
            boolean complete = switch (kind) {
                case INSERT -> f[0] == 1 && f[2] == 0 && f[3] == 0 && f[4] == 0 && f[5] == 0;
                case MANY -> f[0] == 10 && f[1] == 10 && f[2] == 0 && f[3] == 9 && f[4] == 0 && f[5] == 0;
                case TRANSACTION -> f[0] == 2 && f[1] == 2 && f[2] == 0 && f[3] == 1 && f[4] == counter
                        && f[5] == counter;
                default -> false;
            };
            boolean kindMatches = f[6] == kind && f[7] == kind;
            String rows = "op " + op + " (" + (kind < KIND_NAMES.length ? KIND_NAMES[kind] : kind) + ", outcome "
                    + outcome + "): rows=" + f[0] + " distinct seq=" + f[1] + " seq " + f[2] + ".." + f[3] + " val "
                    + f[4] + ".." + f[5] + " kind " + f[6] + ".." + f[7];
            switch (outcome) {
                case COMMITTED -> {
                    if (complete && kindMatches) {
                        v.committedVerified++;
                        v.committedRows += f[0];
                    } else {
                        book.problem("committed write with wrong rows: " + rows);
                    }
                }
                case UNKNOWN -> {
                    if (complete && kindMatches) {
                        v.unknownPresent++;
                    } else {
                        v.unknownPartial++;
                        book.problem("cancelled write left partial rows: " + rows);
                    }
                }
                case FAILED -> {
                    v.failedPresent++;
                    book.problem("failed write is present: " + rows);
                }
                default -> book.problem("rows of an operation that never settled or did not write: " + rows);
            }
        }
    }

    private static void checkAbsent(Book book, Verification v, boolean[] present, int maxId) {
        // the writes that are absent
        for (int id = 1; id <= maxId; id++) {
            int state = book.state.get(id);
            int outcome = state & 3;
            int kind = (state >> 2) & 15;
            boolean writes = kind == INSERT || kind == MANY || kind == TRANSACTION || kind == DOOMED_TRANSACTION
                    || kind == DOOMED_MANY;
            if (kind == UPDATE || kind == TRANSACTION || kind == DOOMED_TRANSACTION) {
                int counter = state >>> 6;
                if (outcome == COMMITTED) {
                    book.committedHits.incrementAndGet(counter);
                } else if (outcome == UNKNOWN) {
                    book.unknownHits.incrementAndGet(counter);
                }
            }
            if (outcome == RUNNING) {
                book.problem("operation " + id + " (" + KIND_NAMES[kind] + ") never settled");
            }
            if (outcome == FAILED && writes) {
                v.failed++;
            }
            if (!writes || present[id]) {
                continue;
            }
            if (outcome == COMMITTED) {
                book.problem("committed write is missing: op " + id + " (" + KIND_NAMES[kind] + ")");
            } else if (outcome == UNKNOWN) {
                v.unknownAbsent++;
            }
        }
    }

    private static void checkCounters(Book book, Verification v, Engine engine) {
        // counters: committed <= hits <= committed + unknown
        List<Row> counters = engine.execute(text("SELECT id, hits FROM soak_counters ORDER BY id")).all().block(BLOCK);
        for (Row row : counters) {
            int k = row.get(0, Integer.class);
            long hits = row.get(1, Long.class);
            int committed = book.committedHits.get(k);
            int unknown = book.unknownHits.get(k);
            v.counterRows++;
            v.committedHits += committed;
            v.unknownHits += unknown;
            if (hits < committed || hits > committed + unknown) {
                v.countersOutOfRange++;
                book.problem("counter " + k + " has " + hits + " hits; committed " + committed + ", unknown " + unknown);
            }
        }
        if (v.counterRows != COUNTERS) {
            book.problem(v.counterRows + " counter rows instead of " + COUNTERS);
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
