package dev.retort.examples;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Connection;
import dev.retort.core.engine.Engine;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.sql.TextClause;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Day 2: transactions (commit as you go, explicit begin, rollback, {@code engine.transaction}
 * rolling back on error, savepoints) and the three pool kinds told apart by
 * {@code CONNECTION_ID()}. The pre-ping exercise is in {@link Day2PoolExercise}.
 */
final class Day2 {

    private static final TextClause INSERT_USER = text("INSERT INTO users (name) VALUES (:name)");
    private static final TextClause COUNT_USERS = text("SELECT COUNT(*) FROM users");

    private final Tour tour;

    Day2(Tour tour) {
        this.tour = tour;
    }

    void run() {
        transactions();
        poolKinds();
        new Day2PoolExercise(tour).run();
    }

    private void transactions() {
        tour.section("Day 2 - transactions");
        Engine engine = tour.engine("day2-tx", options -> options);
        try {
            tour.await(engine.execute(text("CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY,"
                    + " name VARCHAR(50) NOT NULL, age INT)")).rowcount());
            step("commit as you go", () -> commitAsYouGo(engine));
            step("explicit begin/commit", () -> explicitBegin(engine));
            step("rollback", () -> rollback(engine));
            step("engine.transaction rollback on error", () -> rollbackOnError(engine));
            step("savepoint", () -> savepoint(engine));
            tour.await(engine.execute(text("DROP TABLE users")).rowcount());
        } catch (RuntimeException e) {
            tour.fail("day 2 transactions", e);
        } finally {
            Tour.dispose(engine);
        }
    }

    private void step(String name, Runnable step) {
        tour.println("\n--- " + name + " ---");
        try {
            step.run();
        } catch (RuntimeException e) {
            tour.println("❌ " + name + " failed: " + e.getClass().getSimpleName() + ": " + Tour.firstLine(e));
            tour.fail("day 2 " + name, e);
        }
    }

    private long count(Engine engine) {
        return tour.await(engine.execute(COUNT_USERS).scalar(Long.class));
    }

    private static Mono<Long> count(Connection conn) {
        return conn.execute(COUNT_USERS).scalar(Long.class);
    }

    /** engine.connect: the INSERT begins a transaction implicitly, conn.commit() commits it. */
    private void commitAsYouGo(Engine engine) {
        long before = count(engine);
        tour.await(engine.connect(conn -> conn.execute(INSERT_USER, Map.of("name", "Alice")).rowcount()
                .then(conn.commit())));
        long after = count(engine);
        tour.println("Inserted Alice and called conn.commit(): rows " + before + " -> " + after);
        tour.expect(after == before + 1, "day 2 commit as you go", "expected one more row, rows " + before + " -> " + after);
    }

    /** conn.begin() ... tx.commit(). */
    private void explicitBegin(Engine engine) {
        Long updated = tour.await(engine.connect(conn -> conn.begin().flatMap(tx -> conn
                .execute(text("UPDATE users SET age = :age WHERE name = :name"), Map.of("age", 30, "name", "Alice"))
                .rowcount()
                .flatMap(rows -> tx.commit().thenReturn(rows)))));
        Integer age = tour.await(engine.execute(text("SELECT age FROM users WHERE name = :name"), Map.of("name", "Alice"))
                .scalar(Integer.class));
        tour.println("conn.begin(), UPDATE (" + updated + " row), tx.commit(): Alice's age is now " + age);
        tour.expect(Integer.valueOf(30).equals(age), "day 2 explicit begin", "age is " + age + ", expected 30");
    }

    /** conn.begin() ... tx.rollback(): the inserted row is gone again. */
    private void rollback(Engine engine) {
        long before = count(engine);
        List<Long> counts = tour.await(engine.connect(conn -> conn.begin().flatMap(tx -> conn
                .execute(INSERT_USER, Map.of("name", "Carol")).rowcount()
                .then(count(conn))
                .flatMap(inside -> tx.rollback().then(count(conn)).map(after -> List.of(inside, after))))));
        long afterwards = count(engine);
        tour.println("Rows before: " + before + ", after inserting Carol (inside the transaction): " + counts.get(0)
                + ", after tx.rollback(): " + counts.get(1) + ", seen from another connection: " + afterwards);
        tour.expect(counts.get(0) == before + 1 && counts.get(1) == before && afterwards == before,
                "day 2 rollback", "the rollback did not remove the row");
    }

    /** engine.transaction: an error inside the work rolls back everything it did. */
    private void rollbackOnError(Engine engine) {
        long before = count(engine);
        try {
            tour.await(engine.transaction(conn -> conn.execute(INSERT_USER, Map.of("name", "Bob")).rowcount()
                    .then(conn.execute(text("INSERT INTO users (id, name) VALUES (:id, :name)"),
                            Map.of("id", 1, "name", "Alice's twin")).rowcount())));
            tour.expect(false, "day 2 engine.transaction", "the duplicate key did not fail");
        } catch (RuntimeException e) {
            tour.println("engine.transaction failed with " + e.getClass().getName() + ": " + Tour.firstLine(e));
            tour.expect(e instanceof IntegrityException, "day 2 engine.transaction",
                    "expected IntegrityException, got " + e.getClass().getSimpleName());
        }
        long after = count(engine);
        tour.println("Rows before: " + before + ", after the failed transaction: " + after
                + (after == before ? " (unchanged: Bob's insert was rolled back)" : ""));
        tour.expect(after == before, "day 2 engine.transaction", "Bob's insert survived the rollback");
    }

    /** A SAVEPOINT rolled back inside a transaction that commits. */
    private void savepoint(Engine engine) {
        tour.await(engine.transaction(conn -> conn.execute(INSERT_USER, Map.of("name", "Dave")).rowcount()
                .then(conn.beginNested())
                .flatMap(savepoint -> conn.execute(INSERT_USER, Map.of("name", "Eve")).rowcount()
                        .then(savepoint.rollback()))));
        List<String> names = tour.await(engine.execute(text("SELECT name FROM users ORDER BY id"))
                .scalars(String.class).collectList());
        tour.println("Inserted Dave, then Eve inside conn.beginNested(), rolled back the savepoint, committed: " + names);
        tour.expect(names.contains("Dave") && !names.contains("Eve"), "day 2 savepoint",
                "expected Dave without Eve, got " + names);
    }

    /** QUEUE reuses its connection, NULL opens a new one per use, STATIC always has the same one. */
    private void poolKinds() {
        tour.section("Day 2 - pool kinds, told apart by CONNECTION_ID()");
        for (PoolKind kind : PoolKind.values()) {
            Engine engine = tour.engine("pool-" + kind.name().toLowerCase(Locale.ROOT),
                    options -> options.poolKind(kind).echoPool(true));
            try {
                Long first = tour.await(engine.connect(Day2::connectionId));
                Long second = tour.await(engine.connect(Day2::connectionId));
                boolean same = first.equals(second);
                tour.println(kind + ": first use on server connection " + first + ", second use on " + second
                        + (same ? " (same connection reused)" : " (a new connection)") + "; " + engine.poolStatus());
                tour.expect(same == (kind != PoolKind.NULL), "day 2 pool " + kind,
                        kind == PoolKind.NULL ? "NULL pool reused a connection" : kind + " pool opened a second connection");
            } catch (RuntimeException e) {
                tour.fail("day 2 pool " + kind, e);
            } finally {
                Tour.dispose(engine);
            }
        }
    }

    static Mono<Long> connectionId(Connection conn) {
        return conn.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
    }
}
