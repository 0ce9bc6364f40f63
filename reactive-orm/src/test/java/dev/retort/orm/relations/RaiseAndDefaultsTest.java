package dev.retort.orm.relations;

import static dev.retort.orm.Orm.raiseload;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static dev.retort.orm.relations.LoadModels.AUTHOR_BOOKS;
import static dev.retort.orm.relations.LoadModels.BOOK_AUTHOR;
import static dev.retort.orm.relations.LoadModels.BOOK_CHAPTERS;
import static dev.retort.orm.relations.LoadModels.PUBLISHER_BOOKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.relations.LoadModels.Author;
import dev.retort.orm.relations.LoadModels.Book;
import dev.retort.orm.relations.LoadModels.Chapter;
import dev.retort.orm.relations.LoadModels.Publisher;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading what is not loaded raises; {@code loading = SELECTIN/JOINED} defaults and {@code raiseload} overrides. */
@DatabaseTest
@Timeout(60) // mutual eager defaults must terminate
class RaiseAndDefaultsTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Column<Long> AUTHOR_ID = Metamodel.column(Author.class, "id");
    static final Column<Long> BOOK_ID = Metamodel.column(Book.class, "id");

    static final String BOOKS_OF_AUTHORS = "SELECT ld_books.id, ld_books.author_id, ld_books.publisher_id, ld_books.title,"
            + " ld_publishers_1.id, ld_publishers_1.name FROM ld_books LEFT OUTER JOIN ld_publishers AS ld_publishers_1"
            + " ON ld_publishers_1.id = ld_books.publisher_id WHERE ld_books.author_id IN ";
    static final String CHAPTERS_OF_BOOKS = "SELECT ld_chapters.id, ld_chapters.book_id, ld_chapters.number FROM ld_chapters"
            + " WHERE ld_chapters.book_id IN ";

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory blog;
    private final SessionFactory library;

    RaiseAndDefaultsTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        blog = SessionFactory.of(log.engine(), Blog.MAPPING);
        library = SessionFactory.of(log.engine(), LoadModels.DEFAULTS);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Blog.MAPPING.createAll(db.engine()).block();
        LoadModels.DEFAULTS.createAll(db.engine()).block();
    }

    @BeforeEach
    void seed() {
        Blog.seed(engine, 2, 2, 1);
        LoadModels.seedLibrary(engine);
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
    }

    // ---- raise ---------------------------------------------------------------------------------------

    @Test
    void readingAnUnloadedCollectionRaisesNamingTheAttributeAndTheFix() {
        User user = blog.withSession(s -> s.get(User.class, 1L)).block();

        assertThat(user.posts.isLoaded()).isFalse();
        assertThatThrownBy(user.posts::size).isInstanceOf(NotLoadedException.class)
                .hasMessageContaining("User.posts is not loaded")
                // Blog.User is a nested class: its generated metamodel is Blog_User_ (the top-level case is in naming/)
                .hasMessageContaining("selectinload(Blog_User_.POSTS)")
                .hasMessageContaining("joinedload(Blog_User_.POSTS)")
                .hasMessageContaining("session.load(user, Blog_User_.POSTS)");
        assertThat(Blog_User_.POSTS).isSameAs(POSTS);
        assertThatThrownBy(() -> user.posts.iterator().next()).isInstanceOf(NotLoadedException.class);
        assertThatThrownBy(() -> user.posts.add(new Post("new"))).isInstanceOf(NotLoadedException.class);
        assertThatThrownBy(user.posts::isEmpty).isInstanceOf(NotLoadedException.class);
        assertThat(user.posts.toString()).isEqualTo("[not loaded: User.posts]");
    }

    @Test
    void readingAnUnloadedToOneRaises() {
        // the post's user is not in the session: nothing to fill it from without a statement
        Post post = blog.withSession(s -> s.get(Post.class, 100L)).block();

        assertThatThrownBy(post.user::get).isInstanceOf(NotLoadedException.class)
                .hasMessageContaining("Post.user is not loaded")
                .hasMessageContaining("selectinload(Blog_Post_.USER)");
        assertThat(post.user.isLoaded()).isFalse();
    }

    @Test
    void aLaterQueryDoesNotLoadWhatItWasNotAskedFor() {
        List<Boolean> loaded = blog.withSession(s -> s.get(User.class, 1L)
                .flatMap(user -> s.execute(select(User.class)).all().map(all -> List.of(all.contains(user), user.posts.isLoaded()))))
                .block();
        assertThat(loaded).containsExactly(true, false);
    }

    // ---- defaults ---------------------------------------------------------------------------------------

    private static void assertLibrary(List<Author> authors) {
        assertThat(authors).extracting(author -> author.name).containsExactly("ann", "ben", "cy");
        Author ann = authors.get(0);
        assertThat(ann.books).extracting(book -> book.title).containsExactly("x", "y");
        assertThat(ann.books).extracting(book -> book.publisher.get().name).containsExactly("penguin", "vintage");
        assertThat(ann.books.get(0).chapters).extracting(chapter -> chapter.number).containsExactly(1, 2);
        assertThat(ann.books.get(1).chapters).extracting(chapter -> chapter.number).containsExactly(1);
        assertThat(ann.books.get(0).author.get()).isSameAs(ann);
        assertThat(authors.get(1).books.get(0).chapters).isEmpty();
        assertThat(authors.get(2).books).isEmpty();
        // penguin publishes books of ann and ben: one instance
        assertThat(authors.get(1).books.get(0).publisher.get()).isSameAs(ann.books.get(0).publisher.get());
    }

    @Test
    void selectinAndJoinedDefaultsApplyToAPlainQuery() {
        List<Author> authors = library.withSession(s -> s.execute(select(Author.class).orderBy(AUTHOR_ID)).all()).block();

        assertLibrary(authors);
        // authors; their books with the JOINED publisher in the same statement; the books' chapters. Book.author is
        // the way back (filled from the loaded authors), so the mutual SELECTIN defaults stop there
        assertThat(log.statements("SELECT")).containsExactly(
                "SELECT ld_authors.id, ld_authors.name FROM ld_authors ORDER BY ld_authors.id",
                BOOKS_OF_AUTHORS + "(?, ?, ?) ORDER BY ld_books.id",
                CHAPTERS_OF_BOOKS + "(?, ?, ?) ORDER BY ld_chapters.number");
    }

    @Test
    void defaultsApplyToSessionGet() {
        Author ann = library.withSession(s -> s.get(Author.class, 1L)).block();
        assertThat(ann.books).extracting(book -> book.publisher.get().name).containsExactly("penguin", "vintage");
        assertThat(ann.books.get(0).chapters).hasSize(2);
        assertThat(log.statements("SELECT")).containsExactly(
                "SELECT ld_authors.id, ld_authors.name FROM ld_authors WHERE ld_authors.id = ?",
                BOOKS_OF_AUTHORS + "(?) ORDER BY ld_books.id",
                CHAPTERS_OF_BOOKS + "(?, ?) ORDER BY ld_chapters.number");

        log.clear();
        Book book = library.withSession(s -> s.get(Book.class, 10L)).block();
        assertThat(book.publisher.get().name).isEqualTo("penguin");
        assertThat(book.author.get().name).isEqualTo("ann");
        assertThat(book.chapters).extracting(chapter -> chapter.number).containsExactly(1, 2);
        // the JOINED default is in get's own statement
        assertThat(log.statements("SELECT")).containsExactly(
                "SELECT ld_books.id, ld_books.author_id, ld_books.publisher_id, ld_books.title, ld_publishers_1.id,"
                        + " ld_publishers_1.name FROM ld_books LEFT OUTER JOIN ld_publishers AS ld_publishers_1"
                        + " ON ld_publishers_1.id = ld_books.publisher_id WHERE ld_books.id = ?",
                "SELECT ld_authors.id, ld_authors.name FROM ld_authors WHERE ld_authors.id IN (?)",
                CHAPTERS_OF_BOOKS + "(?) ORDER BY ld_chapters.number");
    }

    @Test
    void mutualSelectinDefaultsTerminateFromEitherSide() {
        List<Book> books = library.withSession(s -> s.execute(select(Book.class).orderBy(BOOK_ID)).all()).block();
        assertThat(books).extracting(book -> book.author.get().name).containsExactly("ann", "ann", "ben");
        assertThat(books.get(1).author.get()).isSameAs(books.get(0).author.get());
        // from Book, Author.books is the way back: not loaded (as SQLAlchemy stops a default loader at a class already on the path)
        assertThat(books.get(0).author.get().books.isLoaded()).isFalse();
        assertThat(log.statements("SELECT")).hasSize(3);

        log.clear();
        Author ann = library.withSession(s -> s.get(Author.class, 1L)).block();
        assertThat(ann.books.get(0).author.get()).isSameAs(ann);
        assertThat(log.statements("SELECT")).hasSize(3);
    }

    @Test
    void raiseloadOverridesASelectinDefault() {
        List<Author> authors = library.withSession(s -> s.execute(select(Author.class).orderBy(AUTHOR_ID)
                .options(raiseload(AUTHOR_BOOKS))).all()).block();

        assertThat(log.statements("SELECT")).containsExactly("SELECT ld_authors.id, ld_authors.name FROM ld_authors ORDER BY ld_authors.id");
        assertThat(authors.get(0).books.isLoaded()).isFalse();
        assertThatThrownBy(authors.get(0).books::size).isInstanceOf(NotLoadedException.class)
                .hasMessageContaining("Author.books is not loaded");
    }

    @Test
    void raiseloadDeeperInAPathOverridesThere() {
        List<Author> authors = library.withSession(s -> s.execute(select(Author.class).orderBy(AUTHOR_ID)
                .options(selectinload(AUTHOR_BOOKS).raiseload(BOOK_CHAPTERS))).all()).block();

        assertThat(log.statements("SELECT")).hasSize(2);
        Book x = authors.get(0).books.get(0);
        assertThat(x.publisher.get().name).isEqualTo("penguin");
        assertThatThrownBy(x.chapters::size).isInstanceOf(NotLoadedException.class);
    }

    @Test
    void sessionLoadAddsTheDefaultsBelowTheRelation() {
        Publisher penguin = library.withSession(s -> s.get(Publisher.class, 1L).flatMap(p -> s.load(p, PUBLISHER_BOOKS))).block();

        assertThat(penguin.books).extracting(book -> book.id).containsExactly(10L, 12L);
        assertThat(penguin.books).allSatisfy(book -> assertThat(book.publisher.get()).isSameAs(penguin));
        assertThat(penguin.books).extracting(book -> book.author.get().name).containsExactly("ann", "ben");
        assertThat(penguin.books.get(0).chapters).hasSize(2);
        // publisher; its books (Book.publisher is the way back: no join); their authors; their chapters
        assertThat(log.statements("SELECT")).hasSize(4);
    }

    @Test
    void sessionLoadOfAPathAddsTheDefaultsAtEveryStepAsAQueryDoes() {
        Publisher viaQuery = library.withSession(s -> s.execute(select(Publisher.class).where(Metamodel.column(Publisher.class, "id")
                .eq(1L)).options(selectinload(PUBLISHER_BOOKS).selectinload(BOOK_AUTHOR))).one()).block();
        int queryStatements = log.count("SELECT");
        log.clear();
        Publisher viaLoad = library.withSession(s -> s.get(Publisher.class, 1L)
                .flatMap(p -> s.load(p, selectinload(PUBLISHER_BOOKS).selectinload(BOOK_AUTHOR)))).block();

        for (Publisher penguin : List.of(viaQuery, viaLoad)) {
            String way = penguin == viaQuery ? "query" : "session.load";
            assertThat(penguin.books).as(way).extracting(book -> book.author.get().name).containsExactly("ann", "ben");
            // Book.chapters is a SELECTIN default of the class the path passes through
            assertThat(penguin.books.get(0).chapters.isLoaded()).as(way).isTrue();
            assertThat(penguin.books.get(0).chapters).as(way).extracting(chapter -> chapter.number).containsExactly(1, 2);
        }
        assertThat(log.count("SELECT")).isEqualTo(queryStatements).isEqualTo(4);
    }

    @Test
    void anAlreadyLoadedObjectComesFromTheIdentityMapWithoutItsDefaultsReloaded() {
        List<Integer> counts = library.withSession(s -> s.get(Author.class, 1L).flatMap(ann -> {
            int before = log.count("SELECT");
            return s.get(Author.class, 1L).map(again -> {
                assertThat(again).isSameAs(ann);
                return List.of(before, log.count("SELECT"));
            });
        })).block();
        assertThat(counts).containsExactly(3, 3);
    }

    @Test
    void aManyToOneLoadedLaterComesWithItsDefaultsExceptTheWayBack() {
        Chapter chapter = library.withSession(s -> s.get(Chapter.class, 100L)
                .flatMap(c -> s.load(c, LoadModels.CHAPTER_BOOK))).block();
        Book book = chapter.book.get();
        assertThat(book.id).isEqualTo(10L);
        assertThat(book.publisher.get().name).isEqualTo("penguin");
        assertThat(book.author.get().name).isEqualTo("ann");
        // Book.chapters leads back to Chapter: not loaded by default from here
        assertThat(book.chapters.isLoaded()).isFalse();
        // chapter; its book with the publisher joined; the book's author
        assertThat(log.statements("SELECT")).hasSize(3);
        assertThat(log.statements("SELECT").get(1)).isEqualTo("SELECT ld_books.id, ld_books.author_id, ld_books.publisher_id,"
                + " ld_books.title, ld_publishers_1.id, ld_publishers_1.name FROM ld_books LEFT OUTER JOIN ld_publishers AS"
                + " ld_publishers_1 ON ld_publishers_1.id = ld_books.publisher_id WHERE ld_books.id IN (?)");
    }
}
