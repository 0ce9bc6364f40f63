package dev.retort.orm.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Schema;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.Ordering;
import dev.retort.core.types.Types;
import dev.retort.orm.mapping.Relation.Kind;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How {@link Mapping#of} resolves relationships: the kind and join of each shape (many-to-one and
 * one-to-many, one-to-one, many-to-many through a created or a mapped table, adjacency lists,
 * composite foreign keys, association objects), ordering and cascades, and every registration
 * error with its exact message. No database: DDL is compiled for MariaDB without a server.
 * Each case has classes and table names of its own (the registry is JVM-wide).
 */
class RelationshipMappingTest {

    private static final MySqlDialect MARIADB = MySqlDialect.forServer("10.11.19-MariaDB", true);
    private static final String PREFIX = "Cannot map dev.retort.orm.mapping.RelationshipMappingTest$";

    private static void assertFails(Runnable mapping, String message) {
        assertThatThrownBy(mapping::run).isExactlyInstanceOf(MappingException.class).hasMessage(message);
    }

    private static List<String> names(List<Attribute> attributes) {
        return attributes.stream().map(Attribute::name).toList();
    }

    private static @Nullable Object inverse(Relation<?, ?> relation) {
        return relation.inverse().orElse(null);
    }

    private static <O> Relation<O, ?> relation(Mapping mapping, Class<O> owner, String field) {
        return mapping.mapper(owner).relation(field);
    }

    // ---- many-to-one and one-to-many ------------------------------------------------------------

    @Entity(table = "rm_users")
    static class User {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "user", orderBy = {"createdAt DESC", "id"}, cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToMany<Post> posts = ToMany.of(this);
    }

    @Entity(table = "rm_posts")
    static class Post {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = User.class) Long userId;
        @Column(length = 80) String title;
        LocalDateTime createdAt;

        @Relationship(backPopulates = "posts")
        final ToOne<User> user = ToOne.of(this);
    }

    @Test
    void manyToOneAndOneToManyWithBackPopulatesOnBothSides() {
        Mapping mapping = Mapping.of(User.class, Post.class);
        Relation<Post, ?> user = relation(mapping, Post.class, "user");
        Relation<User, ?> posts = relation(mapping, User.class, "posts");

        assertThat(user.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(user.name()).isEqualTo("user");
        assertThat(user.owner()).isSameAs(mapping.mapper(Post.class));
        assertThat(user.target()).isSameAs(mapping.mapper(User.class));
        assertThat(user.isCollection()).isFalse();
        assertThat(user.isWriteOnly()).isFalse();
        assertThat(names(user.localAttributes())).containsExactly("userId");
        assertThat(names(user.remoteAttributes())).containsExactly("id");
        assertThat(user.localAttributes().get(0)).isSameAs(mapping.mapper(Post.class).attribute("userId"));
        assertThat(user.remoteAttributes().get(0)).isSameAs(mapping.mapper(User.class).attribute("id"));
        assertThat(user.secondary()).isEmpty();
        assertThat(user.secondaryLocalColumns()).isEmpty();
        assertThat(user.secondaryRemoteColumns()).isEmpty();
        assertThat(user.loading()).isEqualTo(Loading.RAISE);
        assertThat(user.orderBy()).isEmpty();

        assertThat(posts.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(posts.isCollection()).isTrue();
        assertThat(posts.isWriteOnly()).isFalse();
        assertThat(names(posts.localAttributes())).containsExactly("id");
        assertThat(names(posts.remoteAttributes())).containsExactly("userId");
        assertThat(posts.secondary()).isEmpty();

        assertThat(inverse(user)).isSameAs(posts);
        assertThat(inverse(posts)).isSameAs(user);
        assertThat(mapping.mapper(User.class).relations()).containsExactly(posts);
        assertThat(mapping.mapper(Post.class).relations()).containsExactly(user);
        assertThat(mapping.mapper(Post.class).attributes()).extracting(Attribute::name)
                .containsExactly("id", "userId", "title", "createdAt");
        assertThat(mapping.tables()).extracting(Table::name).containsExactly("rm_users", "rm_posts");
        assertThat(user).hasToString("Post.user (MANY_TO_ONE User)");
        assertThat(posts).hasToString("User.posts (ONE_TO_MANY Post)");
        assertThat(Metamodel.relation(User.class, "posts")).isSameAs(posts);
    }

    @Test
    void orderByBecomesOrderingsOverTheTargetColumns() {
        Mapping mapping = Mapping.of(User.class);
        Mapper<Post> postMapper = mapping.mapper(Post.class);
        List<Ordering> orderBy = relation(mapping, User.class, "posts").orderBy();

        assertThat(orderBy).hasSize(2);
        assertThat(orderBy.get(0).expression()).isSameAs(postMapper.attribute("createdAt").column());
        assertThat(orderBy.get(0).descending()).isTrue();
        assertThat(orderBy.get(0).nullsPlacement()).isNull();
        assertThat(orderBy.get(1).expression()).isSameAs(postMapper.attribute("id").column());
        assertThat(orderBy.get(1).descending()).isFalse();
    }

    @Test
    void cascadeAllStandsForSaveUpdateMergeAndDelete() {
        Mapping mapping = Mapping.of(User.class);
        Relation<User, ?> posts = relation(mapping, User.class, "posts");
        Relation<Post, ?> user = relation(mapping, Post.class, "user");

        assertThat(posts.cascade()).containsExactlyInAnyOrder(Cascade.SAVE_UPDATE, Cascade.MERGE, Cascade.DELETE,
                Cascade.DELETE_ORPHAN);
        assertThat(posts.cascades(Cascade.ALL)).isTrue();
        assertThat(posts.cascades(Cascade.DELETE)).isTrue();
        assertThat(posts.cascades(Cascade.DELETE_ORPHAN)).isTrue();

        assertThat(user.cascade()).containsExactlyInAnyOrder(Cascade.SAVE_UPDATE, Cascade.MERGE);
        assertThat(user.cascades(Cascade.SAVE_UPDATE)).isTrue();
        assertThat(user.cascades(Cascade.DELETE)).isFalse();
        assertThat(user.cascades(Cascade.ALL)).isFalse();
    }

    @Entity(table = "rm_cascade_parents")
    static class CascadeParent {
        @Id Integer id;

        @Relationship(cascade = {})
        final ToMany<NoCascadeChild> none = ToMany.of(this);

        @Relationship(cascade = {Cascade.ALL, Cascade.SAVE_UPDATE, Cascade.ALL})
        final WriteOnly<RepeatedCascadeChild> repeated = WriteOnly.of(this);

        @Relationship(cascade = {Cascade.SAVE_UPDATE, Cascade.MERGE, Cascade.DELETE})
        final ToMany<SpelledOutCascadeChild> spelledOut = ToMany.of(this);
    }

    @Entity(table = "rm_no_cascade_children")
    static class NoCascadeChild {
        @Id Integer id;
        @ForeignKey(entity = CascadeParent.class) Integer parentId;
    }

    @Entity(table = "rm_repeated_cascade_children")
    static class RepeatedCascadeChild {
        @Id Integer id;
        @ForeignKey(entity = CascadeParent.class) Integer parentId;
    }

    @Entity(table = "rm_spelled_cascade_children")
    static class SpelledOutCascadeChild {
        @Id Integer id;
        @ForeignKey(entity = CascadeParent.class) Integer parentId;
    }

    @Test
    void noCascadesRepeatedCascadesAndAllSpelledOut() {
        Mapping mapping = Mapping.of(CascadeParent.class);
        Relation<CascadeParent, ?> none = relation(mapping, CascadeParent.class, "none");
        Relation<CascadeParent, ?> repeated = relation(mapping, CascadeParent.class, "repeated");
        Relation<CascadeParent, ?> spelledOut = relation(mapping, CascadeParent.class, "spelledOut");

        assertThat(none.cascade()).isEmpty();
        assertThat(none.cascades(Cascade.SAVE_UPDATE)).isFalse();
        assertThat(repeated.cascade()).containsExactlyInAnyOrder(Cascade.SAVE_UPDATE, Cascade.MERGE, Cascade.DELETE);
        assertThat(repeated.isWriteOnly()).isTrue();
        assertThat(repeated.isCollection()).isTrue();
        assertThat(repeated.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(spelledOut.cascades(Cascade.ALL)).isTrue();
        assertThat(spelledOut.cascade()).doesNotContain(Cascade.ALL);
    }

    // backPopulates on one side only: the other side is linked as its inverse

    @Entity(table = "rm_authors")
    static class Author {
        @Id Integer id;

        @Relationship(backPopulates = "author")
        final ToMany<Book> books = ToMany.of(this);
    }

    @Entity(table = "rm_books")
    static class Book {
        @Id Integer id;
        @ForeignKey(entity = Author.class) Integer authorId;

        final ToOne<Author> author = ToOne.of(this);
    }

    @Entity(table = "rm_blogs")
    static class Blog {
        @Id Integer id;

        final ToMany<Entry> entries = ToMany.of(this);
    }

    @Entity(table = "rm_entries")
    static class Entry {
        @Id Integer id;
        @ForeignKey(entity = Blog.class) Integer blogId;

        @Relationship(backPopulates = "entries")
        final ToOne<Blog> blog = ToOne.of(this);
    }

    @Entity(table = "rm_loners")
    static class Loner {
        @Id Integer id;
        @ForeignKey(entity = Blog.class) Integer blogId;

        final ToOne<Blog> blog = ToOne.of(this);
    }

    @Test
    void backPopulatesOnOneSideLinksBothInverses() {
        Mapping authors = Mapping.of(Author.class);
        Relation<Author, ?> books = relation(authors, Author.class, "books");
        Relation<Book, ?> author = relation(authors, Book.class, "author");
        assertThat(books.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(author.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(inverse(books)).isSameAs(author);
        assertThat(inverse(author)).isSameAs(books);

        Mapping blogs = Mapping.of(Entry.class, Loner.class);
        Relation<Blog, ?> entries = relation(blogs, Blog.class, "entries");
        Relation<Entry, ?> blog = relation(blogs, Entry.class, "blog");
        assertThat(entries.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(names(entries.remoteAttributes())).containsExactly("blogId");
        assertThat(inverse(blog)).isSameAs(entries);
        assertThat(inverse(entries)).isSameAs(blog);

        Relation<Loner, ?> lonerBlog = relation(blogs, Loner.class, "blog");
        assertThat(lonerBlog.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(lonerBlog.inverse()).isEmpty();
        assertThat(lonerBlog.cascade()).containsExactlyInAnyOrder(Cascade.SAVE_UPDATE, Cascade.MERGE);
        assertThat(lonerBlog.loading()).isEqualTo(Loading.RAISE);
    }

    // ---- one-to-one -----------------------------------------------------------------------------

    @Entity(table = "rm_people")
    static class Person {
        @Id Long id;

        @Relationship(backPopulates = "person", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}, loading = Loading.JOINED)
        final ToOne<Passport> passport = ToOne.of(this);
    }

    @Entity(table = "rm_passports")
    static class Passport {
        @Id Long id;
        @ForeignKey(entity = Person.class) Long personId;

        @Relationship(backPopulates = "passport", loading = Loading.SELECTIN)
        final ToOne<Person> person = ToOne.of(this);
    }

    @Test
    void oneToOneFromBothSidesWithTheForeignKeyOnTheTarget() {
        Mapping mapping = Mapping.of(Person.class);
        Relation<Person, ?> passport = relation(mapping, Person.class, "passport");
        Relation<Passport, ?> person = relation(mapping, Passport.class, "person");

        assertThat(passport.kind()).isEqualTo(Kind.ONE_TO_ONE);
        assertThat(passport.isCollection()).isFalse();
        assertThat(names(passport.localAttributes())).containsExactly("id");
        assertThat(names(passport.remoteAttributes())).containsExactly("personId");
        assertThat(passport.loading()).isEqualTo(Loading.JOINED);
        assertThat(passport.cascades(Cascade.DELETE_ORPHAN)).isTrue();

        assertThat(person.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(names(person.localAttributes())).containsExactly("personId");
        assertThat(names(person.remoteAttributes())).containsExactly("id");
        assertThat(person.loading()).isEqualTo(Loading.SELECTIN);

        assertThat(inverse(passport)).isSameAs(person);
        assertThat(inverse(person)).isSameAs(passport);
    }

    // ---- many-to-many ---------------------------------------------------------------------------

    @Entity(table = "rm_articles")
    static class Article {
        @Id @GeneratedValue Long id;

        @Relationship(secondary = "rm_article_labels", backPopulates = "articles", orderBy = "name")
        final ToMany<Label> labels = ToMany.of(this);
    }

    @Entity(table = "rm_labels")
    static class Label {
        @Id @Column(length = 30) String name;

        @Relationship(secondary = "rm_article_labels", backPopulates = "labels")
        final ToMany<Article> articles = ToMany.of(this);
    }

    @Test
    void manyToManyCreatesItsSecondaryTable() {
        Mapping mapping = Mapping.of(Article.class);
        Relation<Article, ?> labels = relation(mapping, Article.class, "labels");
        Relation<Label, ?> articles = relation(mapping, Label.class, "articles");

        assertThat(mapping.tables()).extracting(Table::name).containsExactly("rm_articles", "rm_labels", "rm_article_labels");
        Table secondary = mapping.metadata().get("rm_article_labels").orElseThrow();
        assertThat(labels.secondary()).containsSame(secondary);
        assertThat(articles.secondary()).containsSame(secondary);

        assertThat(labels.kind()).isEqualTo(Kind.MANY_TO_MANY);
        assertThat(labels.isCollection()).isTrue();
        assertThat(names(labels.localAttributes())).containsExactly("id");
        assertThat(names(labels.remoteAttributes())).containsExactly("name");
        assertThat(labels.secondaryLocalColumns()).containsExactly(secondary.c("article_id"));
        assertThat(labels.secondaryRemoteColumns()).containsExactly(secondary.c("label_name"));
        assertThat(labels.orderBy()).extracting(Ordering::expression)
                .containsExactly(mapping.mapper(Label.class).attribute("name").column());

        assertThat(articles.kind()).isEqualTo(Kind.MANY_TO_MANY);
        assertThat(names(articles.localAttributes())).containsExactly("name");
        assertThat(names(articles.remoteAttributes())).containsExactly("id");
        assertThat(articles.secondaryLocalColumns()).containsExactly(secondary.c("label_name"));
        assertThat(articles.secondaryRemoteColumns()).containsExactly(secondary.c("article_id"));

        assertThat(inverse(labels)).isSameAs(articles);
        assertThat(inverse(articles)).isSameAs(labels);
        assertThat(mapping.metadata().creationOrder(mapping.tables()).tables()).extracting(Table::name)
                .endsWith("rm_article_labels");
    }

    @Test
    void theCreatedSecondaryTableHasBothKeysAsPrimaryKeyAndCascadingForeignKeys() {
        Table secondary = Mapping.of(Label.class).metadata().get("rm_article_labels").orElseThrow();

        assertThat(MARIADB.ddlCompiler().createTable(secondary, List.of())).isEqualTo("CREATE TABLE rm_article_labels (\n"
                + "\tarticle_id BIGINT NOT NULL,\n"
                + "\tlabel_name VARCHAR(30) NOT NULL,\n"
                + "\tPRIMARY KEY (article_id, label_name),\n"
                + "\tCONSTRAINT fk_rm_article_labels_article_id_rm_articles FOREIGN KEY (article_id) REFERENCES rm_articles (id)"
                + " ON DELETE CASCADE,\n"
                + "\tCONSTRAINT fk_rm_article_labels_label_name_rm_labels FOREIGN KEY (label_name) REFERENCES rm_labels (name)"
                + " ON DELETE CASCADE\n"
                + ")");
    }

    @Entity(table = "rm_students")
    static class Student {
        @Id Long id;

        @Relationship(secondary = "rm_enrollments", backPopulates = "students")
        final ToMany<Course> courses = ToMany.of(this);
    }

    @Entity(table = "rm_courses")
    static class Course {
        @Id @Column(length = 12) String code;

        @Relationship(secondary = "rm_enrollments", backPopulates = "courses")
        final WriteOnly<Student> students = WriteOnly.of(this);
    }

    @Entity(table = "rm_enrollments")
    static class Enrollment {
        @Id @ForeignKey(entity = Course.class) @Column(name = "course", length = 12) String courseCode;
        @Id @ForeignKey(entity = Student.class) @Column(name = "student") Long studentId;
        LocalDateTime enrolledAt;
    }

    @Test
    void manyToManyThroughATableMappedByAnEntity() {
        Mapping mapping = Mapping.of(Student.class, Course.class, Enrollment.class);
        Table enrollments = mapping.mapper(Enrollment.class).table();
        Relation<Student, ?> courses = relation(mapping, Student.class, "courses");
        Relation<Course, ?> students = relation(mapping, Course.class, "students");

        assertThat(mapping.tables()).containsExactly(mapping.mapper(Student.class).table(), mapping.mapper(Course.class).table(),
                enrollments);
        assertThat(courses.kind()).isEqualTo(Kind.MANY_TO_MANY);
        assertThat(courses.secondary()).containsSame(enrollments);
        assertThat(names(courses.localAttributes())).containsExactly("id");
        assertThat(names(courses.remoteAttributes())).containsExactly("code");
        assertThat(courses.secondaryLocalColumns()).containsExactly(enrollments.c("student"));
        assertThat(courses.secondaryRemoteColumns()).containsExactly(enrollments.c("course"));

        assertThat(students.kind()).isEqualTo(Kind.MANY_TO_MANY);
        assertThat(students.isWriteOnly()).isTrue();
        assertThat(students.secondary()).containsSame(enrollments);
        assertThat(students.secondaryLocalColumns()).containsExactly(enrollments.c("course"));
        assertThat(students.secondaryRemoteColumns()).containsExactly(enrollments.c("student"));
        assertThat(inverse(courses)).isSameAs(students);
        assertThat(inverse(students)).isSameAs(courses);
    }

    // ---- self-referential (adjacency list) -------------------------------------------------------

    @Entity(table = "rm_nodes")
    static class Node {
        @Id Integer id;
        @ForeignKey(entity = Node.class) Integer parentId;

        @Relationship(backPopulates = "children")
        final ToOne<Node> parent = ToOne.of(this);

        @Relationship(backPopulates = "parent", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}, orderBy = "id DESC")
        final ToMany<Node> children = ToMany.of(this);
    }

    @Test
    void adjacencyListParentAndChildrenOnOneClass() {
        Mapping mapping = Mapping.of(Node.class);
        Relation<Node, ?> parent = relation(mapping, Node.class, "parent");
        Relation<Node, ?> children = relation(mapping, Node.class, "children");

        assertThat(mapping.tables()).extracting(Table::name).containsExactly("rm_nodes");
        assertThat(parent.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(names(parent.localAttributes())).containsExactly("parentId");
        assertThat(names(parent.remoteAttributes())).containsExactly("id");
        assertThat(children.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(names(children.localAttributes())).containsExactly("id");
        assertThat(names(children.remoteAttributes())).containsExactly("parentId");
        assertThat(children.orderBy()).singleElement().extracting(Ordering::descending).isEqualTo(true);
        assertThat(inverse(parent)).isSameAs(children);
        assertThat(inverse(children)).isSameAs(parent);
        assertThat(parent.owner()).isSameAs(parent.target());
    }

    // ---- composite foreign keys -------------------------------------------------------------------

    @Entity(table = "rm_warehouses")
    static class Warehouse {
        @Id @Column(length = 2) String country;
        @Id Integer number;

        @Relationship(backPopulates = "warehouse")
        final ToMany<Bin> bins = ToMany.of(this);
    }

    @Entity(table = "rm_bins")
    static class Bin {
        @Id Integer id;
        @ForeignKey(target = "rm_warehouses.country") @Column(length = 2) String warehouseCountry;
        @ForeignKey(target = "rm_warehouses.number") Integer warehouseNumber;

        @Relationship(backPopulates = "bins")
        final ToOne<Warehouse> warehouse = ToOne.of(this);
    }

    @Test
    void compositeForeignKeyJoinsOnEveryColumnPair() {
        Mapping mapping = Mapping.of(Bin.class);
        Relation<Bin, ?> warehouse = relation(mapping, Bin.class, "warehouse");
        Relation<Warehouse, ?> bins = relation(mapping, Warehouse.class, "bins");

        assertThat(warehouse.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(names(warehouse.localAttributes())).containsExactly("warehouseCountry", "warehouseNumber");
        assertThat(names(warehouse.remoteAttributes())).containsExactly("country", "number");
        assertThat(warehouse.remoteAttributes()).isEqualTo(mapping.mapper(Warehouse.class).primaryKey());
        assertThat(bins.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(names(bins.localAttributes())).containsExactly("country", "number");
        assertThat(names(bins.remoteAttributes())).containsExactly("warehouseCountry", "warehouseNumber");
        assertThat(inverse(bins)).isSameAs(warehouse);
    }

    @Test
    void compositeForeignKeyFieldsAreOneConstraint() {
        Table bins = Mapping.of(Bin.class).mapper(Bin.class).table();

        assertThat(MARIADB.ddlCompiler().createTable(bins, List.of())).isEqualTo("CREATE TABLE rm_bins (\n"
                + "\tid INTEGER NOT NULL,\n"
                + "\twarehouse_country VARCHAR(2),\n"
                + "\twarehouse_number INTEGER,\n"
                + "\tPRIMARY KEY (id),\n"
                + "\tCONSTRAINT fk_rm_bins_warehouse_country_warehouse_number_rm_warehouses FOREIGN KEY (warehouse_country,"
                + " warehouse_number) REFERENCES rm_warehouses (country, number)\n"
                + ")");
    }

    @Entity(table = "rm_e_pallet_sites")
    static class PalletSite {
        @Id Integer area;
        @Id Integer row;
    }

    @Entity(table = "rm_e_pallets")
    static class Pallet {
        @Id Integer id;
        @ForeignKey(target = "rm_e_pallet_sites.area", onDelete = ReferentialAction.CASCADE) Integer siteArea;
        @ForeignKey(target = "rm_e_pallet_sites.row") Integer siteRow;
    }

    @Test
    void compositeForeignKeyFieldsWithDifferentOnDelete() {
        assertFails(() -> Mapping.of(Pallet.class, PalletSite.class), PREFIX + "Pallet: the foreign-key fields [siteArea, siteRow]"
                + " refer together to the primary key of rm_e_pallet_sites but give different onDelete actions");
        assertThat(Registry.lookup(PalletSite.class)).isNull();
    }

    // ---- association object -----------------------------------------------------------------------

    @Entity(table = "rm_orders")
    static class Order {
        @Id Long id;

        @Relationship(backPopulates = "order", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToMany<OrderLine> lines = ToMany.of(this);
    }

    @Entity(table = "rm_items")
    static class Item {
        @Id Long id;

        @Relationship(backPopulates = "item")
        final ToMany<OrderLine> orderLines = ToMany.of(this);
    }

    @Entity(table = "rm_order_lines")
    static class OrderLine {
        @Id @ForeignKey(entity = Order.class) Long orderId;
        @Id @ForeignKey(entity = Item.class) Long itemId;
        int quantity;

        @Relationship(backPopulates = "lines")
        final ToOne<Order> order = ToOne.of(this);

        @Relationship(backPopulates = "orderLines")
        final ToOne<Item> item = ToOne.of(this);
    }

    @Test
    void associationObjectWithTwoManyToOnesAndACollectionOnEachEnd() {
        Mapping mapping = Mapping.of(Order.class, Item.class);
        Relation<OrderLine, ?> order = relation(mapping, OrderLine.class, "order");
        Relation<OrderLine, ?> item = relation(mapping, OrderLine.class, "item");
        Relation<Order, ?> lines = relation(mapping, Order.class, "lines");
        Relation<Item, ?> orderLines = relation(mapping, Item.class, "orderLines");

        assertThat(mapping.tables()).extracting(Table::name).containsExactly("rm_orders", "rm_items", "rm_order_lines");
        assertThat(mapping.mapper(OrderLine.class).primaryKey()).extracting(Attribute::name).containsExactly("orderId", "itemId");
        assertThat(order.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(names(order.localAttributes())).containsExactly("orderId");
        assertThat(names(order.remoteAttributes())).containsExactly("id");
        assertThat(item.kind()).isEqualTo(Kind.MANY_TO_ONE);
        assertThat(names(item.localAttributes())).containsExactly("itemId");
        assertThat(names(item.remoteAttributes())).containsExactly("id");
        assertThat(lines.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(names(lines.localAttributes())).containsExactly("id");
        assertThat(names(lines.remoteAttributes())).containsExactly("orderId");
        assertThat(orderLines.kind()).isEqualTo(Kind.ONE_TO_MANY);
        assertThat(names(orderLines.remoteAttributes())).containsExactly("itemId");
        assertThat(inverse(order)).isSameAs(lines);
        assertThat(inverse(item)).isSameAs(orderLines);
        assertThat(inverse(lines)).isSameAs(order);
        assertThat(inverse(orderLines)).isSameAs(item);
        assertThat(lines.secondary()).isEmpty();
    }

    // ---- foreignKey chooses among several ----------------------------------------------------------

    @Entity(table = "rm_accounts")
    static class Account {
        @Id Integer id;

        @Relationship(foreignKey = "senderId", backPopulates = "sender")
        final ToMany<Transfer> sent = ToMany.of(this);

        @Relationship(foreignKey = "receiverId", backPopulates = "receiver")
        final ToMany<Transfer> received = ToMany.of(this);
    }

    @Entity(table = "rm_transfers")
    static class Transfer {
        @Id Integer id;
        @ForeignKey(entity = Account.class) Integer senderId;
        @ForeignKey(entity = Account.class) Integer receiverId;

        @Relationship(foreignKey = "senderId", backPopulates = "sent")
        final ToOne<Account> sender = ToOne.of(this);

        @Relationship(foreignKey = "receiverId", backPopulates = "received")
        final ToOne<Account> receiver = ToOne.of(this);
    }

    @Test
    void foreignKeyNamesTheJoinWhenThereAreSeveral() {
        Mapping mapping = Mapping.of(Account.class);

        assertThat(names(relation(mapping, Account.class, "sent").remoteAttributes())).containsExactly("senderId");
        assertThat(names(relation(mapping, Account.class, "received").remoteAttributes())).containsExactly("receiverId");
        assertThat(names(relation(mapping, Transfer.class, "sender").localAttributes())).containsExactly("senderId");
        assertThat(names(relation(mapping, Transfer.class, "receiver").localAttributes())).containsExactly("receiverId");
        assertThat(inverse(relation(mapping, Account.class, "received")))
                .isSameAs(relation(mapping, Transfer.class, "receiver"));
    }

    @Entity(table = "rm_spouses")
    static class Spouse {
        @Id Integer id;
        @ForeignKey(entity = Household.class) Integer householdId;
    }

    @Entity(table = "rm_households")
    static class Household {
        @Id Integer id;

        @Relationship(foreignKey = "householdId")
        final ToOne<Spouse> head = ToOne.of(this);
    }

    @Test
    void aToOneNamingTheTargetsForeignKeyIsOneToOne() {
        Relation<Household, ?> head = relation(Mapping.of(Household.class), Household.class, "head");

        assertThat(head.kind()).isEqualTo(Kind.ONE_TO_ONE);
        assertThat(names(head.localAttributes())).containsExactly("id");
        assertThat(names(head.remoteAttributes())).containsExactly("householdId");
    }

    // ---- errors: joins ----------------------------------------------------------------------------

    @Entity(table = "rm_e_strangers")
    static class Stranger {
        @Id Integer id;

        final ToMany<Unrelated> unrelated = ToMany.of(this);
    }

    @Entity(table = "rm_e_unrelated")
    static class Unrelated {
        @Id Integer id;

        final ToOne<Stranger> stranger = ToOne.of(this);
    }

    @Test
    void noForeignKeyBetweenTheClasses() {
        assertFails(() -> Mapping.of(Stranger.class), PREFIX + "Stranger.unrelated: no foreign key joins Stranger and Unrelated:"
                + " add @ForeignKey(entity = Stranger.class) to a field of Unrelated (one-to-many), or give secondary = \"…\""
                + " for many-to-many");
        assertFails(() -> Mapping.of(Unrelated.class), PREFIX + "Unrelated.stranger: no foreign key joins Unrelated and Stranger:"
                + " add @ForeignKey(entity = Unrelated.class) to a field of Stranger (one-to-one), or @ForeignKey(entity ="
                + " Stranger.class) to a field of Unrelated (many-to-one)");
        assertThat(Registry.lookup(Stranger.class)).isNull();
        assertThat(Registry.lookup(Unrelated.class)).isNull();
    }

    @Entity(table = "rm_e_editors")
    static class Editor {
        @Id Integer id;

        final ToMany<Draft> drafts = ToMany.of(this);
    }

    @Entity(table = "rm_e_drafts")
    static class Draft {
        @Id Integer id;
        @ForeignKey(entity = Editor.class) Integer writerId;
        @ForeignKey(entity = Editor.class) Integer reviewerId;
        String title;
    }

    @Entity(table = "rm_e_reviews")
    static class Review {
        @Id Integer id;
        @ForeignKey(entity = Editor.class) Integer writerId;
        @ForeignKey(entity = Editor.class) Integer reviewerId;

        final ToOne<Editor> writer = ToOne.of(this);
    }

    @Test
    void twoForeignKeysToOneTableNeedForeignKey() {
        assertFails(() -> Mapping.of(Editor.class), PREFIX + "Editor.drafts: Draft has more than one foreign key to rm_e_editors"
                + " ([writerId, reviewerId]); name the one this relationship uses with @Relationship(foreignKey = \"…\")");
        assertFails(() -> Mapping.of(Review.class), PREFIX + "Review.writer: Review has more than one foreign key to rm_e_editors"
                + " ([writerId, reviewerId]); name the one this relationship uses with @Relationship(foreignKey = \"…\")");
    }

    @Entity(table = "rm_e_fk_owners")
    static class FkOwner {
        @Id Integer id;

        @Relationship(foreignKey = "missing")
        final ToMany<FkChild> missing = ToMany.of(this);
    }

    @Entity(table = "rm_e_fk_owners2")
    static class FkOwnerNotForeignKey {
        @Id Integer id;

        @Relationship(foreignKey = "title")
        final ToMany<FkChild> byTitle = ToMany.of(this);
    }

    @Entity(table = "rm_e_fk_children")
    static class FkChild {
        @Id Integer id;
        @ForeignKey(entity = FkOwner.class) Integer ownerId;
        @ForeignKey(entity = FkOwnerNotForeignKey.class) Integer otherOwnerId;
        String title;
    }

    @Entity(table = "rm_e_fk_refs")
    static class FkRefMissing {
        @Id Integer id;
        @ForeignKey(entity = FkRefTarget.class) Integer targetId;

        @Relationship(foreignKey = "nowhere")
        final ToOne<FkRefTarget> target = ToOne.of(this);
    }

    @Entity(table = "rm_e_fk_refs2")
    static class FkRefNotForeignKey {
        @Id Integer id;
        @ForeignKey(entity = FkRefTarget.class) Integer targetId;
        Integer rank;

        @Relationship(foreignKey = "rank")
        final ToOne<FkRefTarget> target = ToOne.of(this);
    }

    @Entity(table = "rm_e_fk_ref_targets")
    static class FkRefTarget {
        @Id Integer id;
    }

    @Test
    void foreignKeyNamingAMissingOrNonForeignKeyField() {
        assertFails(() -> Mapping.of(FkOwner.class), PREFIX + "FkOwner.missing: foreignKey names 'missing', which is not a column"
                + " field of FkChild");
        assertFails(() -> Mapping.of(FkOwnerNotForeignKey.class), PREFIX + "FkOwnerNotForeignKey.byTitle: FkChild.title is not a"
                + " @ForeignKey to rm_e_fk_owners2");
        assertFails(() -> Mapping.of(FkRefMissing.class), PREFIX + "FkRefMissing.target: foreignKey [nowhere] names fields that are"
                + " not all column fields of FkRefMissing or all of FkRefTarget");
        assertFails(() -> Mapping.of(FkRefNotForeignKey.class), PREFIX + "FkRefNotForeignKey.target: FkRefNotForeignKey.rank is"
                + " not a @ForeignKey to rm_e_fk_ref_targets");
    }

    @Entity(table = "rm_e_members")
    static class Member2 {
        @Id Integer id;
        @Column(unique = true, length = 40) String email;
    }

    @Entity(table = "rm_e_notes")
    static class Note {
        @Id Integer id;
        @ForeignKey(target = "rm_e_members.id") Integer authorId;
        @ForeignKey(target = "rm_e_members.email") @Column(length = 40) String editorEmail;

        final ToOne<Member2> author = ToOne.of(this);
    }

    @Entity(table = "rm_e_memos")
    static class Memo {
        @Id Integer id;
        @ForeignKey(target = "rm_e_members.id") Integer authorId;
        @ForeignKey(target = "rm_e_members.email") @Column(length = 40) String editorEmail;

        @Relationship(foreignKey = "editorEmail")
        final ToOne<Member2> editor = ToOne.of(this);
    }

    @Test
    void foreignKeysToDifferentColumnsOfOneTableAreSeparateKeys() {
        assertFails(() -> Mapping.of(Note.class), PREFIX + "Note.author: Note has more than one foreign key to rm_e_members"
                + " ([authorId, editorEmail]); name the one this relationship uses with @Relationship(foreignKey = \"…\")");

        Relation<Memo, ?> editor = relation(Mapping.of(Memo.class), Memo.class, "editor");
        assertThat(names(editor.localAttributes())).containsExactly("editorEmail");
        assertThat(names(editor.remoteAttributes())).containsExactly("email");
    }

    @Entity(table = "rm_e_unmapped_refs")
    static class UnmappedColumnRef {
        @Id Integer id;
        @ForeignKey(target = "rm_e_fk_ref_targets.code") Integer targetCode;

        final ToOne<FkRefTarget> target = ToOne.of(this);
    }

    @Test
    void aForeignKeyToAColumnNoFieldMaps() {
        assertFails(() -> Mapping.of(UnmappedColumnRef.class), PREFIX + "UnmappedColumnRef.target: UnmappedColumnRef.targetCode"
                + " refers to rm_e_fk_ref_targets.code, which no field of FkRefTarget maps");
    }

    // ---- errors: backPopulates ----------------------------------------------------------------------

    @Entity(table = "rm_e_bp_parents")
    static class BpParent {
        @Id Integer id;

        @Relationship(backPopulates = "mother")
        final ToMany<BpChild> children = ToMany.of(this);
    }

    @Entity(table = "rm_e_bp_children")
    static class BpChild {
        @Id Integer id;
        @ForeignKey(entity = BpParent.class) Integer parentId;

        final ToOne<BpParent> parent = ToOne.of(this);
    }

    @Entity(table = "rm_e_bp_wrong_parents")
    static class BpWrongParent {
        @Id Integer id;

        @Relationship(backPopulates = "toy")
        final ToMany<BpWrongChild> children = ToMany.of(this);
    }

    @Entity(table = "rm_e_bp_wrong_children")
    static class BpWrongChild {
        @Id Integer id;
        @ForeignKey(entity = BpWrongParent.class) Integer parentId;
        @ForeignKey(entity = BpToy.class) Integer toyId;

        final ToOne<BpToy> toy = ToOne.of(this);
    }

    @Entity(table = "rm_e_bp_toys")
    static class BpToy {
        @Id Integer id;
    }

    @Entity(table = "rm_e_bp_teams")
    static class BpTeam {
        @Id Integer id;

        @Relationship(backPopulates = "team")
        final ToMany<BpPlayer> players = ToMany.of(this);

        @Relationship(backPopulates = "team")
        final ToMany<BpPlayer> substitutes = ToMany.of(this);
    }

    @Entity(table = "rm_e_bp_players")
    static class BpPlayer {
        @Id Integer id;
        @ForeignKey(entity = BpTeam.class) Integer teamId;

        @Relationship(backPopulates = "players")
        final ToOne<BpTeam> team = ToOne.of(this);
    }

    @Test
    void backPopulatesNamingAMissingFieldAFieldOfAnotherTargetOrAFieldPointingElsewhere() {
        assertFails(() -> Mapping.of(BpParent.class), PREFIX + "BpParent.children: backPopulates = \"mother\" but BpChild has no"
                + " relationship field of that name; it has [parent]");
        assertFails(() -> Mapping.of(BpWrongParent.class), PREFIX + "BpWrongParent.children: backPopulates = \"toy\" names"
                + " BpWrongChild.toy, which relates to BpToy, not BpWrongParent");
        assertFails(() -> Mapping.of(BpTeam.class), PREFIX + "BpTeam.substitutes: backPopulates = \"team\", but BpPlayer.team"
                + " back-populates \"players\"");
    }

    @Entity(table = "rm_e_bp_clubs")
    static class BpClub {
        @Id Integer id;

        @Relationship(backPopulates = "club")
        final ToMany<BpAthlete> athletes = ToMany.of(this);

        @Relationship(backPopulates = "club")
        final ToMany<BpAthlete> juniors = ToMany.of(this);
    }

    @Entity(table = "rm_e_bp_athletes")
    static class BpAthlete {
        @Id Integer id;
        @ForeignKey(entity = BpClub.class) Integer clubId;

        final ToOne<BpClub> club = ToOne.of(this);
    }

    @Test
    void twoRelationshipsBackPopulatingOneThatNamesNeither() {
        assertFails(() -> Mapping.of(BpClub.class), PREFIX + "BpClub.juniors: backPopulates = \"club\", but BpClub.athletes"
                + " back-populates BpAthlete.club too; one relationship field mirrors one other: remove backPopulates from one"
                + " of them");
        assertThat(Registry.lookup(BpAthlete.class)).isNull();
    }

    @Entity(table = "rm_e_bp_shops")
    static class BpShop {
        @Id Integer id;

        @Relationship(secondary = "rm_e_bp_shop_products", backPopulates = "shop")
        final ToMany<BpProduct> products = ToMany.of(this);
    }

    @Entity(table = "rm_e_bp_products")
    static class BpProduct {
        @Id Integer id;
        @ForeignKey(entity = BpShop.class) Integer shopId;

        final ToOne<BpShop> shop = ToOne.of(this);
    }

    @Entity(table = "rm_e_bp_senders")
    static class BpSender {
        @Id Integer id;

        @Relationship(foreignKey = "fromId", backPopulates = "to")
        final ToMany<BpLetter> sent = ToMany.of(this);
    }

    @Entity(table = "rm_e_bp_letters")
    static class BpLetter {
        @Id Integer id;
        @ForeignKey(entity = BpSender.class) Integer fromId;
        @ForeignKey(entity = BpSender.class) Integer toId;

        @Relationship(foreignKey = "toId")
        final ToOne<BpSender> to = ToOne.of(this);
    }

    @Test
    void backPopulatesPairingIncompatibleKindsOrJoins() {
        assertFails(() -> Mapping.of(BpShop.class), PREFIX + "BpShop.products: backPopulates = \"shop\" pairs a MANY_TO_MANY with"
                + " BpProduct.shop (MANY_TO_ONE joined by [shopId] = [id]); the two sides must use the same foreign key"
                + " (the same secondary table)");
        assertFails(() -> Mapping.of(BpSender.class), PREFIX + "BpSender.sent: backPopulates = \"to\" pairs a ONE_TO_MANY with"
                + " BpLetter.to (MANY_TO_ONE joined by [toId] = [id]); the two sides must use the same foreign key");
        assertThat(Registry.lookup(BpShop.class)).isNull();
        assertThat(Registry.lookup(BpProduct.class)).isNull();
    }

    // ---- errors: options that do not fit the kind -------------------------------------------------

    @Entity(table = "rm_e_opt_parents")
    static class OptParent {
        @Id Integer id;
    }

    @Entity(table = "rm_e_opt_secondary_to_one")
    static class ToOneWithSecondary {
        @Id Integer id;

        @Relationship(secondary = "rm_e_opt_links")
        final ToOne<OptParent> parent = ToOne.of(this);
    }

    @Entity(table = "rm_e_opt_fk_many_to_many")
    static class ForeignKeyOnManyToMany {
        @Id Integer id;
        @ForeignKey(entity = OptParent.class) Integer parentId;

        @Relationship(secondary = "rm_e_opt_links2", foreignKey = "parentId")
        final ToMany<OptParent> parents = ToMany.of(this);
    }

    @Entity(table = "rm_e_opt_orphan_many_to_one")
    static class OrphanManyToOne {
        @Id Integer id;
        @ForeignKey(entity = OptParent.class) Integer parentId;

        @Relationship(cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToOne<OptParent> parent = ToOne.of(this);
    }

    @Entity(table = "rm_e_opt_orphan_many_to_many")
    static class OrphanManyToMany {
        @Id Integer id;

        @Relationship(secondary = "rm_e_opt_links3", cascade = Cascade.DELETE_ORPHAN)
        final ToMany<OptParent> parents = ToMany.of(this);
    }

    @Entity(table = "rm_e_opt_write_only_parents")
    static class WriteOnlySelectin {
        @Id Integer id;

        @Relationship(loading = Loading.SELECTIN)
        final WriteOnly<WriteOnlyChild> children = WriteOnly.of(this);
    }

    @Entity(table = "rm_e_opt_write_only_children")
    static class WriteOnlyChild {
        @Id Integer id;
        @ForeignKey(entity = WriteOnlySelectin.class) Integer parentId;
        String name;
    }

    @Entity(table = "rm_e_opt_ordered_to_one")
    static class OrderedToOne {
        @Id Integer id;
        @ForeignKey(entity = OptParent.class) Integer parentId;

        @Relationship(orderBy = "id")
        final ToOne<OptParent> parent = ToOne.of(this);
    }

    @Entity(table = "rm_e_opt_unknown_order")
    static class UnknownOrder {
        @Id Integer id;

        @Relationship(orderBy = "nickname")
        final ToMany<UnknownOrderChild> children = ToMany.of(this);
    }

    @Entity(table = "rm_e_opt_bad_direction")
    static class BadDirection {
        @Id Integer id;

        @Relationship(orderBy = "name DOWN")
        final ToMany<UnknownOrderChild> children = ToMany.of(this);
    }

    @Entity(table = "rm_e_opt_order_children")
    static class UnknownOrderChild {
        @Id Integer id;
        @ForeignKey(entity = UnknownOrder.class) Integer unknownOrderId;
        @ForeignKey(entity = BadDirection.class) Integer badDirectionId;
        String name;
    }

    @Test
    void optionsThatDoNotFitTheRelationship() {
        assertFails(() -> Mapping.of(ToOneWithSecondary.class), PREFIX + "ToOneWithSecondary.parent: a ToOne cannot go through a"
                + " secondary table; declare a ToMany");
        assertFails(() -> Mapping.of(ForeignKeyOnManyToMany.class), PREFIX + "ForeignKeyOnManyToMany.parents: foreignKey does not"
                + " apply to a many-to-many relationship (the secondary table's foreign keys join it)");
        assertFails(() -> Mapping.of(OrphanManyToOne.class), PREFIX + "OrphanManyToOne.parent: DELETE_ORPHAN needs this object to"
                + " be the related objects' only parent: use it on a one-to-many or one-to-one relationship, not MANY_TO_ONE");
        assertFails(() -> Mapping.of(OrphanManyToMany.class), PREFIX + "OrphanManyToMany.parents: DELETE_ORPHAN needs this object"
                + " to be the related objects' only parent: use it on a one-to-many or one-to-one relationship, not MANY_TO_MANY");
        assertFails(() -> Mapping.of(WriteOnlySelectin.class), PREFIX + "WriteOnlySelectin.children: a WriteOnly collection never"
                + " loads; remove loading = SELECTIN");
        assertFails(() -> Mapping.of(OrderedToOne.class), PREFIX + "OrderedToOne.parent: orderBy is for collections (ToMany,"
                + " WriteOnly)");
        assertFails(() -> Mapping.of(UnknownOrder.class), PREFIX + "UnknownOrder.children: orderBy \"nickname\" is not a field of"
                + " UnknownOrderChild optionally followed by ASC or DESC; fields: [id, unknownOrderId, badDirectionId, name]");
        assertFails(() -> Mapping.of(BadDirection.class), PREFIX + "BadDirection.children: orderBy \"name DOWN\" is not a field of"
                + " UnknownOrderChild optionally followed by ASC or DESC; fields: [id, unknownOrderId, badDirectionId, name]");
        assertThat(Registry.lookup(OptParent.class)).isNull();
    }

    @Entity(table = "rm_e_friends")
    static class Friend {
        @Id Integer id;

        @Relationship(secondary = "rm_e_friendships")
        final ToMany<Friend> friends = ToMany.of(this);
    }

    @Test
    void selfReferentialManyToMany() {
        assertFails(() -> Mapping.of(Friend.class), PREFIX + "Friend.friends: a self-referential many-to-many cannot tell its"
                + " secondary table's two foreign keys apart; map the association as an entity with two ToOne relationships"
                + " (association object)");
    }

    @Entity(table = "rm_e_painters")
    static class Painter {
        @Id Integer id;

        @Relationship(secondary = "rm_e_shared_links")
        final ToMany<Painting> paintings = ToMany.of(this);
    }

    @Entity(table = "rm_e_paintings")
    static class Painting {
        @Id Integer id;
    }

    @Entity(table = "rm_e_sculptors")
    static class Sculptor {
        @Id Integer id;

        @Relationship(secondary = "rm_e_shared_links")
        final ToMany<Sculpture> sculptures = ToMany.of(this);
    }

    @Entity(table = "rm_e_sculptures")
    static class Sculpture {
        @Id Integer id;
    }

    @Test
    void oneCreatedSecondaryTableForTwoPairsOfClasses() {
        assertFails(() -> Mapping.of(Painter.class, Sculptor.class), PREFIX + "Sculptor.sculptures: secondary table"
                + " 'rm_e_shared_links' is created for Painter.paintings between Painter and Painting; a created association"
                + " table links one pair of classes: name another table");
        assertThat(Registry.lookup(Painter.class)).isNull();
        assertThat(Registry.lookup(Sculptor.class)).isNull();
    }

    @Entity(table = "rm_e_shelves")
    static class Shelf {
        @Id Integer id;

        @Relationship(secondary = "rm_e_shelf_notes")
        final ToMany<Volume> volumes = ToMany.of(this);
    }

    @Entity(table = "rm_e_volumes")
    static class Volume {
        @Id Integer id;
    }

    @Entity(table = "rm_e_shelf_notes")
    static class ShelfNote {
        @Id Integer id;
        @ForeignKey(entity = Shelf.class) Integer shelfId;
        String text;
    }

    @Test
    void aMappedSecondaryTableWithoutForeignKeysToBothSides() {
        assertFails(() -> Mapping.of(Shelf.class, ShelfNote.class), PREFIX + "Shelf.volumes: secondary table 'rm_e_shelf_notes'"
                + " (mapped by ShelfNote) needs foreign keys to both rm_e_shelves and rm_e_volumes");
    }

    @Entity(table = "rm_core_tags")
    static class CoreTag {
        @Id Integer id;
    }

    @Entity(table = "rm_core_photos")
    static class Photo {
        @Id Long id;

        @Relationship(secondary = "rm_core_photo_tags")
        final ToMany<CoreTag> tags = ToMany.of(this);
    }

    @Entity(table = "rm_core_videos")
    static class Video {
        @Id Integer id;

        @Relationship(secondary = "rm_core_twice")
        final ToMany<CoreTag> tags = ToMany.of(this);
    }

    @Entity(table = "rm_core_sounds")
    static class Sound {
        @Id Integer id;

        @Relationship(secondary = "rm_core_unmapped")
        final ToMany<CoreTag> tags = ToMany.of(this);
    }

    @Test
    void aCoreTableOfTheMetadataAsSecondaryTable() {
        MetaData metadata = Mapping.of(CoreTag.class).metadata();
        Table photoTags = metadata.table("rm_core_photo_tags",
                Schema.column("tag", Types.INTEGER).references("rm_core_tags.id"),
                Schema.column("photo", Types.BIGINT).references("rm_core_photos.id"));
        metadata.table("rm_core_twice",
                Schema.column("video_id", Types.INTEGER).references("rm_core_videos.id"),
                Schema.column("tag_id", Types.INTEGER).references("rm_core_tags.id"),
                Schema.column("other_tag_id", Types.INTEGER).references("rm_core_tags.id"));
        metadata.table("rm_core_unmapped",
                Schema.column("sound_id", Types.INTEGER).references("rm_core_sounds.id"),
                Schema.column("tag_code", Types.STRING).references("rm_core_tags.code"));

        assertFails(() -> Mapping.of(Video.class, CoreTag.class), PREFIX + "Video.tags: secondary table 'rm_core_twice' needs"
                + " exactly one foreign key to rm_core_tags; it has 2");
        assertFails(() -> Mapping.of(Sound.class, CoreTag.class), PREFIX + "Sound.tags: the secondary table refers to"
                + " rm_core_tags.code, which no field of CoreTag maps");

        Mapping mapping = Mapping.of(Photo.class, CoreTag.class);
        Relation<Photo, ?> tags = relation(mapping, Photo.class, "tags");
        assertThat(mapping.metadata()).isSameAs(metadata);
        assertThat(tags.kind()).isEqualTo(Kind.MANY_TO_MANY);
        assertThat(tags.secondary()).containsSame(photoTags);
        assertThat(tags.secondaryLocalColumns()).containsExactly(photoTags.c("photo"));
        assertThat(tags.secondaryRemoteColumns()).containsExactly(photoTags.c("tag"));
        assertThat(names(tags.remoteAttributes())).containsExactly("id");
        assertThat(mapping.tables()).containsExactly(mapping.mapper(Photo.class).table(), mapping.mapper(CoreTag.class).table(),
                photoTags);
    }

    // ---- errors: the field itself -------------------------------------------------------------------

    @Entity(table = "rm_e_list_owners")
    static class ListField {
        @Id Integer id;

        @Relationship
        List<Post> posts;
    }

    @Entity(table = "rm_e_raw_owners")
    @SuppressWarnings("rawtypes")
    static class RawToMany {
        @Id Integer id;

        final ToMany posts = ToMany.of(this);
    }

    @Entity(table = "rm_e_wildcard_owners")
    static class WildcardToOne {
        @Id Integer id;

        final ToOne<?> post = ToOne.of(this);
    }

    static class NotAnEntity {
        Integer id;
    }

    @Entity(table = "rm_e_not_entity_owners")
    static class TargetNotEntity {
        @Id Integer id;

        final ToMany<NotAnEntity> things = ToMany.of(this);
    }

    @Entity(table = "rm_e_column_owners")
    static class ColumnOnRelationship {
        @Id Integer id;

        @Column(name = "posts")
        final ToMany<Post> posts = ToMany.of(this);
    }

    @Entity(table = "rm_e_fk_on_relationship")
    static class ForeignKeyOnRelationship {
        @Id Integer id;

        @ForeignKey(entity = User.class)
        final ToOne<User> user = ToOne.of(this);
    }

    @Test
    void relationshipFieldsThatCannotBeMapped() {
        assertFails(() -> Mapping.of(ListField.class), PREFIX + "ListField.posts: @Relationship needs a ToOne, ToMany or WriteOnly"
                + " field, not List (e.g. `final ToMany<Post> posts = ToMany.of(this)`)");
        assertFails(() -> Mapping.of(RawToMany.class), PREFIX + "RawToMany.posts: a relationship field needs its target class as"
                + " type argument, e.g. ToMany<Post>");
        assertFails(() -> Mapping.of(WildcardToOne.class), PREFIX + "WildcardToOne.post: a relationship field needs its target"
                + " class as type argument, e.g. ToOne<Post>");
        assertFails(() -> Mapping.of(TargetNotEntity.class), PREFIX + "TargetNotEntity.things: its target"
                + " dev.retort.orm.mapping.RelationshipMappingTest$NotAnEntity is not an @Entity");
        String notAColumn = ": a relationship field is not a column; put @Column, @Id and @ForeignKey on the foreign-key field"
                + " and name it in @Relationship(foreignKey = …) if needed";
        assertFails(() -> Mapping.of(ColumnOnRelationship.class), PREFIX + "ColumnOnRelationship.posts" + notAColumn);
        assertFails(() -> Mapping.of(ForeignKeyOnRelationship.class), PREFIX + "ForeignKeyOnRelationship.user" + notAColumn);
    }

    // ---- a failed mapping registers nothing ----------------------------------------------------------

    @Entity(table = "rm_f_teams")
    static class FailingTeam {
        @Id Integer id;

        @Relationship(secondary = "rm_f_team_members", backPopulates = "teams")
        final ToMany<FailingMember> members = ToMany.of(this);
    }

    @Entity(table = "rm_f_members")
    static class FailingMember {
        @Id Integer id;

        @Relationship(secondary = "rm_f_team_members", backPopulates = "groups")
        final ToMany<FailingTeam> teams = ToMany.of(this);
    }

    @Entity(table = "rm_f_teams")
    static class Team {
        @Id Integer id;

        @Relationship(secondary = "rm_f_team_members", backPopulates = "teams")
        final ToMany<Member> members = ToMany.of(this);
    }

    @Entity(table = "rm_f_members")
    static class Member {
        @Id Integer id;

        @Relationship(secondary = "rm_f_team_members", backPopulates = "members")
        final ToMany<Team> teams = ToMany.of(this);
    }

    @Test
    void aFailedMappingRegistersNothingAndCreatesNoSecondaryTable() {
        assertFails(() -> Mapping.of(FailingTeam.class), PREFIX + "FailingTeam.members: backPopulates = \"teams\", but"
                + " FailingMember.teams back-populates \"groups\"");
        assertThat(Registry.lookup(FailingTeam.class)).isNull();
        assertThat(Registry.lookup(FailingMember.class)).isNull();

        Mapping mapping = Mapping.of(Team.class);
        assertThat(mapping.tables()).extracting(Table::name).containsExactly("rm_f_teams", "rm_f_members", "rm_f_team_members");
        assertThat(mapping.metadata().tables()).extracting(Table::name)
                .containsExactlyInAnyOrder("rm_f_teams", "rm_f_members", "rm_f_team_members");
        assertThat(inverse(relation(mapping, Team.class, "members"))).isSameAs(relation(mapping, Member.class, "teams"));
        assertThat(Set.copyOf(mapping.mappers())).extracting(m -> (Object) m.entityClass())
                .containsExactlyInAnyOrder(Team.class, Member.class);
    }
}
