package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import java.util.List;

/**
 * The loader tests' own classes (tables {@code ld_…}): shops with a two-column key, their orders
 * (a two-column foreign key) and suppliers (many-to-many through a generated table); an adjacency
 * list of nodes; authors, books, chapters and publishers with eager defaults; and accounts with
 * entries (two column fields, for refresh).
 */
final class LoadModels {

    private LoadModels() {
    }

    // ---- composite keys ----------------------------------------------------------------------------

    @Entity(table = "ld_shops")
    static class Shop {
        @Id @Column(length = 8) String region;
        @Id @Column(index = true) Integer number;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "shop", orderBy = "id")
        final ToMany<Order> orders = ToMany.of(this);

        @Relationship(secondary = "ld_shop_suppliers", backPopulates = "shops", orderBy = "name")
        final ToMany<Supplier> suppliers = ToMany.of(this);
    }

    @Entity(table = "ld_orders")
    static class Order {
        @Id Long id;
        @ForeignKey(target = "ld_shops.region") @Column(length = 8) String shopRegion;
        @ForeignKey(target = "ld_shops.number") Integer shopNumber;

        @Relationship(backPopulates = "orders")
        final ToOne<Shop> shop = ToOne.of(this);
    }

    @Entity(table = "ld_suppliers")
    static class Supplier {
        @Id Long id;
        @Column(length = 40) String name;

        @Relationship(secondary = "ld_shop_suppliers", backPopulates = "suppliers", orderBy = "name")
        final ToMany<Shop> shops = ToMany.of(this);
    }

    static final Mapping EDGES = Mapping.of(Shop.class, Order.class, Supplier.class, Node.class);

    static final Relation<Shop, Order> ORDERS = Metamodel.relation(Shop.class, "orders");
    static final Relation<Shop, Supplier> SUPPLIERS = Metamodel.relation(Shop.class, "suppliers");
    static final Relation<Order, Shop> SHOP = Metamodel.relation(Order.class, "shop");
    static final Relation<Supplier, Shop> SUPPLIER_SHOPS = Metamodel.relation(Supplier.class, "shops");

    // ---- adjacency list ------------------------------------------------------------------------------

    @Entity(table = "ld_nodes")
    static class Node {
        @Id Long id;
        @ForeignKey(entity = Node.class) Long parentId;
        @Column(length = 20) String name;

        @Relationship(backPopulates = "children")
        final ToOne<Node> parent = ToOne.of(this);

        @Relationship(backPopulates = "parent", orderBy = "name")
        final ToMany<Node> children = ToMany.of(this);

        @Override
        public String toString() {
            return name;
        }
    }

    static final Relation<Node, Node> CHILDREN = Metamodel.relation(Node.class, "children");
    static final Relation<Node, Node> PARENT = Metamodel.relation(Node.class, "parent");

    static void clearEdges(Engine engine) {
        run(engine, "UPDATE ld_nodes SET parent_id = NULL");
        for (String table : List.of("ld_shop_suppliers", "ld_orders", "ld_suppliers", "ld_shops", "ld_nodes")) {
            run(engine, "DELETE FROM " + table);
        }
    }

    /**
     * Shops eu/1 Berlin, eu/2 Paris, us/1 Boston, us/2 Empty; orders 1, 2 → eu/1, 3 → us/1, 4 → eu/2,
     * 5 → none; suppliers 1 acme (eu/1, us/1) and 2 globex (us/1).
     */
    static void seedShops(Engine engine) {
        run(engine, "INSERT INTO ld_shops (region, number, name) VALUES ('us', 2, 'Empty'), ('us', 1, 'Boston'),"
                + " ('eu', 2, 'Paris'), ('eu', 1, 'Berlin')");
        run(engine, "INSERT INTO ld_orders (id, shop_region, shop_number) VALUES (4, 'eu', 2), (3, 'us', 1), (1, 'eu', 1),"
                + " (5, NULL, NULL), (2, 'eu', 1)");
        run(engine, "INSERT INTO ld_suppliers (id, name) VALUES (1, 'acme'), (2, 'globex')");
        run(engine, "INSERT INTO ld_shop_suppliers (shop_region, shop_number, supplier_id) VALUES ('us', 1, 2), ('eu', 1, 1),"
                + " ('us', 1, 1)");
    }

    /**
     * A tree whose names sort differently from ids (so only ORDER BY name gives name order):
     * 1 root → 2 "c", 3 "a", 4 "b"; 3 "a" → 5 "a3", 6 "a1", 7 "a2"; the others have no children.
     */
    static void seedTree(Engine engine) {
        run(engine, "INSERT INTO ld_nodes (id, parent_id, name) VALUES (1, NULL, 'root')");
        run(engine, "INSERT INTO ld_nodes (id, parent_id, name) VALUES (2, 1, 'c'), (3, 1, 'a'), (4, 1, 'b')");
        run(engine, "INSERT INTO ld_nodes (id, parent_id, name) VALUES (5, 3, 'a3'), (6, 3, 'a1'), (7, 3, 'a2')");
    }

    // ---- eager defaults ------------------------------------------------------------------------------

    @Entity(table = "ld_authors")
    static class Author {
        @Id Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "author", orderBy = "id", loading = Loading.SELECTIN)
        final ToMany<Book> books = ToMany.of(this);
    }

    @Entity(table = "ld_publishers")
    static class Publisher {
        @Id Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "publisher", orderBy = "id")
        final ToMany<Book> books = ToMany.of(this);
    }

    @Entity(table = "ld_books")
    static class Book {
        @Id Long id;
        @ForeignKey(entity = Author.class) Long authorId;
        @ForeignKey(entity = Publisher.class) Long publisherId;
        @Column(length = 40) String title;

        @Relationship(backPopulates = "books", loading = Loading.SELECTIN)
        final ToOne<Author> author = ToOne.of(this);

        @Relationship(backPopulates = "books", loading = Loading.JOINED)
        final ToOne<Publisher> publisher = ToOne.of(this);

        @Relationship(backPopulates = "book", orderBy = "number", loading = Loading.SELECTIN)
        final ToMany<Chapter> chapters = ToMany.of(this);
    }

    @Entity(table = "ld_chapters")
    static class Chapter {
        @Id Long id;
        @ForeignKey(entity = Book.class) Long bookId;
        int number;

        @Relationship(backPopulates = "chapters")
        final ToOne<Book> book = ToOne.of(this);
    }

    static final Mapping DEFAULTS = Mapping.of(Author.class, Publisher.class, Book.class, Chapter.class);

    static final Relation<Author, Book> AUTHOR_BOOKS = Metamodel.relation(Author.class, "books");
    static final Relation<Publisher, Book> PUBLISHER_BOOKS = Metamodel.relation(Publisher.class, "books");
    static final Relation<Book, Author> BOOK_AUTHOR = Metamodel.relation(Book.class, "author");
    static final Relation<Book, Publisher> BOOK_PUBLISHER = Metamodel.relation(Book.class, "publisher");
    static final Relation<Book, Chapter> BOOK_CHAPTERS = Metamodel.relation(Book.class, "chapters");
    static final Relation<Chapter, Book> CHAPTER_BOOK = Metamodel.relation(Chapter.class, "book");

    /**
     * Authors 1 ann (books 10, 11), 2 ben (book 12), 3 cy (none); publishers 1 penguin (10, 12) and
     * 2 vintage (11); book 10 has chapters 2, 1 (numbers), 11 has chapter 1, 12 none.
     */
    static void seedLibrary(Engine engine) {
        for (String table : List.of("ld_chapters", "ld_books", "ld_authors", "ld_publishers")) {
            run(engine, "DELETE FROM " + table);
        }
        run(engine, "INSERT INTO ld_authors (id, name) VALUES (1, 'ann'), (2, 'ben'), (3, 'cy')");
        run(engine, "INSERT INTO ld_publishers (id, name) VALUES (1, 'penguin'), (2, 'vintage')");
        run(engine, "INSERT INTO ld_books (id, author_id, publisher_id, title) VALUES (10, 1, 1, 'x'), (11, 1, 2, 'y'),"
                + " (12, 2, 1, 'z')");
        run(engine, "INSERT INTO ld_chapters (id, book_id, number) VALUES (100, 10, 2), (101, 10, 1), (102, 11, 1)");
    }

    // ---- refresh ---------------------------------------------------------------------------------

    @Entity(table = "ld_accounts")
    static class Account {
        @Id Long id;
        @Column(length = 40) String name;
        @Column(length = 80) String email;

        @Relationship(backPopulates = "account", orderBy = "id")
        final ToMany<Entry> entries = ToMany.of(this);

        @Relationship(backPopulates = "account")
        final ToOne<Profile> profile = ToOne.of(this);
    }

    @Entity(table = "ld_profiles")
    static class Profile {
        @Id Long id;
        @ForeignKey(entity = Account.class) @Column(unique = true) Long accountId;
        @Column(length = 40) String bio;

        @Relationship(backPopulates = "profile")
        final ToOne<Account> account = ToOne.of(this);
    }

    @Entity(table = "ld_entries")
    static class Entry {
        @Id Long id;
        @ForeignKey(entity = Account.class) Long accountId;
        int amount;

        @Relationship(backPopulates = "entries")
        final ToOne<Account> account = ToOne.of(this);
    }

    static final Mapping ACCOUNTS = Mapping.of(Account.class, Entry.class, Profile.class);

    static final Relation<Account, Entry> ENTRIES = Metamodel.relation(Account.class, "entries");
    static final Relation<Entry, Account> ACCOUNT = Metamodel.relation(Entry.class, "account");
    static final Relation<Account, Profile> PROFILE = Metamodel.relation(Account.class, "profile");

    static void run(Engine engine, String sql) {
        engine.execute(text(sql)).rowcount().block();
    }
}
