package dev.retort.spring.app;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Mapping;
import java.time.Duration;

/** The test application's tables and pool, as the Spring tests prepare and check them around each test. */
public final class LedgerTables {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private LedgerTables() {
    }

    /** Creates {@code ledger} and the mapping's tables when missing, and empties {@code ledger} and {@code notes}. */
    public static void reset(Engine engine, Mapping mapping) {
        engine.execute(text("CREATE TABLE IF NOT EXISTS ledger (id INT AUTO_INCREMENT PRIMARY KEY, "
                + "name VARCHAR(50) NOT NULL)")).rowcount().block(WAIT);
        mapping.createAll(engine, true).block(WAIT);
        engine.execute(text("DELETE FROM ledger")).rowcount().block(WAIT);
        engine.execute(text("DELETE FROM notes")).rowcount().block(WAIT);
    }

    /** Waits until the engine's pool has no connection checked out; fails after {@code within}. */
    public static void awaitNothingCheckedOut(Engine engine, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (engine.poolStatus().checkedOut() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connections still checked out: " + engine.poolStatus());
            }
            Thread.sleep(10);
        }
    }
}
