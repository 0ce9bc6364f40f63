package dev.retort.examples;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.sql.TextClause;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * Day 2's pool exercise, done for real: instead of simulating a disconnect, a side engine
 * ({@link PoolKind#NULL}) runs {@code KILL <id>} on the server against a connection of the engine
 * under test, once while it is checked out and once while it is idle in the pool.
 */
final class Day2PoolExercise {

    private static final TextClause INSERT = text("INSERT INTO test_pool (value) VALUES (:value)");
    private static final TextClause CONNECTION_ID = text("SELECT CONNECTION_ID()");
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final Tour tour;

    Day2PoolExercise(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 2 - exercise: kill connections, with and without prePing");
        Engine side = tour.engine("side", options -> options.poolKind(PoolKind.NULL));
        try {
            tour.await(side.execute(text("CREATE TABLE IF NOT EXISTS test_pool ("
                    + " id INT AUTO_INCREMENT PRIMARY KEY, value VARCHAR(50))")).rowcount());
            killedWhileCheckedOut(side);
            killedWhileIdle(side);
            idleWithoutPrePing(side);
            tour.await(side.execute(text("DROP TABLE IF EXISTS test_pool")).rowcount());
        } catch (RuntimeException e) {
            tour.fail("day 2 pool exercise", e);
        } finally {
            Tour.dispose(side);
        }
        tour.println("\nInsight: prePing checks a connection when it is checked out and replaces a dead one"
                + " before your work sees it; nothing can save a connection that dies while you hold it.");
    }

    /** The engine under test: a QUEUE pool of 2, logging its checkouts, checkins and invalidations. */
    private Engine engine(String name, boolean prePing) {
        return tour.engine(name, options -> options.poolSize(2).maxOverflow(0).prePing(prePing).echoPool(true));
    }

    /** {@code KILL id} from the side engine. */
    private static Mono<Void> kill(Engine side, long id) {
        return side.execute(text("KILL :id"), Map.of("id", id)).rowcount().then();
    }

    /** prePing off: the connection dies in the caller's hands, so the INSERT fails. */
    private void killedWhileCheckedOut(Engine side) {
        tour.println("\n--- Testing with prePing=false: connection killed while checked out ---");
        Engine engine = engine("pool-noping", false);
        try {
            Long rows = tour.await(engine.connect(conn -> Day2.connectionId(conn)
                    .flatMap(id -> {
                        tour.println("Checked out server connection " + id + "; killing it from the side engine");
                        return kill(side, id);
                    })
                    .then(conn.execute(INSERT, Map.of("value", "First")).rowcount())));
            tour.expect(false, "day 2 prePing=false", "the INSERT on a killed connection inserted " + rows + " row(s)");
        } catch (OperationalException e) {
            tour.println("❌ Failed: " + Tour.firstLine(e) + " (expected without prePing)");
        } catch (RuntimeException e) {
            tour.println("❌ Failed: " + Tour.firstLine(e));
            tour.fail("day 2 prePing=false (expected an OperationalException)", e);
        }
        try {
            tour.println("After the failure: " + engine.poolStatus() + " (the dead connection was discarded)");
            Long next = tour.await(engine.execute(CONNECTION_ID).scalar(Long.class));
            tour.println("The next use succeeds on a new server connection: " + next + "; " + engine.poolStatus());
        } catch (RuntimeException e) {
            tour.fail("day 2 prePing=false, use after the failure", e);
        } finally {
            Tour.dispose(engine);
        }
    }

    /** prePing on: the pooled connection is killed while idle; the next transaction never sees it. */
    private void killedWhileIdle(Engine side) {
        tour.println("\n--- Testing with prePing=true: connection killed while idle in the pool ---");
        Engine engine = engine("pool-preping", true);
        try {
            tour.await(engine.transaction(conn -> conn.execute(INSERT, Map.of("value", "First")).rowcount()));
            Long before = tour.await(engine.execute(CONNECTION_ID).scalar(Long.class));
            tour.println("Idle pooled connection is server connection " + before + "; killing it from the side engine");
            tour.await(kill(side, before).then(Mono.delay(SETTLE)));
            Tuple2<Long, Long> countAndId = tour.await(engine.transaction(conn -> conn
                    .execute(INSERT, Map.of("value", "Second")).rowcount()
                    .then(conn.execute(text("SELECT COUNT(*) FROM test_pool")).scalar(Long.class))
                    .flatMap(count -> Day2.connectionId(conn).map(id -> Tuples.of(count, id)))));
            tour.println("✅ Inserts successful: " + countAndId.getT1() + " rows");
            tour.println("Connection id changed: " + before + " -> " + countAndId.getT2() + "; " + engine.poolStatus());
            tour.expect(countAndId.getT1() >= 2, "day 2 prePing=true", "expected 2 rows, counted " + countAndId.getT1());
            tour.expect(!before.equals(countAndId.getT2()), "day 2 prePing=true", "the killed connection was reused");
        } catch (RuntimeException e) {
            tour.println("❌ Failed: " + Tour.firstLine(e));
            tour.fail("day 2 prePing=true", e);
        } finally {
            Tour.dispose(engine);
        }
    }

    /** prePing off, connection killed while idle: the pool's free local check already discards it. */
    private void idleWithoutPrePing(Engine side) {
        tour.println("\n--- Honest note: prePing=false with a connection killed while idle ---");
        tour.println("Even without prePing, r2dbc-pool checks a connection locally at checkout (is its socket"
                + " still open?), so an idle connection the server closed (KILL, wait_timeout, restart) is"
                + " discarded for free. prePing adds a round trip to the server: it matters for connections"
                + " that die silently (a network drop, a firewall forgetting the connection) whose socket"
                + " still looks open, and it proves the server answers before your work starts.");
        Engine engine = engine("pool-noping-idle", false);
        try {
            Long before = tour.await(engine.execute(CONNECTION_ID).scalar(Long.class));
            tour.println("Idle pooled connection is server connection " + before + "; killing it from the side engine");
            tour.await(kill(side, before).then(Mono.delay(SETTLE)));
            Long after = tour.await(engine.execute(CONNECTION_ID).scalar(Long.class));
            tour.println("Next engine.execute succeeded without prePing on a new connection: " + before + " -> " + after
                    + "; " + engine.poolStatus());
            tour.expect(!before.equals(after), "day 2 idle kill without prePing", "the killed connection was reused");
        } catch (RuntimeException e) {
            tour.println("❌ Failed: " + Tour.firstLine(e));
            tour.fail("day 2 idle kill without prePing", e);
        } finally {
            Tour.dispose(engine);
        }
    }
}
