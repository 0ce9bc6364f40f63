package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.DatabaseException;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Album;
import dev.retort.orm.relations.Uow.AlbumTrack;
import dev.retort.orm.relations.Uow.Author;
import dev.retort.orm.relations.Uow.Book;
import dev.retort.orm.relations.Uow.Card;
import dev.retort.orm.relations.Uow.Comment;
import dev.retort.orm.relations.Uow.Deck;
import dev.retort.orm.relations.Uow.Owner;
import dev.retort.orm.relations.Uow.Pet;
import dev.retort.orm.relations.Uow.Post;
import dev.retort.orm.relations.Uow.Profile;
import dev.retort.orm.relations.Uow.User;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Delete and delete-orphan cascades at the flush: children of deleted parents, loaded or not; what
 * happens without a delete cascade; orphans deleted, moved children kept. Merge with and without
 * a MERGE cascade.
 */
@DatabaseTest
class CascadeTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<User, Profile> PROFILE = Metamodel.relation(User.class, "profile");
    static final Relation<Post, Comment> COMMENTS = Metamodel.relation(Post.class, "comments");
    static final Relation<Author, Book> BOOKS = Metamodel.relation(Author.class, "books");
    static final Relation<Owner, Pet> PETS = Metamodel.relation(Owner.class, "pets");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;
    private final SessionFactory plain;
    private final SessionFactory links;

    CascadeTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.BLOG);
        plain = SessionFactory.of(log.engine(), Uow.PLAIN);
        links = SessionFactory.of(log.engine(), Uow.CASCADED_LINKS);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.BLOG.createAll(db.engine()).block();
        Uow.PLAIN.createAll(db.engine()).block();
        Uow.CASCADED_LINKS.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clearBlog(engine);
        Uow.clear(engine, "uw_books", "uw_authors", "uw_pets", "uw_owners");
        Uow.clear(engine, "uw_album_tracks", "uw_albums", "uw_tracks", "uw_deck_cards", "uw_decks", "uw_cards");
    }

    private List<String> rows(String sql) {
        return Uow.rows(engine, sql);
    }

    /** The statements of the log that mention {@code table}, each cut to its first 40 characters and table. */
    private List<String> touching(String table) {
        return log.all().stream().filter(line -> line.contains(" " + table + " ") || line.contains(" " + table + "."))
                .toList();
    }

    // ---- DELETE cascade ------------------------------------------------------------------------------

    @Test
    void deletingAUserWithLoadedPostsDeletesThePostsFirst() {
        Uow.seedBlog(engine, 2, 3, 0);
        sessions.inTransaction(s -> s.execute(select(User.class).where(Metamodel.<Long>column(User.class, "id").eq(1L))
                .options(selectinload(POSTS).selectinload(COMMENTS), selectinload(PROFILE))).one()
                .flatMap(user -> {
                    log.clear();
                    s.delete(user);
                    assertThat(s.deleted()).hasSize(4);
                    return s.flush();
                })).block();
        assertThat(log.all()).doesNotContain("SELECT").noneMatch(line -> line.startsWith("SELECT"));
        assertThat(log.all()).containsSubsequence(
                "DELETE FROM uw_post_tags WHERE uw_post_tags.post_id IN (?, ?, ?)",
                "DELETE FROM uw_posts WHERE uw_posts.id IN (?, ?, ?)",
                "DELETE FROM uw_users WHERE uw_users.id = ?");
        assertThat(rows("SELECT id FROM uw_users")).containsExactly("2");
        assertThat(rows("SELECT id FROM uw_posts ORDER BY id")).containsExactly("200", "201", "202");
    }

    @Test
    void deletingUsersWithUnloadedPostsLoadsThemInOneStatementAndDeletesThemFirst() {
        Uow.seedBlog(engine, 4, 2, 0);
        List<User> deleted = new ArrayList<>();
        sessions.inTransaction(s -> s.scalars(select(User.class).where(Metamodel.<Long>column(User.class, "id").in(List.of(1L, 2L, 3L))))
                .collectList()
                .flatMap(users -> {
                    deleted.addAll(users);
                    log.clear();
                    users.forEach(s::delete);
                    assertThat(s.deleted()).hasSize(3);
                    return s.flush();
                })).block();
        List<String> posts = touching("uw_posts");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0)).startsWith("SELECT ").endsWith(" FROM uw_posts WHERE uw_posts.user_id IN (?, ?, ?) ORDER BY uw_posts.id");
        assertThat(posts.get(1)).isEqualTo("DELETE FROM uw_posts WHERE uw_posts.id IN (?, ?, ?, ?, ?, ?)");
        assertThat(log.all()).containsSubsequence(posts.get(1), "DELETE FROM uw_users WHERE uw_users.id IN (?, ?, ?)");
        assertThat(rows("SELECT id FROM uw_users")).containsExactly("4");
        assertThat(rows("SELECT id FROM uw_posts ORDER BY id")).containsExactly("400", "401");
        assertThat(deleted).allSatisfy(user -> assertThat(Session.state(user)).isEqualTo(ObjectState.DETACHED));
    }

    @Test
    void deleting1200UsersLoadsTheirPostsInThreeStatements() {
        Uow.seedBlog(engine, 1200, 1, 0);
        sessions.inTransaction(s -> s.scalars(select(User.class)).collectList().flatMap(users -> {
            assertThat(users).hasSize(1200);
            log.clear();
            users.forEach(s::delete);
            return s.flush();
        })).block();
        List<String> selects = touching("uw_posts").stream().filter(line -> line.startsWith("SELECT")).toList();
        assertThat(selects).hasSize(3).allMatch(line -> line.contains(" WHERE uw_posts.user_id IN ("));
        assertThat(touching("uw_posts").stream().filter(line -> line.startsWith("DELETE"))).hasSize(3);
        assertThat(log.all().indexOf(touching("uw_posts").get(5)))
                .isLessThan(log.all().indexOf(touching("uw_users").get(0)));
        assertThat(Uow.count(engine, "uw_users")).isZero();
        assertThat(Uow.count(engine, "uw_posts")).isZero();
    }

    @Test
    void nestedCascadeDeletesUsersPostsAndCommentsWithNothingLoaded() {
        Uow.seedBlog(engine, 2, 2, 3);
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> {
            log.clear();
            s.delete(user);
            return s.flush();
        })).block();
        List<String> statements = log.all().stream().filter(line -> !line.contains("uw_profiles") && !line.contains("uw_post_tags"))
                .map(line -> line.replaceAll("^SELECT .* FROM", "SELECT … FROM")).toList();
        assertThat(statements).containsSubsequence(
                "SELECT … FROM uw_posts WHERE uw_posts.user_id IN (?) ORDER BY uw_posts.id",
                "SELECT … FROM uw_comments WHERE uw_comments.post_id IN (?, ?) ORDER BY uw_comments.id",
                "DELETE FROM uw_comments WHERE uw_comments.id IN (?, ?, ?, ?, ?, ?)",
                "DELETE FROM uw_posts WHERE uw_posts.id IN (?, ?)",
                "DELETE FROM uw_users WHERE uw_users.id = ?");
        assertThat(rows("SELECT id FROM uw_users")).containsExactly("2");
        assertThat(rows("SELECT id FROM uw_posts ORDER BY id")).containsExactly("200", "201");
        assertThat(rows("SELECT DISTINCT post_id FROM uw_comments ORDER BY post_id")).containsExactly("200", "201");
    }

    @Test
    void aPostMovedAwayFromADeletedUserIsNotDeletedWithIt() {
        Uow.seedBlog(engine, 2, 2, 0);
        sessions.inTransaction(s -> s.getOne(Post.class, 100L).flatMap(post -> s.getOne(User.class, 1L)
                .flatMap(first -> s.getOne(User.class, 2L).map(second -> reactor.util.function.Tuples.of(first, second)))
                .flatMap(users -> {
                    post.user.set(users.getT2());
                    s.delete(users.getT1());
                    return s.flush();
                }))).block();
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM uw_posts ORDER BY id")).containsExactly("100:2", "200:2", "201:2");
        assertThat(rows("SELECT id FROM uw_users")).containsExactly("2");
    }

    @Test
    void aPostWhoseForeignKeyWasSetToAnotherUserIsNotDeletedWithItsOldUser() {
        Uow.seedBlog(engine, 2, 2, 0);
        sessions.inTransaction(s -> s.getOne(Post.class, 101L).flatMap(post -> s.getOne(User.class, 1L).flatMap(user -> {
            post.userId = 2L;
            s.delete(user);
            return s.flush();
        }))).block();
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM uw_posts ORDER BY id")).containsExactly("101:2", "200:2", "201:2");
    }

    // ---- DELETE cascade through a many-to-many: association tables without ON DELETE CASCADE ------------

    @Test
    void deletingAnAlbumDeletesItsAssociationRowsThenItsWriteOnlyTracksThenTheAlbum() {
        seedAlbums();
        log.clear();
        links.inTransaction(s -> s.getOne(Album.class, 1L).flatMap(red -> {
            log.clear();
            s.delete(red);
            return s.flush();
        })).block();
        // uw_album_tracks' foreign keys have no ON DELETE CASCADE: its rows must go before the tracks they refer to
        assertThat(log.all()).containsExactly(
                "SELECT uw_tracks.id, uw_tracks.title, uw_album_tracks.album_id FROM uw_tracks JOIN uw_album_tracks ON uw_tracks.id = uw_album_tracks.track_id"
                        + " WHERE uw_album_tracks.album_id IN (?) ORDER BY uw_tracks.id",
                "DELETE FROM uw_album_tracks WHERE uw_album_tracks.album_id IN (?)",
                "DELETE FROM uw_tracks WHERE uw_tracks.id IN (?, ?)",
                "DELETE FROM uw_albums WHERE uw_albums.id = ?",
                "COMMIT");
        assertThat(rows("SELECT name FROM uw_albums")).containsExactly("blue");
        assertThat(rows("SELECT title FROM uw_tracks ORDER BY id")).containsExactly("c", "d");
        assertThat(rows("SELECT CONCAT(album_id, ':', track_id) FROM uw_album_tracks")).containsExactly("2:3");
    }

    @Test
    void deletingADeckDeletesItsAssociationRowsThenItsLoadedCardsThenTheDeck() {
        seedDecks();
        // Deck.cards is looked up here, not in a static field: that would map Deck before Uow.CASCADED_LINKS maps DeckCard
        Deck deleted = links.inTransaction(s -> s.getOne(Deck.class, 1L).flatMap(deck -> s.load(deck, Metamodel.<Deck, Card>relation(Deck.class, "cards"))).flatMap(deck -> {
            assertThat(deck.cards).extracting(card -> card.name).containsExactly("ace", "king");
            log.clear();
            s.delete(deck);
            return s.flush().thenReturn(deck);
        })).block();
        assertThat(log.all()).containsExactly(
                "DELETE FROM uw_deck_cards WHERE uw_deck_cards.deck_id IN (?)",
                "DELETE FROM uw_cards WHERE uw_cards.id IN (?, ?)",
                "DELETE FROM uw_decks WHERE uw_decks.id = ?",
                "COMMIT");
        assertThat(Session.state(deleted)).isEqualTo(ObjectState.DETACHED);
        assertThat(rows("SELECT name FROM uw_decks")).containsExactly("spare");
        assertThat(rows("SELECT name FROM uw_cards ORDER BY id")).containsExactly("queen", "joker");
        assertThat(rows("SELECT CONCAT(deck_id, ':', card_id) FROM uw_deck_cards")).containsExactly("2:3");
    }

    @Test
    void aVersionedAssociationObjectDeletedWithItsAlbumIsDeletedBeforeThePurgeOfTheAlbumsRows() {
        seedAlbums();
        links.inTransaction(s -> s.getOne(Album.class, 1L).flatMap(red -> s.scalars(select(AlbumTrack.class)
                .where(Metamodel.<Long>column(AlbumTrack.class, "albumId").eq(1L), Metamodel.<Long>column(AlbumTrack.class, "trackId").eq(1L)))
                .single()
                .flatMap(row -> {
                    assertThat(row.version).isEqualTo(1L);
                    log.clear();
                    s.delete(row);
                    s.delete(red);
                    return s.flush();
                }))).block();
        // the association object's versioned DELETE must still find its row: it goes before the album's purge
        assertThat(log.statements("DELETE")).containsExactly(
                "DELETE FROM uw_album_tracks WHERE (uw_album_tracks.album_id = ? AND uw_album_tracks.track_id = ?)"
                        + " AND uw_album_tracks.version = ?",
                "DELETE FROM uw_album_tracks WHERE uw_album_tracks.album_id IN (?)",
                "DELETE FROM uw_tracks WHERE uw_tracks.id IN (?, ?)",
                "DELETE FROM uw_albums WHERE uw_albums.id = ?");
        assertThat(rows("SELECT name FROM uw_albums")).containsExactly("blue");
        assertThat(rows("SELECT title FROM uw_tracks ORDER BY id")).containsExactly("c", "d");
        assertThat(rows("SELECT CONCAT(album_id, ':', track_id) FROM uw_album_tracks")).containsExactly("2:3");
    }

    /** Albums 1 "red" (tracks 1 "a", 2 "b") and 2 "blue" (track 3 "c"), and track 4 "d" on none. */
    private void seedAlbums() {
        for (String sql : List.of("INSERT INTO uw_albums (id, name) VALUES (1, 'red'), (2, 'blue')",
                "INSERT INTO uw_tracks (id, title) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')",
                "INSERT INTO uw_album_tracks (album_id, track_id, version) VALUES (1, 1, 1), (1, 2, 1), (2, 3, 1)")) {
            engine.execute(text(sql)).rowcount().block();
        }
    }

    /** Decks 1 "main" (cards 1 "ace", 2 "king") and 2 "spare" (card 3 "queen"), and card 4 "joker" in none. */
    private void seedDecks() {
        for (String sql : List.of("INSERT INTO uw_decks (id, name) VALUES (1, 'main'), (2, 'spare')",
                "INSERT INTO uw_cards (id, name) VALUES (1, 'ace'), (2, 'king'), (3, 'queen'), (4, 'joker')",
                "INSERT INTO uw_deck_cards (deck_id, card_id) VALUES (1, 1), (1, 2), (2, 3)")) {
            engine.execute(text(sql)).rowcount().block();
        }
    }

    // ---- no DELETE cascade ---------------------------------------------------------------------------

    @Test
    void deletingAParentWithoutDeleteCascadeNullsTheForeignKeysOfItsLoadedChildren() {
        long[] ids = createAuthorWithBooks();
        log.clear();
        plain.inTransaction(s -> s.getOne(Author.class, ids[0]).flatMap(author -> s.load(author, BOOKS)).flatMap(author -> {
            assertThat(author.books).hasSize(2);
            s.delete(author);
            return s.flush();
        })).block();
        assertThat(log.statements("UPDATE")).containsExactly(
                "UPDATE uw_books SET author_id = ? WHERE uw_books.id = ?",
                "UPDATE uw_books SET author_id = ? WHERE uw_books.id = ?");
        assertThat(log.all()).containsSubsequence("UPDATE uw_books SET author_id = ? WHERE uw_books.id = ?",
                "DELETE FROM uw_authors WHERE uw_authors.id = ?");
        assertThat(rows("SELECT CONCAT(title, ':', COALESCE(author_id, 'null')) FROM uw_books ORDER BY title"))
                .containsExactly("one:null", "two:null");
    }

    @Test
    void deletingAParentWithoutDeleteCascadeLeavesUnloadedChildrenToTheDatabase() {
        long[] ids = createAuthorWithBooks();
        log.clear();
        plain.inTransaction(s -> s.getOne(Author.class, ids[0]).flatMap(author -> {
            s.delete(author);
            return s.flush();
        })).block();
        assertThat(touching("uw_books")).isEmpty();
        assertThat(log.statements("DELETE")).containsExactly("DELETE FROM uw_authors WHERE uw_authors.id = ?");
        // ON DELETE SET NULL did it
        assertThat(rows("SELECT CONCAT(title, ':', COALESCE(author_id, 'null')) FROM uw_books ORDER BY title"))
                .containsExactly("one:null", "two:null");
    }

    private long[] createAuthorWithBooks() {
        Author author = new Author("Ann");
        author.books.add(new Book("one"));
        author.books.add(new Book("two"));
        plain.inTransaction(s -> {
            s.add(author);
            return Mono.empty();
        }).block();
        return new long[] {author.id};
    }

    private Owner createOwnerWithPets() {
        Owner owner = new Owner("Olga");
        Pet rex = new Pet("rex");
        Pet tom = new Pet("tom");
        owner.pets.add(rex);
        owner.pets.add(tom);
        plain.inTransaction(s -> {
            s.add(owner);
            s.add(rex);
            s.add(tom);
            return Mono.empty();
        }).block();
        return owner;
    }

    @Test
    void nullingANotNullForeignKeyOfLoadedChildrenFailsTheFlushUntilRollback() {
        Owner created = createOwnerWithPets();
        List<Throwable> errors = new ArrayList<>();
        log.clear();
        plain.withSession(s -> s.getOne(Owner.class, created.id).flatMap(owner -> s.load(owner, PETS)).flatMap(owner -> {
            s.delete(owner);
            return s.flush()
                    .onErrorResume(error -> {
                        errors.add(error);
                        return Mono.empty();
                    })
                    .then(s.get(Owner.class, created.id).then().onErrorResume(error -> {
                        errors.add(error);
                        return Mono.empty();
                    }))
                    .then(s.rollback())
                    .then(Mono.defer(() -> {
                        assertThat(Session.state(owner)).isEqualTo(ObjectState.PERSISTENT);
                        assertThat(s.deleted()).isEmpty();
                        return s.get(Owner.class, created.id);
                    }));
        })).block();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).isInstanceOf(DatabaseException.class).hasMessageContaining("Column 'owner_id' cannot be null");
        assertThat(log.statements("UPDATE")).first().isEqualTo("UPDATE uw_pets SET owner_id = ? WHERE uw_pets.id = ?");
        assertThat(log.all()).contains("ROLLBACK");
        assertThat(errors.get(1)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("rollback()");
        assertThat(rows("SELECT CONCAT(name, ':', owner_id) FROM uw_pets ORDER BY name"))
                .containsExactly("rex:" + created.id, "tom:" + created.id);
        assertThat(rows("SELECT name FROM uw_owners")).containsExactly("Olga");
    }

    @Test
    void deletingAParentWithUnloadedChildrenAndNoCascadeIsDecidedByTheDatabase() {
        Owner created = createOwnerWithPets();
        log.clear();
        List<Throwable> errors = new ArrayList<>();
        plain.withSession(s -> s.getOne(Owner.class, created.id).flatMap(owner -> {
            s.delete(owner);
            return s.flush().onErrorResume(error -> {
                errors.add(error);
                return s.rollback();
            });
        })).block();
        assertThat(touching("uw_pets")).isEmpty();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(IntegrityException.class).hasMessageContaining("foreign key constraint fails");
        assertThat(Uow.count(engine, "uw_pets")).isEqualTo(2);
    }

    // ---- DELETE_ORPHAN -------------------------------------------------------------------------------

    @Test
    void aPostRemovedFromItsUsersPostsIsDeletedWithItsComments() {
        Uow.seedBlog(engine, 1, 3, 2);
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            Post removed = user.posts.remove(1);
            assertThat(removed.id).isEqualTo(101L);
            assertThat(removed.user.get()).isNull();
            log.clear();
            return s.flush().then(Mono.fromRunnable(() -> assertThat(Session.state(removed)).isEqualTo(ObjectState.DELETED)));
        })).block();
        assertThat(log.statements("UPDATE")).isEmpty();
        assertThat(log.statements("DELETE")).contains("DELETE FROM uw_posts WHERE uw_posts.id = ?");
        assertThat(rows("SELECT id FROM uw_posts ORDER BY id")).containsExactly("100", "102");
        assertThat(rows("SELECT DISTINCT post_id FROM uw_comments ORDER BY post_id")).containsExactly("100", "102");
    }

    @Test
    void aPostMovedToAnotherUsersPostsIsNotAnOrphan() {
        Uow.seedBlog(engine, 2, 2, 0);
        sessions.inTransaction(s -> s.execute(select(User.class).orderBy(Metamodel.column(User.class, "id"))
                .options(selectinload(POSTS))).all().flatMap(users -> {
                    Post moved = users.get(0).posts.get(0);
                    users.get(1).posts.add(moved);
                    assertThat(users.get(0).posts).extracting(post -> post.id).containsExactly(101L);
                    assertThat(moved.user.get()).isSameAs(users.get(1));
                    log.clear();
                    return s.flush();
                })).block();
        assertThat(log.statements("DELETE")).isEmpty();
        assertThat(log.statements("UPDATE")).containsExactly("UPDATE uw_posts SET user_id = ? WHERE uw_posts.id = ?");
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM uw_posts ORDER BY id")).containsExactly("100:2", "101:1", "200:2", "201:2");
    }

    @Test
    void aPostMovedBySettingItsUserIsNotAnOrphan() {
        Uow.seedBlog(engine, 2, 2, 0);
        sessions.inTransaction(s -> s.execute(select(User.class).orderBy(Metamodel.column(User.class, "id"))
                .options(selectinload(POSTS))).all().flatMap(users -> {
                    Post moved = users.get(0).posts.get(1);
                    moved.user.set(users.get(1));
                    assertThat(users.get(0).posts).extracting(post -> post.id).containsExactly(100L);
                    assertThat(users.get(1).posts).extracting(post -> post.id).containsExactly(200L, 201L, 101L);
                    log.clear();
                    return s.flush();
                })).block();
        assertThat(log.statements("DELETE")).isEmpty();
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM uw_posts ORDER BY id")).containsExactly("100:1", "101:2", "200:2", "201:2");
    }

    @Test
    void aPostMovedToAUserWhosePostsAreNotLoadedIsNotAnOrphan() {
        Uow.seedBlog(engine, 2, 2, 0);
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS))
                .flatMap(first -> s.getOne(User.class, 2L).map(second -> reactor.util.function.Tuples.of(first, second)))
                .flatMap(users -> {
                    users.getT1().posts.get(0).user.set(users.getT2());
                    assertThat(users.getT2().posts.isLoaded()).isFalse();
                    return s.flush();
                })).block();
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM uw_posts ORDER BY id")).containsExactly("100:2", "101:1", "200:2", "201:2");
    }

    @Test
    void aPendingPostRemovedBeforeTheFlushIsNotInserted() {
        Uow.seedBlog(engine, 1, 1, 0);
        Post appended = new Post("appended");
        Post added = new Post("added");
        User fresh = new User("fresh");
        Post freshPost = new Post("fresh post");
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            user.posts.add(appended);
            user.posts.remove(appended);
            user.posts.add(added);
            s.add(added);
            user.posts.remove(added);
            fresh.posts.add(freshPost);
            s.add(fresh);
            assertThat(Session.state(freshPost)).isEqualTo(ObjectState.PENDING);
            fresh.posts.remove(freshPost);
            log.clear();
            return s.flush();
        })).block();
        assertThat(log.statements("INSERT")).containsExactly("INSERT INTO uw_users (id, name) VALUES (?, ?) RETURNING id");
        assertThat(rows("SELECT title FROM uw_posts ORDER BY id")).containsExactly("post100");
        assertThat(List.of(appended, added, freshPost)).allSatisfy(post -> {
            assertThat(Session.state(post)).isEqualTo(ObjectState.TRANSIENT);
            assertThat(post.id).isNull();
        });
    }

    @Test
    void replacingAOneToOneWithDeleteOrphanDeletesTheOldValue() {
        Uow.seedBlog(engine, 1, 0, 0);
        Profile first = new Profile("first");
        Profile second = new Profile("second");
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> {
            user.profile.set(first);
            return s.flush().then(Mono.fromRunnable(() -> {
                assertThat(first.userId).isEqualTo(1L);
                user.profile.set(second);
                assertThat(first.user.get()).isNull();
                assertThat(second.user.get()).isSameAs(user);
            })).then(s.flush()).then(Mono.fromRunnable(() -> assertThat(Session.state(first)).isEqualTo(ObjectState.DELETED)));
        })).block();
        assertThat(rows("SELECT CONCAT(bio, ':', user_id) FROM uw_profiles")).containsExactly("second:1");
    }

    @Test
    void replacingAnUnloadedOneToOneWithDeleteOrphanDeletesTheOldValue() {
        Uow.seedBlog(engine, 1, 0, 0);
        engine.execute(dev.retort.core.sql.Sql.text("INSERT INTO uw_profiles (id, user_id, bio) VALUES (7, 1, 'old')")).rowcount().block();
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> {
            assertThat(user.profile.isLoaded()).isFalse();
            user.profile.set(new Profile("new"));
            return s.flush();
        })).block();
        assertThat(rows("SELECT CONCAT(bio, ':', user_id) FROM uw_profiles")).containsExactly("new:1");
    }

    @Test
    void clearingAnUnloadedOneToOneWithDeleteOrphanDeletesTheOldValue() {
        Uow.seedBlog(engine, 2, 0, 0);
        engine.execute(dev.retort.core.sql.Sql.text("INSERT INTO uw_profiles (id, user_id, bio) VALUES (7, 1, 'one'), (8, 2, 'two')"))
                .rowcount().block();
        sessions.inTransaction(s -> s.getOne(Profile.class, 7L).then(s.getOne(User.class, 1L)).flatMap(user -> {
            user.profile.set(null);
            log.clear();
            return s.flush();
        })).block();
        List<String> profiles = touching("uw_profiles");
        assertThat(profiles).hasSize(2);
        assertThat(profiles.get(0)).startsWith("SELECT ").endsWith(" FROM uw_profiles WHERE uw_profiles.user_id IN (?)");
        assertThat(profiles.get(1)).isEqualTo("DELETE FROM uw_profiles WHERE uw_profiles.id = ?");
        assertThat(rows("SELECT CONCAT(bio, ':', user_id) FROM uw_profiles")).containsExactly("two:2");
    }

    // ---- MERGE cascade -------------------------------------------------------------------------------

    @Test
    void mergeDoesNotCascadeThroughARelationshipWithoutMerge() {
        Owner created = createOwnerWithPets();
        Owner detached = plain.withSession(s -> s.execute(select(Owner.class).options(selectinload(PETS))).one()).block();
        detached.name = "Olivia";
        detached.pets.get(0).name = "max";
        detached.pets.remove(1);
        detached.pets.add(new Pet("fido"));
        log.clear();
        Owner merged = plain.inTransaction(s -> s.merge(detached)).block();
        assertThat(merged).isNotSameAs(detached);
        // pets (cascade = {}) is neither merged nor loaded on the session's instance: only the owner's row is read and written
        assertThat(merged.pets.isLoaded()).isFalse();
        assertThat(log.all()).containsExactly("BEGIN (implicit)",
                "SELECT uw_owners.id, uw_owners.name FROM uw_owners WHERE uw_owners.id = ?",
                "UPDATE uw_owners SET name = ? WHERE uw_owners.id = ?",
                "COMMIT");
        assertThat(rows("SELECT name FROM uw_owners")).containsExactly("Olivia");
        assertThat(rows("SELECT CONCAT(name, ':', owner_id) FROM uw_pets ORDER BY id"))
                .containsExactly("rex:" + created.id, "tom:" + created.id);
    }

    @Test
    void mergeCascadesThroughCascadeAllTwoLevelsDeep() {
        Uow.seedBlog(engine, 1, 1, 1);
        User detached = sessions.withSession(s -> s.execute(select(User.class).options(selectinload(POSTS).selectinload(COMMENTS)))
                .one()).block();
        detached.name = "renamed";
        Post post = detached.posts.get(0);
        post.title = "edited";
        post.comments.get(0).text = "fixed";
        Post added = new Post("added");
        added.comments.add(new Comment("first!"));
        detached.posts.add(added);
        User merged = sessions.inTransaction(s -> s.merge(detached)).block();
        assertThat(merged).isNotSameAs(detached);
        assertThat(merged.posts).extracting(p -> p.title).containsExactly("edited", "added");
        assertThat(merged.posts).doesNotContain(post, added);
        assertThat(merged.posts.get(1).comments).extracting(c -> c.text).containsExactly("first!");
        assertThat(rows("SELECT name FROM uw_users")).containsExactly("renamed");
        assertThat(rows("SELECT CONCAT(p.title, '/', c.text) FROM uw_comments c JOIN uw_posts p ON p.id = c.post_id"
                + " WHERE p.user_id = 1 ORDER BY c.id")).containsExactly("edited/fixed", "added/first!");
    }

    @Test
    void mergeOfACollectionWithoutAChildDeletesItAsAnOrphanWithItsComments() {
        Uow.seedBlog(engine, 1, 2, 2);
        User detached = sessions.withSession(s -> s.execute(select(User.class).options(selectinload(POSTS))).one()).block();
        detached.posts.remove(1);
        sessions.inTransaction(s -> s.merge(detached)).block();
        assertThat(rows("SELECT id FROM uw_posts")).containsExactly("100");
        assertThat(rows("SELECT DISTINCT post_id FROM uw_comments")).containsExactly("100");
    }
}
