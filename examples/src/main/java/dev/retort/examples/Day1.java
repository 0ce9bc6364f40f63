package dev.retort.examples;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.result.Row;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Day 1: engines and echo. The first script runs {@code SELECT 1}; the multi-engine test runs the
 * same small workload (SELECT 1, create a table, insert, select, drop) through three differently
 * configured engines, with echo on so every statement shows in the log.
 */
final class Day1 {

    private static final String GREETING = "Hello Retort!";

    private final Tour tour;

    Day1(Tour tour) {
        this.tour = tour;
    }

    void run() {
        firstScript();
        multiEngineTest();
    }

    /** Connect with echo on and run {@code SELECT 1 AS test}. */
    private void firstScript() {
        tour.section("Day 1 - your first script: connect and SELECT 1");
        Engine engine = tour.engine("first-script", options -> options);
        try {
            Integer value = tour.await(engine.connect(conn -> conn.execute(text("SELECT 1 AS test")).scalar(Integer.class)));
            tour.println("Result: " + value);
            tour.expect(Integer.valueOf(1).equals(value), "day 1 first script", "SELECT 1 returned " + value);
        } catch (RuntimeException e) {
            tour.println("❌ First script failed: " + Tour.firstLine(e));
            tour.fail("day 1 first script", e);
        } finally {
            Tour.dispose(engine);
        }
    }

    /** Three engines, each put through {@link #testConnection}. */
    private void multiEngineTest() {
        tour.section("Day 1 - create engines, test connections, observe echo");
        test("Engine 1 (Basic)", "engine-1", options -> options.prePing(true));
        test("Engine 2 (Pooled)", "engine-2", options -> options.poolSize(5).maxOverflow(10).poolRecycle(Duration.ofHours(1)));
        test("Engine 3 (NullPool)", "engine-3", options -> options.poolKind(PoolKind.NULL));
        tour.println("\nThe echo log above shows every statement with its parameters and timing.");
    }

    private void test(String name, String label, UnaryOperator<EngineOptions.Builder> options) {
        Engine engine = tour.engine(label, options);
        try {
            testConnection(engine, name);
        } finally {
            Tour.dispose(engine);
        }
    }

    /** SELECT 1, then create, fill, read and drop {@code test_table}, all on one connection. */
    private void testConnection(Engine engine, String name) {
        tour.println("\n--- Testing " + name + " ---");
        tour.println("    options: " + engine.options());
        try {
            Row row = tour.await(engine.connect(conn -> conn.execute(text("SELECT 1 AS connection_test"))
                    .scalar(Integer.class)
                    .doOnNext(value -> {
                        tour.println("Connection test: " + value);
                        tour.expect(value == 1, name, "SELECT 1 returned " + value);
                    })
                    .then(conn.execute(text("CREATE TABLE IF NOT EXISTS test_table ("
                            + " id INT AUTO_INCREMENT PRIMARY KEY, value VARCHAR(50))")).rowcount())
                    .then(conn.execute(text("INSERT INTO test_table (value) VALUES (:value)"),
                            Map.of("value", GREETING)).rowcount())
                    .then(conn.execute(text("SELECT id, value FROM test_table ORDER BY id LIMIT 1")).one())
                    .flatMap(first -> conn.execute(text("DROP TABLE IF EXISTS test_table")).rowcount().thenReturn(first))));
            Long id = row.get(0, Long.class);
            String value = row.get("value", String.class);
            tour.println("Inserted/Selected: ID=" + id + ", Value=" + value);
            if (tour.expect(Long.valueOf(1).equals(id) && GREETING.equals(value), name,
                    "expected ID=1, Value=" + GREETING)) {
                tour.println("✅ " + name + " connection successful!");
            }
        } catch (RuntimeException e) {
            tour.println("❌ " + name + " failed: " + e.getClass().getSimpleName() + ": " + Tour.firstLine(e));
            tour.fail(name, e);
        }
        tour.println("    " + engine.poolStatus());
    }
}
