package dev.retort.bench;

import static dev.retort.core.types.Types.DATETIME;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.string;

import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed data set and the ways each stack sees it: core tables, ORM entities, plain records.
 *
 * <ul>
 *   <li>{@code bench_item}: {@value #ITEMS} rows of 4 columns (id, name, amount, created), read by
 *       the point-select and 1,000-row suites;</li>
 *   <li>{@code bench_sink}: the bulk-insert target, {@code ENGINE=BLACKHOLE} when the server has it;</li>
 *   <li>{@code bench_author} ({@value #AUTHORS} rows) and {@code bench_book} ({@value #BOOKS_PER_AUTHOR}
 *       per author) for the relationship-loading suite.</li>
 * </ul>
 */
final class Model {

    static final int ITEMS = 10_000;
    static final int READ_ROWS = 1_000;
    static final int BULK_ROWS = 10_000;
    static final int AUTHORS = 100;
    static final int BOOKS_PER_AUTHOR = 10;

    static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    private Model() {
    }

    /** A row of {@code bench_item} or {@code bench_sink} as every stack returns it. */
    record ItemRow(int id, String name, int amount, LocalDateTime created) {

        static ItemRow generated(int id) {
            return new ItemRow(id, "item-" + id, (id * 7919) % 1000, EPOCH.plusMinutes(id));
        }
    }

    record Author(int id, String name) {
    }

    record Book(int id, int authorId, String title, int pages) {
    }

    record AuthorBooks(Author author, List<Book> books) {
    }

    /**
     * What every relationship variant returns: the sum of {@code pages} read from each book it
     * loaded, so each one touches every child and nothing of the load is dead code.
     */
    static long pages(List<AuthorBooks> authors) {
        long sum = 0;
        for (AuthorBooks author : authors) {
            for (Book book : author.books()) {
                sum += book.pages();
            }
        }
        return sum;
    }

    /** The sum of {@code pages} over every book of the data set (what each relationship variant must return). */
    static long expectedPages() {
        long sum = 0;
        for (int bookId = 1; bookId <= AUTHORS * BOOKS_PER_AUTHOR; bookId++) {
            sum += Fixture.bookPages(bookId);
        }
        return sum;
    }

    /** The rows every bulk-insert variant writes ({@value #BULK_ROWS} in a full run), generated once. */
    static List<ItemRow> bulkRows(int count) {
        List<ItemRow> rows = new ArrayList<>(count);
        for (int id = 1; id <= count; id++) {
            rows.add(ItemRow.generated(id));
        }
        return List.copyOf(rows);
    }

    // ---- Retort Core: typed tables -------------------------------------------------------------

    static final MetaData METADATA = new MetaData();
    static final Items ITEMS_TABLE = new Items("bench_item");
    static final Items SINK_TABLE = new Items("bench_sink");
    static final Authors AUTHORS_TABLE = new Authors();
    static final Books BOOKS_TABLE = new Books();

    static final class Items extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(64)).notNull();
        final Column<Integer> amount = column("amount", INTEGER).notNull();
        final Column<LocalDateTime> created = column("created", DATETIME).notNull();

        Items(String name) {
            super(METADATA, name);
        }
    }

    static final class Authors extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(64)).notNull();

        Authors() {
            super(METADATA, "bench_author");
        }
    }

    static final class Books extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<Integer> authorId = column("author_id", INTEGER).notNull();
        final Column<String> title = column("title", string(100)).notNull();
        final Column<Integer> pages = column("pages", INTEGER).notNull();

        Books() {
            super(METADATA, "bench_book");
        }
    }

    // ---- Retort ORM: entities (keys assigned, so every bulk variant sends the same INSERT) ------------

    @Entity(table = "bench_item")
    static final class Item {
        @Id Integer id;
        @dev.retort.orm.mapping.Column(length = 64, nullable = false) String name;
        int amount;
        @dev.retort.orm.mapping.Column(nullable = false) LocalDateTime created;

        Item() {
        }
    }

    @Entity(table = "bench_sink")
    static final class SinkItem {
        @Id Integer id;
        @dev.retort.orm.mapping.Column(length = 64, nullable = false) String name;
        int amount;
        @dev.retort.orm.mapping.Column(nullable = false) LocalDateTime created;

        SinkItem() {
        }

        SinkItem(ItemRow row) {
            this.id = row.id();
            this.name = row.name();
            this.amount = row.amount();
            this.created = row.created();
        }
    }

    /**
     * {@code bench_author} with its books: the one-to-many side, ordered like the raw two-query
     * version's {@code ORDER BY author_id, id} so the selectin query is the same SQL.
     */
    @Entity(table = "bench_author")
    static final class AuthorEntity {
        @Id Integer id;
        @dev.retort.orm.mapping.Column(length = 64, nullable = false) String name;

        @Relationship(backPopulates = "author", orderBy = {"authorId", "id"})
        final ToMany<BookEntity> books = ToMany.of(this);

        AuthorEntity() {
        }
    }

    /** {@code bench_book}: the many-to-one side. */
    @Entity(table = "bench_book")
    static final class BookEntity {
        @Id Integer id;
        @ForeignKey(entity = AuthorEntity.class) @dev.retort.orm.mapping.Column(nullable = false) Integer authorId;
        @dev.retort.orm.mapping.Column(length = 100, nullable = false) String title;
        int pages;

        @Relationship(backPopulates = "books")
        final ToOne<AuthorEntity> author = ToOne.of(this);

        BookEntity() {
        }
    }

    static final Mapping MAPPING = Mapping.of(Item.class, SinkItem.class, AuthorEntity.class, BookEntity.class);

    /** {@code AuthorEntity.books}, for loader options. */
    static final Relation<AuthorEntity, BookEntity> AUTHOR_BOOKS = Metamodel.relation(AuthorEntity.class, "books");

    /** {@link #pages} for authors loaded by the ORM: reads each author's {@code books} collection. */
    static long entityPages(List<AuthorEntity> authors) {
        long sum = 0;
        for (AuthorEntity author : authors) {
            for (BookEntity book : author.books) {
                sum += book.pages;
            }
        }
        return sum;
    }
}
