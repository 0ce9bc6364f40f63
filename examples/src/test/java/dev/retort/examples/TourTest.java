package dev.retort.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the whole tour in-process against the tests' server ({@code RETORT_TEST_URL}) or
 * {@code RETORT_URL} when one is set, else against an embedded MariaDB, and checks its exit status
 * and the lines every reader of the tutorial expects. (CI also runs the jar on the embedded default.)
 */
class TourTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void tourRunsEveryDayAsExpected() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8);

        String url = System.getenv("RETORT_TEST_URL") != null ? System.getenv("RETORT_TEST_URL") : System.getenv("RETORT_URL");
        int status = Main.run(new String[] {"tour"}, out, url);

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("Result: 1")
                .contains("Connection test: 1")
                .contains("Inserted/Selected: ID=1, Value=Hello Retort!")
                .contains("✅ Engine 1 (Basic) connection successful!")
                .contains("✅ Engine 2 (Pooled) connection successful!")
                .contains("✅ Engine 3 (NullPool) connection successful!")
                .contains("(expected without prePing)")
                .contains("✅ Inserts successful")
                .contains("CREATE TABLE posts (")
                .contains("✅ Dummy data inserted")
                .contains("--- SHOW CREATE TABLE posts ---")
                .contains("Schema dropped (0 of the three tables left)")
                .contains("Inserted ID: 1")
                .contains("Created 2 users")
                .contains("ID: 1, Alice (25, NYC)")
                .contains("ID: 2, Bob (30, LA)")
                .contains("ID: 3, Charlie (35, NYC)")
                .contains("Filtered: ('Bob', 30) ('Charlie', 35)")
                .contains("Alice: Alice")
                .contains("Updated 1 rows")
                .contains("ID: 2, Bob (31, SF)")
                .contains("Deleted 1 rows")
                .contains("Alice: Not found")
                .contains("Charlie (35, NYC)" + System.lineSeparator() + "Bob (31, SF)")
                .contains("Full CRUD complete")
                .doesNotContain("Unexpected in");
        assertThat(status).as("exit status; output:%n%s", output).isEqualTo(Main.OK);
    }

    @Test
    void unknownCommandOrDayPrintsUsageAndExitsTwo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        assertThat(Main.run(new String[] {"tour", "8"}, out, "mysql://nowhere:1/x")).isEqualTo(Main.USAGE);
        assertThat(Main.run(new String[] {"dance"}, out, "mysql://nowhere:1/x")).isEqualTo(Main.USAGE);
        assertThat(Main.run(new String[0], out, "mysql://nowhere:1/x")).isEqualTo(Main.USAGE);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Usage:");
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
