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
                // day 5
                .contains(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;")
                .contains("INDEX idx_user_created (user_id, created_at)")
                .contains("FOREIGN KEY (user_id) REFERENCES users (id)")
                .contains("Flushed: alice has id 1 before the commit (created_at read back from the server)")
                .contains("Committed: user 1, posts [1, 2]")
                .contains(lines("User: alice", "Posts:", "  - First Post (Hello ORM!)", "  - Second Post (Retort rocks!)"))
                // day 6
                .contains(lines(
                        "1. New object: State = TRANSIENT, ID = null, in session: no",
                        "2. After add: State = PENDING, ID = null, in session: yes",
                        "3. After flush: State = PERSISTENT, ID = 1, in session: yes",
                        "4. After commit: State = PERSISTENT, ID = 1, in session: yes",
                        "   Session closed: State = DETACHED, ID = 1, in session: no"))
                .contains("5. Loaded from DB: State = PERSISTENT, ID = 1, in session: yes")
                .contains("   get(User, 1) again returns the same instance: true")
                .contains("6. After modify: State = PERSISTENT, ID = 1, in session: yes")
                .contains("   dirty() = [User(id=1, username=bob)], isModified = true")
                .contains("7. After update commit: State = PERSISTENT, ID = 1, in session: yes")
                .contains("8. Loaded for delete: State = PERSISTENT, ID = 1, in session: yes")
                .contains(lines(
                        "9. After delete: State = PERSISTENT, ID = 1, in session: yes",
                        "   deleted() = [User(id=1, username=bob)] (the DELETE runs at the next flush)",
                        "   After flush: State = DELETED, ID = 1, in session: yes"))
                .contains("10. After delete commit (detached): State = DETACHED, ID = 1, in session: no")
                .contains(lines(
                        "11. Persistent: State = PERSISTENT, ID = 2, in session: yes",
                        "12. After session close (detached): State = DETACHED, ID = 2, in session: no"))
                .contains("get(User, 2) in a new session finds nothing")
                .contains("dirty() = [User(id=3, username=dora)], deleted() = [User(id=4, username=eve)]")
                .contains("refresh() discards the unflushed change: username = dora, dirty() = []")
                .contains("After the commit a new session reads dora's email as dora@merged.com")
                // day 7
                .contains(lines("Added: Alice (ID: 1)", "Added: Bob (ID: 2)",
                        "ID: 1, Alice - alice@ex.com (123-456)", "ID: 2, Bob - bob@ex.com (789-012)"))
                .contains(lines("Updated: Alice",
                        "ID: 1, Alice - alice@ex.com (999-888)", "ID: 2, Bob - bob@ex.com (789-012)",
                        "Contact not found (ID: 99)"))
                .contains(lines("Deleted: Bob", "ID: 1, Alice - alice@ex.com (999-888)"))
                .contains("SQL: UPDATE contacts SET email = REPLACE(contacts.email, ?, ?) WHERE contacts.email LIKE ?")
                .contains(lines("Bulk updated 1 emails",
                        "Alice, loaded in that session before the UPDATE, reads alice@newco.com after it",
                        "ID: 1, Alice - alice@newco.com (999-888)"))
                .contains(lines("Bulk deleted 2 contacts without a phone; in that session: Alice PERSISTENT, Erin DELETED, Frank DELETED",
                        "ID: 1, Alice - alice@newco.com (999-888)"))
                .contains("Multi-op tx complete: contact Charlie (ID: 5) and log row 1 committed together")
                .contains("Step 2 failed: IntegrityException: ")
                .contains("Rolled back together: contacts with Dave's email in the database: 0; the Dave object is TRANSIENT with ID null")
                .contains(lines("ID: 1, Alice - alice@newco.com (999-888)", "ID: 5, Charlie - charlie@newco.com (No phone)",
                        "Log 1: Welcome email sent to Charlie (contact 5)"))
                // day 8
                .contains("Created User 'Alice' with 2 posts")
                .contains("reading user.posts raises NotLoadedException: User.posts is not loaded, and Retort never loads on access.")
                .contains(lines(
                        "User Posts:",
                        "  - Post 1: Content 1 (User: Alice)",
                        "  - Post 2: Content 2 (User: Alice)",
                        "",
                        "Updated: Updated Post 1",
                        "Deleted post; remaining: 1",
                        "User deleted (cascade deletes posts)",
                        "Rows left: 0 in rel_users, 0 in rel_posts; the post object is DETACHED"))
                // day 9
                .contains(lines(
                        "Posts tagged!",
                        "Post 1 tags: ['python', 'sqlalchemy']",
                        "Post 2 tags: ['sqlalchemy', 'mysql']",
                        "Posts with 'python': ['SQLAlchemy Basics']",
                        "Post 1 tags after remove: ['python']",
                        "Shared tags: []",
                        "The same query before the remove found ['sqlalchemy']"))
                .contains("PostTag rows: SQLAlchemy Basics + python, MySQL Tips + sqlalchemy, MySQL Tips + mysql"
                        + " (created_at filled by the server: true)")
                .contains("session.refresh(post2, \"tags\") reloads it: ['python', 'sqlalchemy', 'mysql']")
                .doesNotContain("Unexpected in");
        assertThat(status).as("exit status; output:%n%s", output).isEqualTo(Main.OK);
    }

    @Test
    void unknownCommandOrDayPrintsUsageAndExitsTwo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        assertThat(Main.run(new String[] {"tour", "10"}, out, "mysql://nowhere:1/x")).isEqualTo(Main.USAGE);
        assertThat(Main.run(new String[] {"tour", "0"}, out, "mysql://nowhere:1/x")).isEqualTo(Main.USAGE);
        assertThat(Main.run(new String[] {"dance"}, out, "mysql://nowhere:1/x")).isEqualTo(Main.USAGE);
        assertThat(Main.run(new String[0], out, "mysql://nowhere:1/x")).isEqualTo(Main.USAGE);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Usage:");
    }

    /** Consecutive lines of the tour's output. */
    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines);
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
