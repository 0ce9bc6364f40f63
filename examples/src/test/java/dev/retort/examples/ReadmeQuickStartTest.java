package dev.retort.examples;

import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.index;
import static dev.retort.core.sql.Sql.delete;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.literal;
import static dev.retort.core.sql.Sql.or;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.sql.Sql.update;
import static dev.retort.core.types.Types.DATETIME;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.enumOf;
import static dev.retort.core.types.Types.string;
import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static dev.retort.orm.Orm.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.engine.EngineUrl;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The README's quick start and ORM section, statement for statement, against the tests' server (or
 * an embedded MariaDB): if this fails, the README is wrong. The ORM section's entity is
 * {@link Customer}; its relationships part maps {@link Writer}, {@link Article} and {@link Topic}.
 */
class ReadmeQuickStartTest {

    private static EmbeddedMariaDb embedded;
    private static String serverUrl;
    private static Engine admin;

    @BeforeAll
    static void server() {
        serverUrl = System.getenv("RETORT_TEST_URL");
        if (serverUrl == null) {
            embedded = EmbeddedMariaDb.start();
            serverUrl = embedded.url();
        }
        admin = Engine.create(serverUrl, EngineOptions.builder().poolKind(PoolKind.NULL).build());
        admin.execute(text("DROP DATABASE IF EXISTS readme_shop")).rowcount()
                .then(admin.execute(text("CREATE DATABASE readme_shop")).rowcount()).block();
    }

    @AfterAll
    static void stop() {
        admin.execute(text("DROP DATABASE IF EXISTS readme_shop")).rowcount().block();
        admin.dispose().block();
        if (embedded != null) {
            embedded.close();
        }
    }

    static final class Users extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(50)).notNull();
        final Column<Integer> age = column("age", INTEGER);
        Users(MetaData metadata) { super(metadata, "users_typed"); }
    }

    @Test
    void quickStartWorksAsWritten() {
        Engine engine = Engine.create(EngineUrl.parse(serverUrl).withDatabase("readme_shop"),
                EngineOptions.builder()
                        .echo(true)
                        .poolSize(5).maxOverflow(10)
                        .poolTimeout(Duration.ofSeconds(30))
                        .poolRecycle(Duration.ofHours(1))
                        .prePing(true)
                        .build());

        Mono<Integer> one = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Integer.class));

        Mono<Long> inserted = engine.transaction(conn -> conn
                .execute(text("CREATE TABLE IF NOT EXISTS users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))"))
                .rowcount()
                .then(conn.execute(text("INSERT INTO users (name) VALUES (:name)"),
                        List.of(Map.of("name", "Alice"), Map.of("name", "Bob"))).rowcount()));

        Mono<Long> users = engine.execute(text("SELECT COUNT(*) FROM users")).scalar(Long.class);
        var names = engine.stream(text("SELECT name FROM users WHERE name LIKE :p ORDER BY name"), Map.of("p", "A%"))
                .map(row -> row.get("name", String.class));

        Mono<Long> both = engine.execute(text("INSERT INTO users (name) VALUES ('Carol')")).rowcount()
                .then(engine.execute(text("SELECT COUNT(*) FROM users")).scalar(Long.class))
                .as(engine.transactional()::transactional);

        assertThat(one.block()).isEqualTo(1);
        assertThat(inserted.block()).isEqualTo(2L);
        assertThat(users.block()).isEqualTo(2L);
        assertThat(names.collectList().block()).containsExactly("Alice");
        assertThat(both.block()).isEqualTo(3L);
        assertThat(engine.poolStatus().checkedOut()).isZero();

        MetaData metadata = new MetaData();
        Table authors = metadata.table("authors",
                column("id", INTEGER).primaryKey(),
                column("name", string(50)).notNull().unique(),
                column("joined", DATETIME).serverDefault(text("CURRENT_TIMESTAMP")));
        Table books = metadata.table("books",
                column("id", INTEGER).primaryKey(),
                column("author_id", INTEGER).notNull().references("authors.id"),
                column("status", enumOf("draft", "published")).notNull().serverDefault("draft"),
                index("ix_books_status", "status"));

        Mono<Void> created = metadata.createAll(engine);
        Mono<List<Table>> read = new MetaData().reflect(engine);
        Mono<Void> dropped = metadata.dropAll(engine);

        created.block();

        Users USERS = new Users(metadata);
        USERS.create(engine).block();
        Mono<Long> added = engine.execute(insert(USERS), List.of(
                Map.of("name", "Ann", "age", 31), Map.of("name", "Bob", "age", 17))).rowcount();
        Flux<String> adults = engine.execute(select(USERS.name)
                        .where(USERS.age.ge(18), or(USERS.name.like("A%"), USERS.age.isNull()))
                        .orderBy(USERS.age.desc()).limit(10))
                .rows().map(row -> row.get(USERS.name));
        Mono<Long> older = engine.execute(update(USERS).set(USERS.age, USERS.age.plus(1))
                .where(USERS.name.eq("Bob"))).rowcount();
        Mono<Long> gone = engine.execute(delete(USERS).where(USERS.age.lt(18))).rowcount();

        assertThat(added.block()).isEqualTo(2L);
        assertThat(adults.collectList().block()).containsExactly("Ann");
        assertThat(older.block()).isEqualTo(1L);
        assertThat(gone.block()).isEqualTo(0L);
        USERS.drop(engine).block();
        assertThat(read.block()).extracting(Table::name).containsExactly("authors", "books", "users");
        assertThat(authors.c("name").isUnique()).isTrue();
        assertThat(books.foreignKeys()).hasSize(1);
        dropped.block();

        Mono<Void> done = engine.dispose();
        done.block();
    }

    @Test
    void ormSectionWorksAsWritten() {
        Engine engine = Engine.create(EngineUrl.parse(serverUrl).withDatabase("readme_shop"),
                EngineOptions.builder().echo(true).build());

        Mapping mapping = Mapping.of(Customer.class);
        Mono<Void> tables = mapping.createAll(engine);
        SessionFactory sessions = SessionFactory.of(engine, mapping);

        Customer ann = new Customer("Ann", "ann@example.com", "Oslo");
        Mono<Integer> annId = sessions.inTransaction(session -> {
            session.add(ann);
            return session.flush().then(Mono.fromSupplier(() -> ann.id));
        });

        Mono<List<String>> inOslo = sessions.withSession(session -> session
                .scalars(select(Customer.class).where(Customer_.CITY.eq("Oslo")).orderBy(Customer_.EMAIL))
                .map(customer -> customer.name)
                .collectList());

        Mono<Customer> moved = annId.flatMap(id -> sessions.inTransaction(session -> session
                .getOne(Customer.class, id)
                .doOnNext(customer -> customer.city = "Bergen")));

        Mono<Long> renamed = sessions.inTransaction(session -> session.execute(update(Customer.class)
                .where(Customer_.EMAIL.like("%@example.com"))
                .set(Customer_.EMAIL, func.call("REPLACE", Customer_.EMAIL.type(), Customer_.EMAIL,
                        literal("@example.com", Customer_.EMAIL.type()), literal("@example.org", Customer_.EMAIL.type())))));

        assertThat(Session.state(ann)).isEqualTo(ObjectState.TRANSIENT);
        tables.block();
        Integer id = annId.block();
        assertThat(id).isNotNull();
        assertThat(ann.joined).isNotNull();
        assertThat(Session.state(ann)).isEqualTo(ObjectState.DETACHED);
        assertThat(inOslo.block()).containsExactly("Ann");
        assertThat(moved.block().city).isEqualTo("Bergen");
        assertThat(renamed.block()).isEqualTo(1L);
        Customer read = sessions.withSession(session -> session.getOne(Customer.class, id)).block();
        assertThat(read.email).isEqualTo("ann@example.org");
        assertThat(read.city).isEqualTo("Bergen");
        assertThat(engine.poolStatus().checkedOut()).isZero();

        mapping.dropAll(engine).block();
        engine.dispose().block();
    }

    @Test
    void relationshipsWorkAsWritten() {
        Engine engine = Engine.create(EngineUrl.parse(serverUrl).withDatabase("readme_shop"),
                EngineOptions.builder().echo(true).build());

        Mapping blog = Mapping.of(Writer.class, Article.class, Topic.class);
        Mono<Void> blogTables = blog.createAll(engine);
        SessionFactory blogSessions = SessionFactory.of(engine, blog);

        Writer ada = new Writer("Ada");
        Article notes = new Article("Notes");
        notes.writer.set(ada);
        ada.articles.add(new Article("Draft"));
        notes.topics.add(new Topic("math"));
        Mono<Void> saved = blogSessions.inTransaction(session -> {
            session.add(ada);
            return Mono.empty();
        });

        Mono<List<Writer>> withArticles = blogSessions.withSession(session -> session
                .scalars(select(Writer.class).options(selectinload(Writer_.ARTICLES).selectinload(Article_.TOPICS)))
                .collectList());
        Mono<List<Article>> withWriters = blogSessions.withSession(session -> session
                .scalars(select(Article.class).options(joinedload(Article_.WRITER)))
                .collectList());

        Mono<Writer> loaded = blogSessions.withSession(session -> session
                .getOne(Writer.class, ada.id)
                .flatMap(writer -> session.load(writer, Writer_.ARTICLES)));

        Mono<Void> pruned = blogSessions.inTransaction(session -> session
                .scalars(select(Writer.class).options(selectinload(Writer_.ARTICLES))).single()
                .doOnNext(writer -> writer.articles.removeIf(article -> article.title.equals("Draft")))
                .then());
        Mono<Void> gone = blogSessions.inTransaction(session -> session
                .scalars(select(Writer.class)).single()
                .doOnNext(session::delete)
                .then());

        assertThat(ada.articles).extracting(article -> article.title).containsExactly("Notes", "Draft");
        assertThat(ada.articles.get(1).writer.get()).isSameAs(ada);
        assertThat(notes.topics.get(0).articles).containsExactly(notes);
        blogTables.block();
        saved.block();
        assertThat(ada.articles).hasSize(2).allMatch(article -> ada.id.equals(article.writerId));
        assertThat(rows(engine, "SELECT COUNT(*) FROM article_topics")).isEqualTo(1L);

        Writer read = withArticles.block().get(0);
        assertThat(read.articles).extracting(article -> article.title).containsExactly("Notes", "Draft");
        assertThat(read.articles.get(0).topics).extracting(topic -> topic.name).containsExactly("math");
        assertThat(withWriters.block()).allMatch(article -> article.writer.get().name.equals("Ada"));

        Writer unloaded = blogSessions.withSession(session -> session.getOne(Writer.class, ada.id)).block();
        assertThatThrownBy(unloaded.articles::size).isInstanceOf(NotLoadedException.class)
                .hasMessageContaining("session.load(writer, Writer_.ARTICLES)");
        assertThat(loaded.block().articles).hasSize(2);

        pruned.block();
        assertThat(rows(engine, "SELECT COUNT(*) FROM articles")).isEqualTo(1L);
        gone.block();
        assertThat(rows(engine, "SELECT COUNT(*) FROM writers") + rows(engine, "SELECT COUNT(*) FROM articles")
                + rows(engine, "SELECT COUNT(*) FROM article_topics")).isZero();
        assertThat(rows(engine, "SELECT COUNT(*) FROM topics")).isEqualTo(1L);
        assertThat(engine.poolStatus().checkedOut()).isZero();

        blog.dropAll(engine).block();
        engine.dispose().block();
    }

    private static long rows(Engine engine, String count) {
        return engine.execute(text(count)).scalar(Long.class).block();
    }
}
