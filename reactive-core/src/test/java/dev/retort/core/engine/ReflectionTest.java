package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.CheckConstraint;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.Index;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Schema;
import dev.retort.core.schema.ServerDefault;
import dev.retort.core.schema.Table;
import dev.retort.core.schema.TableOptions;
import dev.retort.core.schema.UniqueConstraint;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.core.types.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** metadata.reflect(engine) against a real server: a blog schema written by hand in DDL, read back column by column. */
@DatabaseTest
class ReflectionTest {

    private static final List<String> BLOG = List.of("comments", "post_tags", "posts", "tags", "users");

    private static final List<String> DDL = List.of(
            """
            CREATE TABLE users (
              id INT AUTO_INCREMENT PRIMARY KEY,
              name VARCHAR(50) NOT NULL COMMENT 'shown on posts',
              email VARCHAR(100) NOT NULL,
              active TINYINT(1) NOT NULL DEFAULT 1,
              balance DECIMAL(10,2) NOT NULL DEFAULT 0.00,
              prefs JSON NULL,
              created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
              updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
              CONSTRAINT uq_users_email UNIQUE (email),
              CONSTRAINT ck_users_balance CHECK (balance >= 0)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='people who write'""",
            """
            CREATE TABLE posts (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              user_id INT NOT NULL,
              title VARCHAR(200) NOT NULL,
              body MEDIUMTEXT,
              status ENUM('draft','published','it''s') NOT NULL DEFAULT 'draft',
              note VARCHAR(20) DEFAULT 'it''s \\\\ here',
              published_at DATETIME NULL,
              CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
              INDEX idx_user_status (user_id, status),
              INDEX idx_title_prefix (title(10)),
              FULLTEXT INDEX ft_posts_body (body)
            )""",
            """
            CREATE TABLE tags (
              namespace VARCHAR(20) NOT NULL,
              name VARCHAR(40) NOT NULL,
              PRIMARY KEY (name, namespace)
            )""",
            """
            CREATE TABLE post_tags (
              post_id BIGINT NOT NULL,
              tag_namespace VARCHAR(20) NOT NULL,
              tag_name VARCHAR(40) NOT NULL,
              added_on DATE,
              PRIMARY KEY (post_id, tag_name, tag_namespace),
              CONSTRAINT fk_post_tags_post FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
              CONSTRAINT fk_post_tags_tag FOREIGN KEY (tag_name, tag_namespace) REFERENCES tags (name, namespace)
                ON DELETE RESTRICT ON UPDATE CASCADE
            )""",
            """
            CREATE TABLE comments (
              id INT AUTO_INCREMENT PRIMARY KEY,
              post_id BIGINT NOT NULL,
              author_id INT NULL,
              body TEXT NOT NULL,
              rating SMALLINT,
              score DOUBLE,
              weight FLOAT,
              posted_at TIME(3),
              attachment BLOB,
              archive LONGBLOB,
              notes LONGTEXT,
              ref CHAR(36),
              seen_at TIMESTAMP(3) NULL,
              FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
              CONSTRAINT fk_comments_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL
            )""",
            "CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE status = 'published'");

    private final TestDatabase db;
    private final Engine engine;
    private final boolean mariaDb;

    ReflectionTest(TestDatabase db) {
        this.db = db;
        this.engine = db.engine();
        this.mariaDb = engine.dialect().block().isMariaDb();
    }

    /**
     * Creates the blog unless it is there as made (tests that change the database put it back or
     * drop everything, so most tests reuse the tables: FULLTEXT indexes are slow to make).
     */
    @BeforeEach
    void createTheBlog() {
        List<String> present = engine.execute(text("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE()")).scalars(String.class).collectList().block();
        Set<String> expected = new HashSet<>(BLOG);
        expected.add("published_posts");
        if (!new HashSet<>(present).equals(expected)) {
            dropEverything();
            DDL.forEach(this::run);
        }
    }

    private void dropEverything() {
        List<String> views = engine.execute(text("SELECT TABLE_NAME FROM information_schema.VIEWS "
                + "WHERE TABLE_SCHEMA = DATABASE()")).scalars(String.class).collectList().block();
        views.forEach(view -> run("DROP VIEW `" + view + "`"));
        List<String> tables = engine.execute(text("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE()")).scalars(String.class).collectList().block();
        engine.connect(conn -> conn.execute(text("SET FOREIGN_KEY_CHECKS = 0")).rowcount()
                        .thenMany(Flux.fromIterable(tables)
                                .concatMap(name -> conn.execute(text("DROP TABLE `" + name + "`")).rowcount()))
                        .then(conn.execute(text("SET FOREIGN_KEY_CHECKS = 1")).rowcount()))
                .block();
    }

    private void run(String ddl) {
        engine.execute(text(ddl)).rowcount().block();
    }

    private static List<String> names(List<Table> tables) {
        return tables.stream().map(Table::name).toList();
    }

    private List<Table> reflectAll(MetaData metadata) {
        return metadata.reflect(engine).block();
    }

    private ReferentialAction unspecified() {
        return mariaDb ? ReferentialAction.RESTRICT : ReferentialAction.NO_ACTION;
    }

    // ---- everything ---------------------------------------------------------------------------

    @Test
    void reflectsEveryBaseTableInNameOrderAndLeavesViewsOut() {
        MetaData metadata = new MetaData();

        metadata.reflect(engine).as(StepVerifier::create)
                .assertNext(tables -> assertThat(names(tables)).containsExactlyElementsOf(BLOG))
                .verifyComplete();

        assertThat(metadata.tables()).extracting(Table::name).containsExactlyElementsOf(BLOG);
        assertThat(metadata.get("published_posts")).isEmpty();
        assertThat(metadata.tables()).allSatisfy(table -> assertThat(table.schema()).isEmpty());
    }

    @Test
    void readsColumnsTypesNullabilityDefaultsAndComments() {
        MetaData metadata = new MetaData();
        reflectAll(metadata);
        Table users = metadata.get("users").orElseThrow();

        assertThat(users.columns()).extracting(Column::name)
                .containsExactly("id", "name", "email", "active", "balance", "prefs", "created_at", "updated_at");

        Column<?> id = users.c("id");
        assertThat((Object) id.type()).isEqualTo(Types.INTEGER);
        assertThat(id.isNullable()).isFalse();
        assertThat(id.isAutoincrement()).isTrue();
        assertThat(id.isPrimaryKey()).isTrue();
        assertThat(id.serverDefault()).isEmpty();

        Column<?> name = users.c("name");
        assertThat((Object) name.type()).isEqualTo(Types.string(50));
        assertThat(name.isNullable()).isFalse();
        assertThat(name.isAutoincrement()).isFalse();
        assertThat(name.isPrimaryKey()).isFalse();
        assertThat(name.comment()).contains("shown on posts");
        assertThat(name.serverDefault()).isEmpty();

        assertThat(users.c("email").comment()).isEmpty();

        Column<?> active = users.c("active");
        assertThat((Object) active.type()).isEqualTo(Types.BOOLEAN);
        assertThat(active.isNullable()).isFalse();
        assertThat(active.serverDefault()).contains(new ServerDefault("1", true));

        Column<?> balance = users.c("balance");
        assertThat((Object) balance.type()).isEqualTo(Types.numeric(10, 2));
        assertThat(balance.serverDefault()).contains(new ServerDefault("0.00", true));

        Column<?> prefs = users.c("prefs");
        assertThat((Object) prefs.type()).isEqualTo(Types.JSON);
        assertThat(prefs.isNullable()).isTrue();
        assertThat(prefs.serverDefault()).isEmpty();

        Column<?> created = users.c("created_at");
        assertThat((Object) created.type()).isEqualTo(Types.datetime(6));
        assertThat(created.isNullable()).isFalse();
        assertThat(created.serverDefault()).contains(new ServerDefault("CURRENT_TIMESTAMP(6)", false));
        assertThat(created.serverOnUpdate()).isEmpty();

        Column<?> updated = users.c("updated_at");
        assertThat((Object) updated.type()).isEqualTo(Types.TIMESTAMP);
        assertThat(updated.isNullable()).isFalse();
        assertThat(updated.serverDefault()).contains(new ServerDefault("CURRENT_TIMESTAMP", false));
        assertThat(updated.serverOnUpdate()).contains("CURRENT_TIMESTAMP");

        Table posts = metadata.get("posts").orElseThrow();
        assertThat(posts.columns()).extracting(Column::name)
                .containsExactly("id", "user_id", "title", "body", "status", "note", "published_at");
        assertThat((Object) posts.c("id").type()).isEqualTo(Types.BIGINT);
        assertThat(posts.c("id").isAutoincrement()).isTrue();
        assertThat(posts.c("user_id").isAutoincrement()).isFalse();
        assertThat((Object) posts.c("body").type()).isEqualTo(Types.text(16_777_215L));
        assertThat(posts.c("body").isNullable()).isTrue();
        assertThat(posts.c("body").serverDefault()).isEmpty();
        assertThat((Object) posts.c("status").type()).isEqualTo(Types.enumOf("draft", "published", "it's"));
        assertThat(posts.c("status").serverDefault()).contains(new ServerDefault("draft", true));
        assertThat(posts.c("note").serverDefault()).contains(new ServerDefault("it's \\ here", true));
        assertThat((Object) posts.c("published_at").type()).isEqualTo(Types.DATETIME);
        assertThat(posts.c("published_at").serverDefault()).isEmpty();

        Table comments = metadata.get("comments").orElseThrow();
        assertThat((Object) comments.c("body").type()).isEqualTo(Types.TEXT);
        assertThat((Object) comments.c("rating").type()).isEqualTo(Types.SMALLINT);
        assertThat((Object) comments.c("score").type()).isEqualTo(Types.DOUBLE);
        assertThat((Object) comments.c("weight").type()).isEqualTo(Types.FLOAT);
        assertThat((Object) comments.c("posted_at").type()).isEqualTo(Types.time(3));
        assertThat((Object) comments.c("attachment").type()).isEqualTo(Types.LARGE_BINARY);
        assertThat((Object) comments.c("archive").type()).isEqualTo(Types.largeBinary(4_294_967_295L));
        assertThat((Object) comments.c("notes").type()).isEqualTo(Types.text(4_294_967_295L));
        assertThat((Object) comments.c("ref").type()).isEqualTo(Types.string(36));
        assertThat((Object) comments.c("seen_at").type()).isEqualTo(Types.timestamp(3));
        assertThat(comments.c("seen_at").isNullable()).isTrue();
        assertThat(comments.c("seen_at").serverDefault()).isEmpty();

        Table postTags = metadata.get("post_tags").orElseThrow();
        assertThat((Object) postTags.c("added_on").type()).isEqualTo(Types.DATE);
        assertThat(postTags.c("post_id").isAutoincrement()).isFalse();
    }

    @Test
    void readsPrimaryKeysInKeyOrder() {
        MetaData metadata = new MetaData();
        reflectAll(metadata);

        assertThat(metadata.get("users").orElseThrow().primaryKeyConstraint()).get()
                .satisfies(key -> assertThat(key.columnNames()).containsExactly("id"));
        Table tags = metadata.get("tags").orElseThrow();
        assertThat(tags.primaryKeyConstraint()).get()
                .satisfies(key -> assertThat(key.columnNames()).containsExactly("name", "namespace"));
        assertThat(tags.c("name").isPrimaryKey()).isTrue();
        assertThat(tags.c("namespace").isPrimaryKey()).isTrue();
        assertThat(tags.c("namespace").isAutoincrement()).isFalse();
        assertThat(metadata.get("post_tags").orElseThrow().primaryKeyConstraint()).get()
                .satisfies(key -> assertThat(key.columnNames()).containsExactly("post_id", "tag_name", "tag_namespace"));
        assertThat(metadata.get("post_tags").orElseThrow().c("added_on").isPrimaryKey()).isFalse();
    }

    @Test
    void readsForeignKeysWithNamesColumnsAndActions() {
        MetaData metadata = new MetaData();
        reflectAll(metadata);

        assertThat(metadata.get("users").orElseThrow().foreignKeys()).isEmpty();
        assertThat(metadata.get("posts").orElseThrow().foreignKeys()).containsExactly(
                Schema.foreignKey(List.of("user_id"), "users", List.of("id")).named("fk_posts_user")
                        .onDelete(ReferentialAction.CASCADE).onUpdate(unspecified()));
        assertThat(metadata.get("post_tags").orElseThrow().foreignKeys()).containsExactly(
                Schema.foreignKey(List.of("post_id"), "posts", List.of("id")).named("fk_post_tags_post")
                        .onDelete(ReferentialAction.CASCADE).onUpdate(unspecified()),
                Schema.foreignKey(List.of("tag_name", "tag_namespace"), "tags", List.of("name", "namespace"))
                        .named("fk_post_tags_tag").onDelete(ReferentialAction.RESTRICT)
                        .onUpdate(ReferentialAction.CASCADE));
        assertThat(metadata.get("comments").orElseThrow().foreignKeys()).containsExactly(
                Schema.foreignKey(List.of("post_id"), "posts", List.of("id")).named("comments_ibfk_1")
                        .onDelete(ReferentialAction.CASCADE).onUpdate(unspecified()),
                Schema.foreignKey(List.of("author_id"), "users", List.of("id")).named("fk_comments_author")
                        .onDelete(ReferentialAction.SET_NULL).onUpdate(unspecified()));
    }

    @Test
    void readsUniqueConstraintsAndIndexesButNotTheImplicitIndexOfANamedForeignKey() {
        MetaData metadata = new MetaData();
        reflectAll(metadata);

        Table users = metadata.get("users").orElseThrow();
        assertThat(users.uniqueConstraints()).containsExactly(new UniqueConstraint("uq_users_email", List.of("email")));
        assertThat(users.indexes()).isEmpty();

        // the prefix of idx_title_prefix is dropped; the FULLTEXT index is left out
        assertThat(metadata.get("posts").orElseThrow().indexes()).containsExactly(
                new Index("idx_title_prefix", List.of("title"), false),
                new Index("idx_user_status", List.of("user_id", "status"), false));
        assertThat(metadata.get("posts").orElseThrow().uniqueConstraints()).isEmpty();

        // fk_post_tags_tag's index is the server's; fk_post_tags_post uses the primary key
        assertThat(metadata.get("post_tags").orElseThrow().indexes()).isEmpty();

        // the unnamed key's index is named after its column and kept; fk_comments_author's is skipped
        assertThat(metadata.get("comments").orElseThrow().indexes())
                .containsExactly(new Index("post_id", List.of("post_id"), false));
    }

    @Test
    void readsChecksAndNotMariaDbsJsonCheck() {
        MetaData metadata = new MetaData();
        reflectAll(metadata);

        assertThat(metadata.get("users").orElseThrow().checks())
                .containsExactly(new CheckConstraint("ck_users_balance", "`balance` >= 0"));
        assertThat(metadata.get("posts").orElseThrow().checks()).isEmpty();
    }

    @Test
    void readsTableOptions() {
        MetaData metadata = new MetaData();
        reflectAll(metadata);

        assertThat(metadata.get("users").orElseThrow().tableOptions()).isEqualTo(Schema.options().engine("InnoDB")
                .charset("utf8mb4").collation("utf8mb4_unicode_ci").comment("people who write"));
        TableOptions posts = metadata.get("posts").orElseThrow().tableOptions();
        assertThat(posts.engine()).isEqualTo("InnoDB");
        assertThat(posts.comment()).isNull();
        assertThat(posts.schema()).isNull();
        assertThat(posts.collation()).isNotBlank();
        assertThat(posts.collation()).startsWith(posts.charset() + "_");
    }

    // ---- choosing tables ------------------------------------------------------------------------

    @Test
    void reflectsOnlyTheNamedTables() {
        MetaData metadata = new MetaData();

        metadata.reflect(engine, "users", "posts", "users").as(StepVerifier::create)
                .assertNext(tables -> assertThat(names(tables)).containsExactly("posts", "users"))
                .verifyComplete();

        assertThat(metadata.tables()).extracting(Table::name).containsExactly("posts", "users");
        assertThat(metadata.get("posts").orElseThrow().foreignKeys()).singleElement()
                .satisfies(key -> assertThat(key.referredTable()).isEqualTo("users"));
    }

    @Test
    void aTableThatReferencesOneNotReflectedKeepsTheReference() {
        MetaData metadata = new MetaData();

        metadata.reflect(engine, "comments").as(StepVerifier::create)
                .assertNext(tables -> assertThat(names(tables)).containsExactly("comments"))
                .verifyComplete();

        assertThat(metadata.get("comments").orElseThrow().foreignKeys()).extracting(ForeignKey::referredTable)
                .containsExactly("posts", "users");
    }

    @Test
    void aMissingTableIsAnErrorNamingItAndNothingIsAdded() {
        MetaData metadata = new MetaData();

        metadata.reflect(engine, "users", "ghosts", "published_posts").as(StepVerifier::create)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("'ghosts'")
                        .hasMessageContaining("'published_posts'")
                        .hasMessageContaining(db.name())
                        .hasMessageNotContaining("'users'"))
                .verify();

        assertThat(metadata.tables()).isEmpty();
    }

    @Test
    void tablesAlreadyDefinedAreLeftAsTheyAre() {
        MetaData metadata = new MetaData();
        Table users = metadata.table("users", Schema.column("id", Types.INTEGER).primaryKey());

        metadata.reflect(engine).as(StepVerifier::create)
                .assertNext(tables -> assertThat(names(tables)).containsExactly("comments", "post_tags", "posts", "tags"))
                .verifyComplete();
        metadata.reflect(engine, "users").as(StepVerifier::create)
                .assertNext(tables -> assertThat(tables).isEmpty())
                .verifyComplete();

        assertThat(metadata.get("users")).containsSame(users);
        assertThat(users.columns()).hasSize(1);
    }

    @Test
    void anUnsupportedColumnTypeIsAnErrorNamingTableColumnAndType() {
        run("CREATE TABLE odd (id INT PRIMARY KEY, born YEAR)");
        try {
            MetaData metadata = new MetaData();

            metadata.reflect(engine).as(StepVerifier::create)
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(InvalidRequestException.class)
                            .hasMessageContaining("odd.born")
                            .hasMessageContaining("year"))
                    .verify();

            assertThat(metadata.tables()).isEmpty();
            metadata.reflect(engine, "users").as(StepVerifier::create)
                    .assertNext(tables -> assertThat(names(tables)).containsExactly("users"))
                    .verifyComplete();
        } finally {
            run("DROP TABLE odd");
        }
    }

    @Test
    void readsExpressionDefaultsUnsignedAndGeneratedColumns() {
        run("""
                CREATE TABLE odd (
                  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
                  token VARCHAR(36) NOT NULL DEFAULT (uuid()),
                  word VARCHAR(10) DEFAULT 'NULL',
                  nothing VARCHAR(10) DEFAULT NULL,
                  empty VARCHAR(10) NOT NULL DEFAULT '',
                  flag TINYINT(1) UNSIGNED,
                  tiny TINYINT,
                  twice BIGINT AS (id * 2) VIRTUAL
                )""");
        try {
            MetaData metadata = new MetaData();

            metadata.reflect(engine, "odd").as(StepVerifier::create).expectNextCount(1).verifyComplete();

            Table odd = metadata.get("odd").orElseThrow();
            assertThat((Object) odd.c("id").type()).isEqualTo(Types.BIGINT);
            assertThat(odd.c("id").isAutoincrement()).isTrue();
            assertThat(odd.c("token").serverDefault()).contains(new ServerDefault("(uuid())", false));
            assertThat(odd.c("word").serverDefault()).contains(new ServerDefault("NULL", true));
            assertThat(odd.c("nothing").serverDefault()).isEmpty();
            assertThat(odd.c("empty").serverDefault()).contains(new ServerDefault("", true));
            assertThat((Object) odd.c("flag").type()).isEqualTo(Types.SMALLINT);
            assertThat((Object) odd.c("tiny").type()).isEqualTo(Types.SMALLINT);
            assertThat((Object) odd.c("twice").type()).isEqualTo(Types.BIGINT);
            assertThat(odd.c("twice").serverDefault()).isEmpty();
            assertThat(odd.c("twice").isNullable()).isTrue();
        } finally {
            run("DROP TABLE odd");
        }
    }

    @Test
    void aForeignKeyToAnotherSchemaNamesTheSchema() {
        String other = db.name() + "_ext";
        run("CREATE DATABASE `" + other + "`");
        try {
            run("CREATE TABLE `" + other + "`.countries (code CHAR(2) PRIMARY KEY)");
            run("CREATE TABLE addresses (id INT PRIMARY KEY, country CHAR(2), CONSTRAINT fk_addresses_country "
                    + "FOREIGN KEY (country) REFERENCES `" + other + "`.countries (code))");
            MetaData metadata = new MetaData();

            metadata.reflect(engine, "addresses").as(StepVerifier::create).expectNextCount(1).verifyComplete();

            assertThat(metadata.get("addresses").orElseThrow().foreignKeys()).singleElement().satisfies(key -> {
                assertThat(key.referredTable()).isEqualTo(other + ".countries");
                assertThat(key.referredSchema()).contains(other);
                assertThat(key.referredColumns()).containsExactly("code");
            });
        } finally {
            run("DROP TABLE IF EXISTS addresses");
            run("DROP DATABASE IF EXISTS `" + other + "`");
        }
    }

    // ---- the publisher --------------------------------------------------------------------------

    @Test
    void isColdAndReadsWhatIsThereWhenSubscribed() {
        MetaData metadata = new MetaData();
        Mono<List<Table>> reflect = metadata.reflect(engine, "late");

        assertThat(engine.poolStatus().checkedOut()).isZero();
        run("CREATE TABLE late (id INT PRIMARY KEY)");
        try {
            reflect.as(StepVerifier::create)
                    .assertNext(tables -> assertThat(names(tables)).containsExactly("late"))
                    .verifyComplete();
            assertThat(engine.poolStatus().checkedOut()).isZero();
            // subscribing again reads again; the table is now defined, so nothing is added
            reflect.as(StepVerifier::create)
                    .assertNext(tables -> assertThat(tables).isEmpty())
                    .verifyComplete();
        } finally {
            run("DROP TABLE late");
        }
    }

    @Test
    void worksThroughTheReflectorDirectly() {
        MetaData metadata = new MetaData();

        new Reflector((DefaultEngine) engine).reflect(metadata, List.of("tags")).as(StepVerifier::create)
                .assertNext(tables -> assertThat(names(tables)).containsExactly("tags"))
                .verifyComplete();
    }

    @Test
    void anEmptyDatabaseGivesNoTables() {
        dropEverything();

        new MetaData().reflect(engine).as(StepVerifier::create)
                .assertNext(tables -> assertThat(tables).isEmpty())
                .verifyComplete();
    }

    // ---- round trip -----------------------------------------------------------------------------

    @Test
    void reflectedTablesCreateTheSameTablesAgain() {
        MetaData first = new MetaData();
        reflectAll(first);
        String before = describe(first);

        dropEverything();
        try {
            first.createAll(engine).block();
            MetaData second = new MetaData();
            reflectAll(second);

            assertThat(describe(second)).isEqualTo(before);
        } finally {
            dropEverything(); // the copy lacks the FULLTEXT index: let the next test make the blog anew
        }
    }

    private static String describe(MetaData metadata) {
        return metadata.tables().stream().map(ReflectionTest::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(Table table) {
        StringBuilder text = new StringBuilder(table.name()).append(' ').append(table.tableOptions()).append('\n');
        for (Column<?> column : table.columns()) {
            text.append("  ").append(column.name()).append(' ').append(column.type())
                    .append(column.isNullable() ? " NULL" : " NOT NULL")
                    .append(column.isAutoincrement() ? " AUTO_INCREMENT" : "")
                    .append(column.isPrimaryKey() ? " PK" : "")
                    .append(column.serverDefault().map(ReflectionTest::describe).orElse(""))
                    .append(column.serverOnUpdate().map(sql -> " ON UPDATE " + sql).orElse(""))
                    .append(column.comment().map(comment -> " COMMENT " + comment).orElse(""))
                    .append('\n');
        }
        text.append("  ").append(table.primaryKeyConstraint().orElse(null)).append('\n');
        table.uniqueConstraints().forEach(unique -> text.append("  ").append(unique).append('\n'));
        table.indexes().forEach(index -> text.append("  ").append(index).append('\n'));
        table.foreignKeys().forEach(key -> text.append("  ").append(key).append('\n'));
        table.checks().forEach(check -> text.append("  ").append(check).append('\n'));
        return text.toString();
    }

    private static String describe(@Nullable ServerDefault value) {
        return value == null ? "" : " DEFAULT " + (value.literal() ? "'" + value.sql() + "'" : value.sql());
    }
}
