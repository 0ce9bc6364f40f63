package dev.retort.bench;

import dev.retort.bench.Model.Author;
import dev.retort.bench.Model.AuthorBooks;
import dev.retort.bench.Model.Book;
import dev.retort.bench.Model.ItemRow;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The raw baseline: what a careful user writes directly against r2dbc-mysql and r2dbc-pool.
 * Connections are checked out with {@code usingWhen(pool.create(), …, Connection::close)}; every
 * result is read to its end (never cancelled), as Retort does, and through {@code concatMap}, which
 * passes the subscriber's demand to the driver ({@code flatMap}'s inner prefetch of 32 makes
 * r2dbc-mysql deliver rows in small batches: 1,000 rows took several times longer that way).
 */
final class Raw {

    private Raw() {
    }

    static <T> Mono<T> withConnection(ConnectionPool pool, Function<Connection, Mono<T>> work) {
        return Mono.usingWhen(pool.create(), work, Connection::close);
    }

    static Mono<ItemRow> point(Connection connection, int id) {
        return Flux.from(connection.createStatement(Queries.POINT_SQL).bind(0, id).execute())
                .concatMap(result -> result.map((row, metadata) -> Queries.item(row)))
                .singleOrEmpty();
    }

    static Mono<ItemRow> point(ConnectionPool pool, int id) {
        return withConnection(pool, connection -> point(connection, id));
    }

    static Mono<List<ItemRow>> read(ConnectionPool pool) {
        return withConnection(pool, connection -> Flux.from(connection.createStatement(Queries.READ_SQL).execute())
                .concatMap(result -> result.map((row, metadata) -> Queries.item(row)))
                .collectList());
    }

    /** One statement, one binding per row with {@code add()}: the driver runs them one after another. */
    static Mono<Long> insertAddLoop(ConnectionPool pool, List<ItemRow> rows) {
        return inTransaction(pool, connection -> {
            Statement statement = connection.createStatement(Queries.INSERT_SQL);
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) {
                    statement.add();
                }
                bindRow(statement, 0, rows.get(i));
            }
            return rowsUpdated(statement);
        });
    }

    /** A hand-built multi-row INSERT of every row, what Retort's executemany rewrite sends. */
    static Mono<Long> insertMultiRow(ConnectionPool pool, List<ItemRow> rows) {
        return inTransaction(pool, connection -> {
            Statement statement = connection.createStatement(Queries.multiRowInsertSql(rows.size()));
            for (int i = 0; i < rows.size(); i++) {
                bindRow(statement, 4 * i, rows.get(i));
            }
            return rowsUpdated(statement);
        });
    }

    /** Authors, then their books with one {@code IN (…)} query, grouped by hand. */
    static Mono<List<AuthorBooks>> authorsTwoQueries(ConnectionPool pool) {
        return withConnection(pool, connection -> authors(connection).flatMap(authors -> {
            Statement books = connection.createStatement(Queries.booksInSql(authors.size()));
            for (int i = 0; i < authors.size(); i++) {
                books.bind(i, authors.get(i).id());
            }
            return Flux.from(books.execute())
                    .concatMap(result -> result.map((row, metadata) -> Queries.book(row)))
                    .collectList()
                    .map(list -> group(authors, list));
        }));
    }

    /** Authors, then one query per author (N+1). */
    static Mono<List<AuthorBooks>> authorsNPlusOne(ConnectionPool pool) {
        return withConnection(pool, connection -> authors(connection).flatMapMany(Flux::fromIterable)
                .concatMap(author -> Flux.from(connection.createStatement(Queries.BOOKS_OF_SQL).bind(0, author.id())
                                .execute())
                        .concatMap(result -> result.map((row, metadata) -> Queries.book(row)))
                        .collectList()
                        .map(books -> new AuthorBooks(author, books)))
                .collectList());
    }

    /** BEGIN, one point select, COMMIT. */
    static Mono<ItemRow> transaction(ConnectionPool pool, int id) {
        return withConnection(pool, connection -> Mono.from(connection.beginTransaction())
                .then(point(connection, id))
                .flatMap(item -> Mono.from(connection.commitTransaction()).thenReturn(item)));
    }

    /** Checkout and release, nothing else. */
    static Mono<Integer> acquire(ConnectionPool pool) {
        return withConnection(pool, connection -> Mono.just(1));
    }

    static List<AuthorBooks> group(List<Author> authors, List<Book> books) {
        Map<Integer, List<Book>> byAuthor = books.stream().collect(Collectors.groupingBy(Book::authorId));
        List<AuthorBooks> out = new ArrayList<>(authors.size());
        for (Author author : authors) {
            out.add(new AuthorBooks(author, byAuthor.getOrDefault(author.id(), List.of())));
        }
        return out;
    }

    private static Mono<List<Author>> authors(Connection connection) {
        return Flux.from(connection.createStatement(Queries.AUTHORS_SQL).execute())
                .concatMap(result -> result.map((row, metadata) -> Queries.author(row)))
                .collectList();
    }

    private static <T> Mono<T> inTransaction(ConnectionPool pool, Function<Connection, Mono<T>> work) {
        return withConnection(pool, connection -> Mono.from(connection.beginTransaction())
                .then(Mono.defer(() -> work.apply(connection)))
                .flatMap(value -> Mono.from(connection.commitTransaction()).thenReturn(value)));
    }

    private static void bindRow(Statement statement, int first, ItemRow row) {
        statement.bind(first, row.id())
                .bind(first + 1, row.name())
                .bind(first + 2, row.amount())
                .bind(first + 3, row.created());
    }

    private static Mono<Long> rowsUpdated(Statement statement) {
        return Flux.from(statement.execute()).concatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
    }
}
