package dev.retort.orm.relations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Comment;
import dev.retort.orm.relations.Uow.Owner;
import dev.retort.orm.relations.Uow.Pet;
import dev.retort.orm.relations.Uow.Post;
import dev.retort.orm.relations.Uow.Profile;
import dev.retort.orm.relations.Uow.Tag;
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

/** The save-update cascade: graphs of new objects inserted from their root in foreign-key order. */
@DatabaseTest
class SaveUpdateFlushTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");
    static final Relation<Owner, Pet> PETS = Metamodel.relation(Owner.class, "pets");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;
    private final SessionFactory plain;

    SaveUpdateFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.BLOG);
        plain = SessionFactory.of(log.engine(), Uow.PLAIN);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.BLOG.createAll(db.engine()).block();
        Uow.PLAIN.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clearBlog(engine);
        Uow.clear(engine, "uw_pets", "uw_owners");
    }

    private List<String> rows(String sql) {
        return Uow.rows(engine, sql);
    }

    @Test
    void addingTheRootInsertsTheWholeGraphOneMultiRowInsertPerTable() {
        User alice = new User("alice");
        alice.profile.set(new Profile("hello"));
        Tag java = new Tag("java");
        Tag sql = new Tag("sql");
        Tag rust = new Tag("rust");
        List<Post> posts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Post post = new Post("post " + i);
            alice.posts.add(post);
            post.comments.add(new Comment("c" + i + "a"));
            post.comments.add(new Comment("c" + i + "b"));
            post.tags.add(java);
            posts.add(post);
        }
        posts.get(0).tags.add(sql);
        posts.get(2).tags.add(rust);
        sessions.inTransaction(s -> {
            s.add(alice);
            assertThat(s.newObjects()).hasSize(1 + 1 + 3 + 6 + 3);
            return Mono.empty();
        }).block();
        String users = "INSERT INTO uw_users (id, name) VALUES (?, ?) RETURNING id";
        String profiles = "INSERT INTO uw_profiles (id, user_id, bio) VALUES (?, ?, ?) RETURNING id";
        String postRows = "INSERT INTO uw_posts (id, user_id, title) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?) RETURNING id";
        String tags = "INSERT INTO uw_tags (id, name) VALUES (?, ?), (?, ?), (?, ?) RETURNING id";
        String comments = "INSERT INTO uw_comments (id, post_id, text) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?),"
                + " (?, ?, ?) RETURNING id";
        String links = "INSERT INTO uw_post_tags (post_id, tag_id) VALUES (?, ?), (?, ?), (?, ?), (?, ?), (?, ?)";
        List<String> inserts = log.statements("INSERT");
        assertThat(inserts).containsExactlyInAnyOrder(users, profiles, postRows, tags, comments, links);
        // foreign-key order: every table after the tables it refers to, association rows last
        assertThat(inserts.indexOf(users)).isLessThan(inserts.indexOf(profiles)).isLessThan(inserts.indexOf(postRows));
        assertThat(inserts.indexOf(postRows)).isLessThan(inserts.indexOf(comments));
        assertThat(inserts.get(5)).isEqualTo(links);
        assertThat(log.all()).hasSize(8).startsWith("BEGIN (implicit)").endsWith("COMMIT");
        assertThat(alice.id).isNotNull();
        assertThat(alice.profile.get().userId).isEqualTo(alice.id);
        assertThat(posts).allSatisfy(post -> {
            assertThat(post.userId).isEqualTo(alice.id);
            assertThat(post.comments).allSatisfy(comment -> assertThat(comment.postId).isEqualTo(post.id));
        });
        assertThat(rows("SELECT CONCAT(u.name, '/', p.title, '/', c.text) FROM uw_comments c JOIN uw_posts p ON p.id = c.post_id"
                + " JOIN uw_users u ON u.id = p.user_id ORDER BY c.text"))
                .containsExactly("alice/post 1/c1a", "alice/post 1/c1b", "alice/post 2/c2a", "alice/post 2/c2b",
                        "alice/post 3/c3a", "alice/post 3/c3b");
        assertThat(rows("SELECT CONCAT(p.title, '/', t.name) FROM uw_post_tags pt JOIN uw_posts p ON p.id = pt.post_id"
                + " JOIN uw_tags t ON t.id = pt.tag_id ORDER BY p.title, t.name"))
                .containsExactly("post 1/java", "post 1/sql", "post 2/java", "post 3/java", "post 3/rust");
        assertThat(rows("SELECT CONCAT(u.name, '/', p.bio) FROM uw_profiles p JOIN uw_users u ON u.id = p.user_id"))
                .containsExactly("alice/hello");
    }

    @Test
    void objectsAppendedAfterAddAreInsertedAtTheNextFlush() {
        User bob = new User("bob");
        Post first = new Post("first");
        Post later = new Post("later");
        Tag tag = new Tag("late tag");
        sessions.inTransaction(s -> {
            s.add(bob);
            bob.posts.add(first);
            return s.flush().then(Mono.defer(() -> {
                assertThat(Session.state(first)).isEqualTo(ObjectState.PERSISTENT);
                bob.posts.add(later);
                later.tags.add(tag);
                assertThat(Session.state(later)).isEqualTo(ObjectState.TRANSIENT);
                log.clear();
                return s.flush();
            }));
        }).block();
        assertThat(log.statements("INSERT")).containsExactlyInAnyOrder(
                "INSERT INTO uw_posts (id, user_id, title) VALUES (?, ?, ?) RETURNING id",
                "INSERT INTO uw_tags (id, name) VALUES (?, ?) RETURNING id",
                "INSERT INTO uw_post_tags (post_id, tag_id) VALUES (?, ?)");
        assertThat(log.statements("INSERT")).last().isEqualTo("INSERT INTO uw_post_tags (post_id, tag_id) VALUES (?, ?)");
        assertThat(rows("SELECT CONCAT(p.title, '/', u.name) FROM uw_posts p JOIN uw_users u ON u.id = p.user_id ORDER BY p.id"))
                .containsExactly("first/bob", "later/bob");
        assertThat(rows("SELECT CONCAT(pt.post_id, '/', pt.tag_id) FROM uw_post_tags pt")).containsExactly(later.id + "/" + tag.id);
    }

    @Test
    void objectsAppendedToALoadedCollectionOfAPersistentUserAreInserted() {
        Uow.seedBlog(engine, 1, 1, 0);
        Post added = new Post("added");
        Comment comment = new Comment("new comment");
        added.comments.add(comment);
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            user.posts.add(added);
            log.clear();
            return s.flush();
        })).block();
        assertThat(log.all()).containsExactly(
                "INSERT INTO uw_posts (id, user_id, title) VALUES (?, ?, ?) RETURNING id",
                "INSERT INTO uw_comments (id, post_id, text) VALUES (?, ?, ?) RETURNING id",
                "COMMIT");
        assertThat(added.userId).isEqualTo(1L);
        assertThat(comment.postId).isEqualTo(added.id);
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM uw_posts ORDER BY id")).containsExactly("100:1", added.id + ":1");
    }

    @Test
    void aDeletedPostLeavesTheLoadedCollectionAndLaterFlushesLeaveItAlone() {
        Uow.seedBlog(engine, 1, 2, 0);
        SessionFactory keeping = SessionFactory.of(log.engine(), Uow.BLOG,
                dev.retort.orm.session.SessionOptions.DEFAULTS.withExpireOnCommit(false));
        keeping.withSession(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            Post gone = user.posts.get(0);
            s.delete(gone);
            return s.commit().then(Mono.defer(() -> {
                assertThat(user.posts).doesNotContain(gone);
                assertThat(Session.state(gone)).isEqualTo(ObjectState.DETACHED);
                user.name = "renamed";
                return s.commit();
            }));
        })).block();
        assertThat(rows("SELECT name FROM uw_users")).containsExactly("renamed");
        assertThat(rows("SELECT id FROM uw_posts")).containsExactly("101");
    }

    @Test
    void aCollectionWithoutSaveUpdateHoldingATransientObjectFailsTheFlushNamingIt() {
        Owner owner = new Owner("olga");
        plain.inTransaction(s -> {
            s.add(owner);
            return Mono.empty();
        }).block();
        Pet stray = new Pet("stray");
        List<Throwable> errors = new ArrayList<>();
        log.clear();
        plain.inTransaction(s -> s.getOne(Owner.class, owner.id).flatMap(loaded -> s.load(loaded, PETS)).flatMap(loaded -> {
            loaded.pets.add(stray);
            return s.flush().onErrorResume(error -> {
                errors.add(error);
                return Mono.empty();
            }).then(Mono.defer(() -> {
                // the session is still usable: nothing was sent
                s.add(stray);
                return s.flush();
            }));
        })).block();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Owner.pets")
                .hasMessageContaining("Pet(null, stray)")
                .hasMessageContaining("SAVE_UPDATE");
        assertThat(log.all()).doesNotContain("ROLLBACK");
        assertThat(rows("SELECT CONCAT(p.name, '/', o.name) FROM uw_pets p JOIN uw_owners o ON o.id = p.owner_id"))
                .containsExactly("stray/olga");
    }

    @Test
    void aManyToOneWithoutSaveUpdatePointingAtATransientObjectFailsTheFlushNamingIt() {
        Pet pet = new Pet("rex");
        Owner owner = new Owner("nobody yet");
        pet.owner.set(owner);
        List<Throwable> errors = new ArrayList<>();
        plain.withSession(s -> {
            s.add(pet);
            assertThat(Session.state(owner)).isEqualTo(ObjectState.TRANSIENT);
            return s.flush().onErrorResume(error -> {
                errors.add(error);
                return Mono.empty();
            });
        }).block();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Pet.owner")
                .hasMessageContaining("Owner(null, nobody yet)");
        assertThat(log.statements("INSERT")).isEmpty();
    }
}
