package dev.retort.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import dev.retort.orm.mapping.WriteOnly;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What the package API of the holders does, which loaders and the flush use and applications cannot
 * reach: unloaded relationships (and the message of {@link NotLoadedException}), filling them, and
 * the changes each holder records for the flush. No session, no database.
 */
class HolderStateTest {

    @Entity(table = "hst_authors")
    static class Author {
        @Id Integer id;

        @Relationship(backPopulates = "author")
        final ToMany<Book> books = ToMany.of(this);

        @Relationship(backPopulates = "owner")
        final ToOne<Desk> desk = ToOne.of(this);
    }

    @Entity(table = "hst_books")
    static class Book {
        @Id Integer id;
        @ForeignKey(entity = Author.class) Integer authorId;

        @Relationship(backPopulates = "books")
        final ToOne<Author> author = ToOne.of(this);

        @Relationship(secondary = "hst_book_shelves", backPopulates = "books")
        final ToMany<Shelf> shelves = ToMany.of(this);
    }

    @Entity(table = "hst_shelves")
    static class Shelf {
        @Id @Column(length = 10) String code;

        @Relationship(secondary = "hst_book_shelves", backPopulates = "shelves")
        final ToMany<Book> books = ToMany.of(this);
    }

    @Entity(table = "hst_desks")
    static class Desk {
        @Id Integer id;
        @ForeignKey(entity = Author.class) Integer ownerId;

        @Relationship(backPopulates = "desk")
        final ToOne<Author> owner = ToOne.of(this);
    }

    @Entity(table = "hst_streams")
    static class Stream {
        @Id Integer id;

        @Relationship(backPopulates = "stream")
        final WriteOnly<Entry> entries = WriteOnly.of(this);
    }

    @Entity(table = "hst_entries")
    static class Entry {
        @Id Integer id;
        @ForeignKey(entity = Stream.class) Integer streamId;

        @Relationship(backPopulates = "entries")
        final ToOne<Stream> stream = ToOne.of(this);
    }

    static {
        Mapping.of(Author.class, Stream.class);
    }

    private static ToManyHolder.Side side(ToMany<?> collection) {
        return ((ToManyHolder<?>) collection).side();
    }

    private static ToOneHolder<?> holder(ToOne<?> reference) {
        return (ToOneHolder<?>) reference;
    }

    private static WriteOnlyHolder<?> holder(WriteOnly<?> collection) {
        return (WriteOnlyHolder<?>) collection;
    }

    // ---- unloaded ---------------------------------------------------------------------------------

    private static final String HOW_TO_LOAD = " is not loaded, and Retort never loads on access. Load it with the query,"
            + " select(%1$s.class).options(selectinload(%2$s)) or joinedload(%2$s); or afterwards with session.load(%3$s, %2$s);"
            + " or make it load by default with @Relationship(loading = Loading.SELECTIN)";

    @Test
    void anUnloadedCollectionRaisesOnEveryReadAndWriteNamingTheWaysToLoadIt() {
        Author author = new Author();
        Book book = new Book();
        side(author.books).unload();
        String message = "Author.books" + HOW_TO_LOAD.formatted("Author", "HolderStateTest_Author_.BOOKS", "author");

        assertThat(author.books.isLoaded()).isFalse();
        assertThat(author.books).hasToString("[not loaded: Author.books]");
        List<ThrowingCallable> uses = List.of(author.books::size, author.books::isEmpty, author.books::iterator,
                () -> author.books.get(0), () -> author.books.contains(book), () -> author.books.indexOf(book),
                () -> author.books.add(book), () -> author.books.add(0, book), () -> author.books.remove(book),
                () -> author.books.remove(0), () -> author.books.set(0, book), author.books::clear,
                () -> author.books.addAll(List.of(book)), () -> author.books.addAll(0, List.of(book)),
                () -> author.books.sort(null), () -> author.books.removeIf(b -> true));
        for (ThrowingCallable use : uses) {
            assertThatThrownBy(use).isExactlyInstanceOf(NotLoadedException.class).hasMessage(message);
        }
        assertThat(book.author.get()).isNull();
    }

    @Test
    void anUnloadedOneToOneRaisesOnGetAndIsLoadedBySet() {
        Author author = new Author();
        Desk desk = new Desk();
        holder(author.desk).unload();

        assertThat(author.desk.isLoaded()).isFalse();
        assertThatThrownBy(author.desk::get).isExactlyInstanceOf(NotLoadedException.class)
                .hasMessage("Author.desk" + HOW_TO_LOAD.formatted("Author", "HolderStateTest_Author_.DESK", "author"));

        author.desk.set(desk);
        assertThat(author.desk.isLoaded()).isTrue();
        assertThat(author.desk.get()).isSameAs(desk);
        assertThat(desk.owner.get()).isSameAs(author);
    }

    @Test
    void anUnloadedManyToOneReadsANullForeignKeyWithoutLoading() {
        Book orphan = new Book();
        holder(orphan.author).unload();
        assertThat(orphan.author.get()).isNull();
        assertThat(orphan.author.isLoaded()).isTrue();

        Book written = new Book();
        written.authorId = 7;
        holder(written.author).unload();
        assertThatThrownBy(written.author::get).isExactlyInstanceOf(NotLoadedException.class)
                .hasMessage("Book.author" + HOW_TO_LOAD.formatted("Book", "HolderStateTest_Book_.AUTHOR", "book"));
    }

    @Test
    void backPopulatingLeavesAnUnloadedSideUnloaded() {
        Author author = new Author();
        Book book = new Book();
        side(author.books).unload();

        book.author.set(author);
        assertThat(book.author.get()).isSameAs(author);
        assertThat(author.books.isLoaded()).isFalse();

        book.author.set(null);
        assertThat(author.books.isLoaded()).isFalse();
        assertThat(side(author.books).added).isEmpty();
        assertThat(side(author.books).removed).isEmpty();
    }

    @Test
    void aChildTakenFromAnUnloadedToOneBecomesLoadedAndNull() {
        Author author = new Author();
        Book book = new Book();
        side(author.books).loaded(List.of(book));
        holder(book.author).unload();
        book.authorId = 1;

        author.books.remove(book);

        assertThat(book.author.isLoaded()).isTrue();
        assertThat(book.author.get()).isNull();
    }

    @Test
    void loadersFillHoldersWithoutRecordingChanges() {
        Author author = new Author();
        Book first = new Book();
        Book second = new Book();
        side(author.books).unload();
        holder(first.author).unload();

        side(author.books).loaded(List.of(first, second));
        holder(first.author).loaded(author);

        assertThat(author.books).containsExactly(first, second);
        assertThat(first.author.get()).isSameAs(author);
        assertThat(side(author.books).added).isEmpty();
        assertThat(holder(first.author).assigned).isFalse();
    }

    // ---- what the holders record for the flush -----------------------------------------------------

    /**
     * The association rows a flush would write for these objects, as the flush counts them: +1 for
     * each side that recorded the pair as added, -1 for each that recorded it as removed; only the
     * sign of the sum matters and pairs summing to 0 are left out.
     */
    private static Map<List<Object>, Integer> linkChanges(List<Book> books, List<Shelf> shelves) {
        Map<List<Object>, Integer> changes = new LinkedHashMap<>();
        for (Book book : books) {
            side(book.shelves).added.forEach(shelf -> changes.merge(List.of(book, shelf), 1, Integer::sum));
            side(book.shelves).removed.forEach(shelf -> changes.merge(List.of(book, shelf), -1, Integer::sum));
        }
        for (Shelf shelf : shelves) {
            side(shelf.books).added.forEach(book -> changes.merge(List.of(book, shelf), 1, Integer::sum));
            side(shelf.books).removed.forEach(book -> changes.merge(List.of(book, shelf), -1, Integer::sum));
        }
        changes.values().removeIf(count -> count == 0);
        changes.replaceAll((pair, count) -> Integer.signum(count));
        return changes;
    }

    @Test
    void manyToManyChangesAddUpToTheNetChangeWhicheverSideMadeThem() {
        Book book = new Book();
        Book other = new Book();
        Shelf shelf = new Shelf();
        List<Book> books = List.of(book, other);
        List<Shelf> shelves = List.of(shelf);

        book.shelves.add(shelf);
        other.shelves.add(shelf);
        assertThat(linkChanges(books, shelves)).containsOnly(entry(List.of(book, shelf), 1), entry(List.of(other, shelf), 1));

        shelf.books.remove(book);
        assertThat(linkChanges(books, shelves)).containsOnly(entry(List.of(other, shelf), 1));

        side(book.shelves).loaded(List.of(shelf));
        side(other.shelves).loaded(List.of(shelf));
        side(shelf.books).loaded(List.of(book, other));
        assertThat(linkChanges(books, shelves)).isEmpty();

        book.shelves.remove(shelf);
        assertThat(linkChanges(books, shelves)).containsOnly(entry(List.of(book, shelf), -1));

        shelf.books.add(book);
        assertThat(book.shelves).containsExactly(shelf);
        assertThat(linkChanges(books, shelves)).isEmpty();

        shelf.books.clear();
        assertThat(linkChanges(books, shelves)).containsOnly(entry(List.of(book, shelf), -1), entry(List.of(other, shelf), -1));
        assertThat(other.shelves).isEmpty();
    }

    @Test
    void aChildTakenFromItsParentIsAnOrphanCandidateOfThatParent() {
        Author alice = new Author();
        Author bob = new Author();
        Book book = new Book();
        side(alice.books).loaded(List.of(book));
        holder(book.author).loaded(alice);

        book.author.set(bob);

        assertThat(side(alice.books).removed).containsExactly(book);
        assertThat(holder(book.author).assigned).isTrue();
        assertThat(holder(book.author).replaced).isSameAs(alice);

        side(alice.books).flushed();
        holder(book.author).flushed();
        assertThat(side(alice.books).removed).isEmpty();
        assertThat(holder(book.author).assigned).isFalse();
        assertThat(holder(book.author).replaced).isNull();
    }

    @Test
    void aChildAddedAndRemovedAgainStaysAnOrphanCandidate() {
        Author author = new Author();
        Book book = new Book();
        Stream stream = new Stream();
        Entry entry = new Entry();

        author.books.add(book);
        assertThat(side(author.books).added).containsExactly(book);
        author.books.remove(book);
        // one-to-many: the flush unlinks it, or with DELETE_ORPHAN drops it (see RelationSync.orphans)
        assertThat(side(author.books).added).isEmpty();
        assertThat(side(author.books).removed).containsExactly(book);

        stream.entries.add(entry);
        assertThat(holder(stream.entries).added).containsExactly(entry);
        stream.entries.remove(entry);
        assertThat(holder(stream.entries).added).isEmpty();
        assertThat(holder(stream.entries).removed).containsExactly(entry);
        assertThat(entry.stream.get()).isNull();
    }

    @Test
    void changesMadeFromTheOtherSideDuringIterationFailFast() {
        Author author = new Author();
        author.books.addAll(List.of(new Book(), new Book(), new Book()));
        Shelf shelf = new Shelf();
        shelf.books.addAll(List.of(new Book(), new Book(), new Book()));

        assertThatThrownBy(() -> author.books.forEach(book -> book.author.set(null)))
                .isExactlyInstanceOf(ConcurrentModificationException.class);
        assertThat(author.books).hasSize(2);
        assertThatThrownBy(() -> {
            for (Book book : shelf.books) {
                book.shelves.remove(shelf);
            }
        }).isExactlyInstanceOf(ConcurrentModificationException.class);
        assertThat(shelf.books).hasSize(2);
    }
}
