package dev.retort.core.engine;

import static dev.retort.core.schema.Schema.check;
import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.foreignKey;
import static dev.retort.core.schema.Schema.index;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.STRING;
import static dev.retort.core.types.Types.string;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.retort.core.exception.DdlException;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.exception.ProgrammingException;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Table;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/** createAll / dropAll / table.create against a real server. */
@DatabaseTest
class SchemaDdlTest {

    private final TestDatabase db;
    private final Engine engine;

    SchemaDdlTest(TestDatabase db) {
        this.db = db;
        this.engine = db.engine();
    }

    @AfterEach
    void dropEverything() {
        List<String> names = engine.execute(text("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"))
                .scalars(String.class).collectList().block();
        engine.execute(text("SET FOREIGN_KEY_CHECKS = 0")).rowcount()
                .thenMany(reactor.core.publisher.Flux.fromIterable(names)
                        .concatMap(name -> engine.execute(text("DROP TABLE `" + name + "`")).rowcount()))
                .then(engine.execute(text("SET FOREIGN_KEY_CHECKS = 1")).rowcount())
                .block();
    }

    private List<String> tablesInDatabase() {
        return engine.execute(text("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "ORDER BY TABLE_NAME")).scalars(String.class).collectList().block();
    }

    private static MetaData blog() {
        MetaData metadata = new MetaData();
        metadata.table("comments",
                column("id", INTEGER).primaryKey(),
                column("post_id", INTEGER).notNull().references("posts.id", ReferentialAction.CASCADE),
                column("body", string(500)).notNull());
        metadata.table("posts",
                column("id", INTEGER).primaryKey(),
                column("user_id", INTEGER).notNull().references("users.id"),
                column("title", string(200)).notNull(),
                index("ix_posts_title", "title"));
        metadata.table("users",
                column("id", INTEGER).primaryKey(),
                column("name", string(50)).notNull().unique());
        return metadata;
    }

    @Test
    void createAllOrdersByForeignKeysAndDropAllReverses() {
        MetaData metadata = blog();
        ListAppender<ILoggingEvent> log = capture();
        Engine echoing = db.newEngine(EngineOptions.builder().echo(true).name("ddl").build());
        try {
            metadata.createAll(echoing).as(StepVerifier::create).verifyComplete();
        } finally {
            release(log);
        }
        List<String> creates = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("[ddl] CREATE TABLE")).map(line -> line.split("[ (]")[3]).toList();
        assertThat(creates).containsExactly("users", "posts", "comments");
        assertThat(tablesInDatabase()).containsExactly("comments", "posts", "users");

        engine.execute(text("INSERT INTO users (id, name) VALUES (1, 'a')")).rowcount()
                .then(engine.execute(text("INSERT INTO posts (id, user_id, title) VALUES (1, 1, 't')")).rowcount())
                .then(engine.execute(text("INSERT INTO comments (id, post_id, body) VALUES (1, 1, 'b')")).rowcount())
                .then(engine.execute(text("DELETE FROM posts")).rowcount())
                .then(engine.execute(text("SELECT COUNT(*) FROM comments")).scalar(Long.class))
                .as(StepVerifier::create).expectNext(0L).verifyComplete();

        metadata.dropAll(engine).as(StepVerifier::create).verifyComplete();
        assertThat(tablesInDatabase()).isEmpty();
    }

    @Test
    void checkFirstSkipsExistingTablesAndMissingOnes() {
        MetaData metadata = blog();
        engine.execute(text("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)")).rowcount().block();
        metadata.createAll(engine).as(StepVerifier::create).verifyComplete();
        metadata.createAll(engine).as(StepVerifier::create).verifyComplete();
        assertThat(tablesInDatabase()).containsExactly("comments", "posts", "users");
        metadata.createAll(engine, false).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(DdlException.class)
                        .hasMessageContaining("already exists")
                        .hasMessageContaining("Tables already created before it (DDL is not transactional in MySQL, so they stay created): none"));
        engine.execute(text("DROP TABLE comments")).rowcount().block();
        metadata.dropAll(engine).as(StepVerifier::create).verifyComplete();
        metadata.dropAll(engine).as(StepVerifier::create).verifyComplete();
        assertThat(tablesInDatabase()).isEmpty();
    }

    @Test
    void foreignKeyCyclesAreAddedWithAlterTableAndDroppedFirst() {
        MetaData metadata = new MetaData();
        metadata.table("departments",
                column("id", INTEGER).primaryKey(),
                column("head_id", INTEGER).references("employees.id"));
        metadata.table("employees",
                column("id", INTEGER).primaryKey(),
                column("department_id", INTEGER).references("departments.id"),
                column("manager_id", INTEGER).references("employees.id"));
        ListAppender<ILoggingEvent> log = capture();
        Engine echoing = db.newEngine(EngineOptions.builder().echo(true).name("cycle").build());
        try {
            metadata.createAll(echoing).as(StepVerifier::create).verifyComplete();
            metadata.dropAll(echoing).as(StepVerifier::create).verifyComplete();
        } finally {
            release(log);
        }
        List<String> ddl = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.matches("(?s)\\[cycle] (CREATE|ALTER|DROP) .*")).map(line -> line.substring(8))
                .map(line -> line.contains("\n") ? line.substring(0, line.indexOf('\n')) : line).toList();
        assertThat(ddl).containsExactly(
                "CREATE TABLE departments (",
                "CREATE TABLE employees (",
                "ALTER TABLE departments ADD CONSTRAINT fk_departments_head_id_employees FOREIGN KEY (head_id) REFERENCES employees (id)",
                "ALTER TABLE departments DROP FOREIGN KEY fk_departments_head_id_employees",
                "DROP TABLE employees",
                "DROP TABLE departments");
        assertThat(tablesInDatabase()).isEmpty();
    }

    @Test
    void definitionErrorsStopCreateAllBeforeAnyDdlRuns() {
        MetaData unknownTable = new MetaData();
        unknownTable.table("a", column("id", INTEGER).primaryKey());
        unknownTable.table("b", column("id", INTEGER).primaryKey(), column("x_id", INTEGER).references("missing.id"));
        unknownTable.createAll(engine).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("b[x_id]").hasMessageContaining("'missing'"));

        MetaData noLength = new MetaData();
        noLength.table("a", column("id", INTEGER).primaryKey());
        noLength.table("c", column("id", INTEGER).primaryKey(), column("name", STRING));
        noLength.createAll(engine).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("c.name").hasMessageContaining("length"));

        MetaData unknownColumn = new MetaData();
        unknownColumn.table("d", column("id", INTEGER).primaryKey(), foreignKey(List.of("nope"), "d", List.of("id")));
        unknownColumn.createAll(engine).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("'d'").hasMessageContaining("'nope'"));
        assertThat(tablesInDatabase()).isEmpty();
    }

    @Test
    void aFailingStatementReportsWhatWasCreatedBeforeIt() {
        MetaData metadata = new MetaData();
        metadata.table("first", column("id", INTEGER).primaryKey());
        metadata.table("second", column("id", INTEGER).primaryKey(), check("ck_broken", "id >< 0"));
        metadata.createAll(engine).as(StepVerifier::create)
                .verifyErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(DdlException.class)
                            .hasMessageContaining("CREATE TABLE second")
                            .hasMessageContaining("so they stay created): [first]")
                            .hasCauseInstanceOf(ProgrammingException.class);
                    assertThat(((DdlException) error).completed()).containsExactly("first");
                });
        assertThat(tablesInDatabase()).containsExactly("first");
    }

    @Test
    void aSingleTableCreatesAndDrops() {
        MetaData metadata = new MetaData();
        Table lonely = metadata.table("lonely", column("id", INTEGER).primaryKey());
        lonely.create(engine).then(lonely.create(engine)).as(StepVerifier::create).verifyComplete();
        assertThat(tablesInDatabase()).containsExactly("lonely");
        lonely.drop(engine).then(lonely.drop(engine)).as(StepVerifier::create).verifyComplete();
        assertThat(tablesInDatabase()).isEmpty();
    }

    @Test
    void reflectionOfWhatCreateAllMadeMatchesTheDefinitions() {
        MetaData defined = new MetaData();
        defined.table("authors",
                column("id", INTEGER).primaryKey(),
                column("name", string(80)).notNull().unique(),
                column("bio", dev.retort.core.types.Types.TEXT),
                column("active", dev.retort.core.types.Types.BOOLEAN).notNull().serverDefault(text("1")),
                column("joined", dev.retort.core.types.Types.datetime(6)).serverDefault(text("CURRENT_TIMESTAMP(6)")),
                column("seen", dev.retort.core.types.Types.timestamp(3)).nullable(true),
                column("rating", dev.retort.core.types.Types.numeric(5, 2)),
                column("profile", dev.retort.core.types.Types.JSON),
                column("big", dev.retort.core.types.Types.BIGINT).notNull().serverDefault("0"),
                index("ix_authors_joined", "joined"));
        defined.table("books",
                column("id", dev.retort.core.types.Types.BIGINT).primaryKey(),
                column("author_id", INTEGER).notNull().references("authors.id", ReferentialAction.CASCADE),
                column("title", string(200)).notNull(),
                column("status", dev.retort.core.types.Types.enumOf("draft", "published")).notNull().serverDefault("draft"),
                column("cover", dev.retort.core.types.Types.LARGE_BINARY),
                check("ck_books_title", "CHAR_LENGTH(title) > 0"));
        defined.createAll(engine).as(StepVerifier::create).verifyComplete();

        MetaData reflected = new MetaData();
        reflected.reflect(engine).as(StepVerifier::create).expectNextCount(1).verifyComplete();
        for (Table original : defined.tables()) {
            Table copy = reflected.get(original.name()).orElseThrow();
            assertThat(copy.columns()).extracting(dev.retort.core.schema.Column::name)
                    .containsExactlyElementsOf(original.columns().stream().map(dev.retort.core.schema.Column::name).toList());
            for (dev.retort.core.schema.Column<?> column : original.columns()) {
                dev.retort.core.schema.Column<?> twin = copy.c(column.name());
                assertThat(twin.type()).as(column.toString()).isEqualTo(column.type());
                assertThat(twin.isNullable()).as(column + " nullable").isEqualTo(column.isNullable());
                assertThat(twin.isAutoincrement()).as(column + " autoincrement").isEqualTo(column.isAutoincrement());
                assertThat(twin.serverDefault().map(dev.retort.core.schema.ServerDefault::sql))
                        .as(column + " default").isEqualTo(column.serverDefault().map(dev.retort.core.schema.ServerDefault::sql));
            }
            assertThat(copy.primaryKeyConstraint().orElseThrow().columnNames())
                    .isEqualTo(original.primaryKeyConstraint().orElseThrow().columnNames());
            assertThat(copy.foreignKeys()).extracting(key -> key.name() + key.columnNames() + "->" + key.referredTable()
                            + key.referredColumns() + " " + key.onDelete())
                    .containsExactlyInAnyOrderElementsOf(original.foreignKeys().stream()
                            .map(key -> defined.namingConvention().nameOf(original, key).orElseThrow() + key.columnNames()
                                    + "->" + key.referredTable() + key.referredColumns() + " " + key.onDelete())
                            .toList());
            assertThat(keysOf(copy)).containsExactlyInAnyOrderElementsOf(keysOf(original));
            assertThat(copy.checks()).extracting(dev.retort.core.schema.CheckConstraint::name)
                    .containsExactlyElementsOf(original.checks().stream().map(dev.retort.core.schema.CheckConstraint::name).toList());
        }
    }

    /** Unique constraints and indexes as "name(columns) unique?", however they were declared. */
    private static List<String> keysOf(Table table) {
        dev.retort.core.schema.NamingConvention naming = table.metadata().namingConvention();
        List<String> keys = new java.util.ArrayList<>();
        table.uniqueConstraints().forEach(unique -> keys.add(naming.nameOf(table, unique).orElseThrow()
                + unique.columnNames() + " unique"));
        table.indexes().forEach(index -> keys.add(naming.nameOf(table, index).orElseThrow() + index.columnNames()
                + (index.unique() ? " unique" : "")));
        return keys;
    }

    @Test
    void nothingHappensBeforeSubscription() {
        blog().createAll(engine);
        assertThat(tablesInDatabase()).isEmpty();
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("dev.retort.engine")).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger("dev.retort.engine")).detachAppender(appender);
    }
}
