package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.exception.NoResultFoundException;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Metamodel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One instance per primary key: {@code get}, queries returning loaded rows, and composite keys. */
@DatabaseTest
class IdentityMapTest {

    @Entity(table = "im_books")
    static class Book {
        @Id Integer id;
        String title;

        Book() {
        }

        Book(int id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    @Entity(table = "im_stock")
    static class Stock {
        @Id String warehouse;
        @Id int shelf;
        int quantity;

        Stock() {
        }

        Stock(String warehouse, int shelf, int quantity) {
            this.warehouse = warehouse;
            this.shelf = shelf;
            this.quantity = quantity;
        }
    }

    static final Mapping MAPPING = Mapping.of(Book.class, Stock.class);
    static final Column<Integer> BOOK_ID = Metamodel.column(Book.class, "id");
    static final Column<String> BOOK_TITLE = Metamodel.column(Book.class, "title");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;
    private final SessionFactory noAutoflush;

    IdentityMapTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), MAPPING);
        noAutoflush = SessionFactory.of(log.engine(), MAPPING, SessionOptions.DEFAULTS.withAutoflush(false));
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @BeforeEach
    void rows() {
        engine.execute(text("INSERT INTO im_books (id, title) VALUES (1, 'Emma'), (2, 'Persuasion'), (3, 'Sanditon')"))
                .rowcount().block();
        engine.execute(text("INSERT INTO im_stock (warehouse, shelf, quantity) VALUES ('north', 1, 10), ('north', 2, 20),"
                + " ('south', 1, 30)")).rowcount().block();
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
        engine.execute(text("DELETE FROM im_books")).rowcount().block();
        engine.execute(text("DELETE FROM im_stock")).rowcount().block();
    }

    private String titleInDatabase(int id) {
        return engine.execute(text("SELECT title FROM im_books WHERE id = " + id)).scalar(String.class).block();
    }

    @Test
    void getTwiceReturnsTheSameInstanceWithOneSelect() {
        List<Book> books = sessions.withSession(s -> s.get(Book.class, 1)
                .flatMap(first -> s.get(Book.class, 1).map(second -> List.of(first, second)))).block();

        assertThat(books.get(1)).isSameAs(books.get(0));
        assertThat(books.get(0).title).isEqualTo("Emma");
        assertThat(log.statements("SELECT"))
                .containsExactly("SELECT im_books.id, im_books.title FROM im_books WHERE im_books.id = ?");
    }

    @Test
    void getAcceptsAnyNumericTypeForTheKey() {
        List<Book> books = sessions.withSession(s -> s.get(Book.class, 2)
                .flatMap(first -> s.get(Book.class, 2L).map(second -> List.of(first, second)))).block();

        assertThat(books.get(1)).isSameAs(books.get(0));
        assertThat(log.count("SELECT")).isEqualTo(1);
    }

    @Test
    void queryReturnsLoadedInstanceWithoutOverwritingUnflushedChange() {
        List<Object> seen = noAutoflush.withSession(s -> s.getOne(Book.class, 1).flatMap(emma -> {
            emma.title = "Emma (annotated)";
            return s.scalars(select(Book.class).orderBy(BOOK_ID)).collectList().map(all -> {
                assertThat(s.dirty()).containsExactly(emma);
                return List.<Object>of(emma, all);
            });
        })).block();

        Book emma = (Book) seen.get(0);
        @SuppressWarnings("unchecked")
        List<Book> all = (List<Book>) seen.get(1);
        assertThat(all).hasSize(3);
        assertThat(all.get(0)).isSameAs(emma);
        assertThat(all).extracting(book -> book.title).containsExactly("Emma (annotated)", "Persuasion", "Sanditon");
        assertThat(log.count("UPDATE")).isZero();
        assertThat(titleInDatabase(1)).isEqualTo("Emma");
    }

    @Test
    void queryWithAutoflushSeesPendingChange() {
        List<Book> found = sessions.withSession(s -> s.getOne(Book.class, 3).flatMap(sanditon -> {
            sanditon.title = "Sanditon (unfinished)";
            s.add(new Book(4, "Sanditon fragments"));
            return s.scalars(select(Book.class).where(BOOK_TITLE.like("Sanditon%")).orderBy(BOOK_ID)).collectList()
                    .doOnNext(books -> assertThat(books.get(0)).isSameAs(sanditon));
        })).block();

        assertThat(found).extracting(book -> book.id).containsExactly(3, 4);
        assertThat(found).extracting(book -> book.title).containsExactly("Sanditon (unfinished)", "Sanditon fragments");
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "SELECT im_books.id, im_books.title FROM im_books WHERE im_books.id = ?",
                "INSERT INTO im_books (id, title) VALUES (?, ?)",
                "UPDATE im_books SET title = ? WHERE im_books.id = ?",
                "SELECT im_books.id, im_books.title FROM im_books WHERE im_books.title LIKE ? ORDER BY im_books.id",
                "ROLLBACK");
        assertThat(titleInDatabase(3)).isEqualTo("Sanditon");
    }

    @Test
    void getWithoutAutoflushDoesNotSeePendingObject() {
        Book pending = new Book(5, "Lady Susan");
        List<String> results = noAutoflush.withSession(s -> {
            s.add(pending);
            return s.get(Book.class, 5).map(book -> "found").defaultIfEmpty("missing")
                    .flatMap(first -> s.flush().then(s.get(Book.class, 5)).map(book -> List.of(first, book == pending ? "same" : "other")));
        }).block();

        assertThat(results).containsExactly("missing", "same");
        assertThat(log.count("SELECT")).isEqualTo(1);
    }

    @Test
    void getOneOfMissingRowFails() {
        assertThatThrownBy(() -> sessions.withSession(s -> s.getOne(Book.class, 99)).block())
                .isInstanceOf(NoResultFoundException.class)
                .hasMessage("No Book with primary key [99]");
        assertThat(sessions.withSession(s -> s.get(Book.class, 99)).blockOptional()).isEmpty();
    }

    @Test
    void compositeKeyGet() {
        List<Stock> stock = sessions.withSession(s -> s.getOne(Stock.class, "north", 2)
                .flatMap(first -> s.getOne(Stock.class, "north", 2L)
                        .flatMap(again -> s.getOne(Stock.class, "south", 1)
                                .map(other -> List.of(first, again, other))))).block();

        assertThat(stock.get(1)).isSameAs(stock.get(0));
        assertThat(stock.get(0).warehouse).isEqualTo("north");
        assertThat(stock.get(0).shelf).isEqualTo(2);
        assertThat(stock.get(0).quantity).isEqualTo(20);
        assertThat(stock.get(2)).isNotSameAs(stock.get(0));
        assertThat(stock.get(2).quantity).isEqualTo(30);
        assertThat(log.statements("SELECT")).containsExactly(
                "SELECT im_stock.warehouse, im_stock.shelf, im_stock.quantity FROM im_stock"
                        + " WHERE im_stock.warehouse = ? AND im_stock.shelf = ?",
                "SELECT im_stock.warehouse, im_stock.shelf, im_stock.quantity FROM im_stock"
                        + " WHERE im_stock.warehouse = ? AND im_stock.shelf = ?");
    }

    @Test
    void compositeKeyQueryAndGetShareInstances() {
        List<Object> seen = sessions.withSession(s -> s.scalars(select(Stock.class)).collectList()
                .flatMap(all -> s.getOne(Stock.class, "north", 1).map(one -> List.<Object>of(all, one)))).block();

        @SuppressWarnings("unchecked")
        List<Stock> all = (List<Stock>) seen.get(0);
        assertThat(all).hasSize(3);
        assertThat(all).filteredOn(stock -> stock.warehouse.equals("north") && stock.shelf == 1)
                .singleElement().isSameAs(seen.get(1));
        assertThat(log.count("SELECT")).isEqualTo(1);
    }

    @Test
    void compositeKeyMissingOrWrongArity() {
        assertThatThrownBy(() -> sessions.withSession(s -> s.getOne(Stock.class, "west", 1)).block())
                .isInstanceOf(NoResultFoundException.class)
                .hasMessage("No Stock with primary key [west, 1]");
        assertThatThrownBy(() -> sessions.withSession(s -> s.get(Stock.class, "north")).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Stock has a primary key of 2 column(s) [warehouse, shelf]; got 1 value(s)");
    }

    @Test
    void getOfObjectMarkedForDeletionIsEmpty() {
        List<String> results = sessions.withSession(s -> s.getOne(Book.class, 2).flatMap(book -> {
            s.delete(book);
            return s.get(Book.class, 2).map(found -> "found").defaultIfEmpty("empty");
        }).map(List::of)).block();

        assertThat(results).containsExactly("empty");
        assertThat(log.count("SELECT")).isEqualTo(1);
        assertThat(titleInDatabase(2)).isEqualTo("Persuasion");
    }
}
