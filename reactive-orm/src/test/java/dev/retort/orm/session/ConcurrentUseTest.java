package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Metamodel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A session runs one operation at a time: overlapping ones fail at once, chained ones work. */
@DatabaseTest
class ConcurrentUseTest {

    @Entity(table = "cu_authors")
    static class Author {
        @Id Integer id;
        String name;

        Author() {
        }
    }

    @Entity(table = "cu_books")
    static class Book {
        @Id Integer id;
        @ForeignKey(entity = Author.class) Integer authorId;
        String title;

        Book() {
        }
    }

    static final Mapping MAPPING = Mapping.of(Author.class, Book.class);
    static final Column<Integer> BOOK_ID = Metamodel.column(Book.class, "id");
    static final Column<Integer> AUTHOR_ID = Metamodel.column(Author.class, "id");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    ConcurrentUseTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @BeforeEach
    void rows() {
        engine.execute(text("INSERT INTO cu_authors (id, name) VALUES (1, 'Austen'), (2, 'Brontë'), (3, 'Eliot')"))
                .rowcount().block();
        engine.execute(text("INSERT INTO cu_books (id, author_id, title) VALUES (10, 2, 'Jane Eyre'), (11, 1, 'Emma'),"
                + " (12, 3, 'Middlemarch'), (13, 1, 'Persuasion')")).rowcount().block();
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
        engine.execute(text("DELETE FROM cu_books")).rowcount().block();
        engine.execute(text("DELETE FROM cu_authors")).rowcount().block();
    }

    @Test
    void twoGetsAtTheSameTimeFail() {
        assertThatThrownBy(() -> sessions.withSession(s -> Mono.zip(s.get(Author.class, 1), s.get(Author.class, 2))).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Session is already running get; cannot start get at the same time. A session runs one"
                        + " operation at a time: chain them (then/concatMap, or collect a query's results first) or use"
                        + " one session per concurrent flow");
    }

    @Test
    void getInsideFlatMapOverAQueryFails() {
        assertThatThrownBy(() -> sessions.withSession(s -> s.scalars(select(Book.class))
                .flatMap(book -> s.get(Author.class, book.authorId))
                .collectList()).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Session is already running query; cannot start get at the same time.");
    }

    @Test
    void evenAnIdentityMapHitWaitsForTheRunningQuery() {
        assertThatThrownBy(() -> sessions.withSession(s -> s.scalars(select(Author.class))
                .concatMap(author -> s.get(Author.class, author.id))
                .collectList()).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Session is already running query; cannot start get at the same time.");
    }

    @Test
    void flushInsideAQueryFails() {
        assertThatThrownBy(() -> sessions.withSession(s -> s.scalars(select(Author.class))
                .concatMap(author -> {
                    author.name = author.name + "!";
                    return s.flush();
                })
                .then()).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Session is already running query; cannot start flush at the same time.");
        assertThat(engine.execute(text("SELECT name FROM cu_authors WHERE id = 1")).scalar(String.class).block())
                .isEqualTo("Austen");
    }

    @Test
    void theSessionWorksAfterARefusedOperation() {
        List<String> names = sessions.withSession(s -> Mono.zip(s.get(Author.class, 1), s.get(Author.class, 2))
                .map(both -> List.of(both.getT1().name, both.getT2().name))
                .onErrorResume(InvalidRequestException.class, refused -> s.getOne(Author.class, 3)
                        .flatMap(eliot -> s.getOne(Author.class, 2).map(bronte -> List.of(eliot.name, bronte.name))))).block();

        assertThat(names).containsExactly("Eliot", "Brontë");
    }

    @Test
    void chainedOperationsWork() {
        List<String> names = sessions.withSession(s -> s.getOne(Author.class, 1)
                .then(s.getOne(Author.class, 2))
                .flatMap(bronte -> s.getOne(Author.class, 3).map(eliot -> List.of(bronte.name, eliot.name)))).block();

        assertThat(names).containsExactly("Brontë", "Eliot");
        assertThat(log.count("SELECT")).isEqualTo(3);
    }

    @Test
    void getAfterTheFirstEntityOfAQuery() {
        List<String> names = sessions.withSession(s -> s.execute(select(Book.class).orderBy(BOOK_ID)).first()
                .flatMap(book -> s.getOne(Author.class, book.authorId).map(author -> List.of(book.title, author.name)))).block();

        assertThat(names).containsExactly("Jane Eyre", "Brontë");
    }

    @Test
    void concatMapOverACollectedQuery() {
        List<Author> authors = sessions.withSession(s -> s.scalars(select(Book.class).orderBy(BOOK_ID)).collectList()
                .flatMapMany(books -> Flux.fromIterable(books).concatMap(book -> s.getOne(Author.class, book.authorId)))
                .collectList()).block();

        assertThat(authors).extracting(author -> author.name).containsExactly("Brontë", "Austen", "Eliot", "Austen");
        assertThat(authors.get(3)).isSameAs(authors.get(1));
        assertThat(log.count("SELECT")).as("the second get of Austen comes from the identity map").isEqualTo(4);
    }

    @Test
    void concatMapOfGetsAndAFlushAfterwards() {
        List<String> names = sessions.inTransactionMany(s -> Flux.just(3, 1, 2)
                .concatMap(id -> s.getOne(Author.class, id))
                .doOnNext(author -> author.name = author.name.toUpperCase())
                .concatWith(s.flush().then(Mono.empty()))
                .map(author -> author.name)).collectList().block();

        assertThat(names).containsExactly("ELIOT", "AUSTEN", "BRONTË");
        assertThat(engine.execute(text("SELECT name FROM cu_authors ORDER BY id")).scalars(String.class).collectList().block())
                .containsExactly("AUSTEN", "BRONTË", "ELIOT");
        assertThat(log.count("UPDATE")).isEqualTo(3);
    }

    @Test
    void changesWhileStreamingAreFlushedAfterTheQuery() {
        sessions.inTransaction(s -> s.scalars(select(Author.class).where(AUTHOR_ID.le(2)))
                .doOnNext(author -> author.name = "Ms " + author.name)
                .then(s.commit())).block();

        assertThat(engine.execute(text("SELECT name FROM cu_authors ORDER BY id")).scalars(String.class).collectList().block())
                .containsExactly("Ms Austen", "Ms Brontë", "Eliot");
    }
}
