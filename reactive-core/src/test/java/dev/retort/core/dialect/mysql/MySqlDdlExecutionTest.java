package dev.retort.core.dialect.mysql;

import static dev.retort.core.schema.Schema.*;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.types.Types.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.RetortException;
import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.compile.DdlCompiler;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.core.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the DDL {@link MySqlDdlCompiler} writes on the test server (MySQL or MariaDB, whichever the
 * test database is), so the exact strings of {@link MySqlDdlCompilerTest} are known to be accepted.
 * Every test drops what it created.
 */
@DatabaseTest
class MySqlDdlExecutionTest {

    private final TestDatabase db;
    private final Engine engine;
    private final DdlCompiler ddl;

    MySqlDdlExecutionTest(TestDatabase db) {
        this.db = db;
        this.engine = db.engine();
        this.ddl = engine.dialect().block().ddlCompiler();
    }

    private void run(String sql) {
        engine.execute(text(sql)).rowcount().block();
    }

    private Object scalar(String sql) {
        return engine.execute(text(sql)).scalar(Object.class).block();
    }

    /** Creates the tables in order, runs {@code work}, then drops them in reverse order. */
    private void withTables(List<Table> tables, Runnable work) {
        List<Table> created = new ArrayList<>();
        try {
            for (Table table : tables) {
                run(ddl.createTable(table, List.of()));
                created.add(0, table);
            }
            work.run();
        } finally {
            created.forEach(table -> run(ddl.dropTable(table)));
        }
    }

    @Test
    void blogSchemaRuns() {
        BlogSchema blog = BlogSchema.define();

        withTables(List.of(blog.users(), blog.posts(), blog.comments()), () -> {
            run("INSERT INTO users (username, email) VALUES ('alice', 'alice@example.com')");
            Object userId = scalar("SELECT id FROM users WHERE username = 'alice'");
            engine.execute(text("INSERT INTO posts (user_id, title, content) VALUES (:user, 'First Post', 'Hello!')"),
                    Map.of("user", userId)).rowcount().block();
            Object postId = scalar("SELECT id FROM posts");
            engine.execute(text("INSERT INTO comments (post_id, user_id, content) VALUES (:post, :user, 'Nice')"),
                    Map.of("post", postId, "user", userId)).rowcount().block();

            assertThat(scalar("SELECT COUNT(*) FROM users WHERE is_active = 1 AND created_at IS NOT NULL")).hasToString("1");
            assertThat(scalar("SELECT COUNT(*) FROM posts WHERE status = 'draft' AND updated_at IS NOT NULL")).hasToString("1");
            assertThatThrownBy(() -> run("UPDATE posts SET status = 'archived'")).isInstanceOf(RetortException.class);
            assertThat(scalar("SELECT COUNT(*) FROM comments")).hasToString("1");
            assertThatThrownBy(() -> run("INSERT INTO users (username, email) VALUES ('alice', 'other@example.com')"))
                    .isInstanceOf(RetortException.class);
            assertThatThrownBy(() -> run("INSERT INTO comments (post_id, user_id, content) VALUES (999, 999, 'x')"))
                    .isInstanceOf(RetortException.class);
        });
    }

    @Test
    void everyTypeAndDefaultRuns() {
        MetaData metadata = new MetaData();
        Table everything = metadata.table("everything",
                column("id", BIGINT).primaryKey(),
                column("i", INTEGER).serverDefault("42"), column("s", SMALLINT).serverDefault("-3"),
                column("v", string(20)).serverDefault("it's \\ done"),
                column("t", TEXT).serverDefault("none yet"), column("t_medium", Types.text(70_000)),
                column("t_long", Types.text(16_777_216)), column("t_expr", TEXT).serverDefault(text("UUID()")),
                column("b", BOOLEAN).serverDefault("true"), column("b1", BOOLEAN).serverDefault("1"),
                column("dt", DATETIME), column("dt6", datetime(6)).serverDefault(text("CURRENT_TIMESTAMP(6)")),
                column("d", DATE), column("tm", TIME), column("tm3", time(3)),
                column("ts", TIMESTAMP).serverDefault(text("CURRENT_TIMESTAMP")).serverOnUpdate(text("CURRENT_TIMESTAMP")),
                column("ts_plain", TIMESTAMP), column("ts6", timestamp(6)).notNull().serverDefault(text("CURRENT_TIMESTAMP(6)")),
                column("f", FLOAT).serverDefault("1.5e3"), column("db", DOUBLE), column("n", numeric(10, 2)).serverDefault("9.99"),
                column("expr", INTEGER).serverDefault(text("(1 + 2)")),
                column("j", JSON).serverDefault("[]"), column("jt", JSON_TEXT),
                column("e", enumOf("a", "it's")).serverDefault("it's"),
                column("bin", LARGE_BINARY).serverDefault("abc"), column("bin_medium", largeBinary(65_536)),
                column("bin_long", largeBinary(20_000_000)), column("u", Types.UUID).comment("It's: a uuid"),
                options().engine("InnoDB").charset("utf8mb4").collation("utf8mb4_unicode_ci").comment("It's: everything"));

        withTables(List.of(everything), () -> {
            run("INSERT INTO everything (d) VALUES (CURRENT_DATE)");
            assertThat(scalar("SELECT CONCAT_WS('|', i, s, v, t, b, b1, f, n, expr, j, e, CAST(bin AS CHAR), "
                    + "ts_plain IS NULL, LENGTH(t_expr)) FROM everything"))
                    .isEqualTo("42|-3|it's \\ done|none yet|1|1|1500|9.99|3|[]|it's|abc|1|36");
            assertThat(scalar("SELECT table_comment FROM information_schema.tables WHERE table_schema = DATABASE() "
                    + "AND table_name = 'everything'")).isEqualTo("It's: everything");
        });
    }

    @Test
    void compositeKeysReservedWordsAndSchemaQualifiedNamesRun() {
        MetaData metadata = new MetaData();
        Table orders = metadata.table("orders", options().schema(db.name()),
                column("region", string(10)), column("number", INTEGER), primaryKey("region", "number"));
        Table lines = metadata.table("order_lines", options().schema(db.name()),
                column("id", INTEGER).primaryKey(), column("region", string(10)), column("number", INTEGER),
                column("sku", string(20)).notNull(),
                foreignKey(List.of("region", "number"), "orders", List.of("region", "number"))
                        .onDelete(ReferentialAction.CASCADE).onUpdate(ReferentialAction.SET_NULL),
                unique("region", "number", "sku"), check("sku <> ''"));
        Table group = metadata.table("Group", column("key", INTEGER).primaryKey());
        Table order = metadata.table("order",
                column("select", INTEGER).primaryKey(), column("userName", string(30)).notNull().index(),
                column("group", INTEGER).references("Group.key"), column("desc", string(10)),
                index("Order By Name", "userName", "desc"));

        withTables(List.of(orders, lines, group, order), () -> {
            run("INSERT INTO orders VALUES ('eu', 1)");
            run("INSERT INTO order_lines (region, number, sku) VALUES ('eu', 1, 'A')");
            run("UPDATE orders SET number = 2");
            assertThat(scalar("SELECT COUNT(*) FROM order_lines WHERE region IS NULL")).hasToString("1");
            assertThatThrownBy(() -> run("INSERT INTO order_lines (sku) VALUES ('')")).isInstanceOf(RetortException.class);
            run("INSERT INTO `Group` VALUES (7)");
            run("INSERT INTO `order` (`userName`, `group`) VALUES ('bob', 7)");
            assertThat(scalar("SELECT `select` FROM `order`")).hasToString("1");
        });
    }

    @Test
    void indexAndForeignKeyStatementsRun() {
        BlogSchema blog = BlogSchema.define();
        ForeignKey toUsers = blog.posts().foreignKeys().get(0);

        List<Table> created = new ArrayList<>();
        try {
            run(ddl.createTable(blog.users(), List.of()));
            created.add(0, blog.users());
            run(ddl.createTable(blog.posts(), List.of(toUsers)));
            created.add(0, blog.posts());
            run(ddl.addForeignKey(blog.posts(), toUsers));
            assertThatThrownBy(() -> run("INSERT INTO posts (user_id, title) VALUES (999, 'x')"))
                    .isInstanceOf(RetortException.class);
            run(ddl.dropForeignKey(blog.posts(), toUsers));
            run("INSERT INTO posts (user_id, title) VALUES (999, 'x')");

            var byTitle = index("ix_posts_title", "title");
            run(ddl.createIndex(blog.posts(), byTitle));
            assertThat(scalar("SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = DATABASE() "
                    + "AND table_name = 'posts' AND index_name = 'ix_posts_title'")).hasToString("1");
            run(ddl.dropIndex(blog.posts(), byTitle));
            run(ddl.createIndex(blog.posts(), uniqueIndex("uq_posts_title", "title")));
            assertThatThrownBy(() -> run("INSERT INTO posts (user_id, title) VALUES (1, 'x')"))
                    .isInstanceOf(RetortException.class);
        } finally {
            created.forEach(table -> run(ddl.dropTable(table)));
        }
    }
}
