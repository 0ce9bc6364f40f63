package dev.retort.examples;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.schema.Table;
import java.util.Map;

/**
 * Day 3: schema from metadata. Creates the blog schema with {@code createAll} (the DDL shows in
 * the echo log and is printed), inserts the tutorial's dummy user and post, prints
 * {@code SHOW CREATE TABLE posts}, and drops everything with {@code dropAll}.
 */
final class Day3 {

    private final Tour tour;

    Day3(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 3 - metadata, tables, columns and constraints");
        BlogSchema blog = new BlogSchema();
        Engine engine = tour.engine("schema", options -> options.echo(false));
        try {
            String dialectName = tour.await(engine.dialect()).toString();
            tour.println("--- The DDL createAll runs on " + dialectName + " ---");
            for (Table table : blog.metadata.creationOrder(blog.metadata.tables()).tables()) {
                tour.println(tour.await(engine.dialect()).ddlCompiler().createTable(table, java.util.List.of()) + ";");
            }
            tour.println("\n--- Creating Schema ---");
            tour.await(blog.metadata.createAll(engine).thenReturn(true));
            tour.println("--- Schema Created! (createAll again skips existing tables) ---");
            tour.await(blog.metadata.createAll(engine).thenReturn(true));

            Long userId = tour.await(engine.transaction(conn -> conn.execute(
                            text("INSERT INTO users (username, email) VALUES (:username, :email)"),
                            Map.of("username", "alice", "email", "alice@example.com")).rowcount()
                    .then(conn.execute(text("SELECT LAST_INSERT_ID()")).scalar(Long.class))
                    .flatMap(id -> conn.execute(text("INSERT INTO posts (user_id, title, content, status) "
                                    + "VALUES (:user_id, :title, :content, :status)"),
                            Map.of("user_id", id, "title", "First Post", "content", "Hello!", "status", "published"))
                            .rowcount().thenReturn(id))));
            String status = tour.await(engine.execute(text("SELECT status FROM posts WHERE user_id = :id"),
                    Map.of("id", userId)).scalar(String.class));
            Boolean active = tour.await(engine.execute(text("SELECT is_active FROM users WHERE id = :id"),
                    Map.of("id", userId)).first().map(row -> row.get(blog.users.isActive)));
            tour.println("✅ Dummy data inserted: user alice (id " + userId + ", is_active " + active
                    + " from the server default) and a post with status " + status);
            tour.expect(Boolean.TRUE.equals(active) && "published".equals(status), "day 3 dummy data",
                    "is_active=" + active + ", status=" + status);

            String createPosts = tour.await(engine.execute(text("SHOW CREATE TABLE posts")).first()
                    .map(row -> row.get(1, String.class)));
            tour.println("\n--- SHOW CREATE TABLE posts ---\n" + createPosts);
            tour.expect(createPosts.contains("FOREIGN KEY") && createPosts.contains("ck_posts_status"),
                    "day 3 SHOW CREATE TABLE", "the foreign key or check is missing");

            tour.await(blog.metadata.dropAll(engine).thenReturn(true));
            Long left = tour.await(engine.execute(text("SELECT COUNT(*) FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('users', 'posts', 'comments')")).scalar(Long.class));
            tour.println("\n🗑️ Schema dropped (" + left + " of the three tables left)");
            tour.expect(left == 0, "day 3 dropAll", left + " tables left");
        } catch (RuntimeException e) {
            tour.println("❌ Day 3 failed: " + Tour.firstLine(e));
            tour.fail("day 3", e);
        } finally {
            Tour.dispose(engine);
        }
    }
}
