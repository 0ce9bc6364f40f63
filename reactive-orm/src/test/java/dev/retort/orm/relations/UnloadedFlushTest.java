package dev.retort.orm.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Post;
import dev.retort.orm.relations.Uow.User;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Unloaded is not empty: flushing objects whose relationships were never loaded changes nothing of them. */
@DatabaseTest
class UnloadedFlushTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    UnloadedFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.BLOG);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.BLOG.createAll(db.engine()).block();
    }

    @BeforeEach
    void seed() {
        Uow.seedBlog(engine, 2, 3, 1);
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clearBlog(engine);
    }

    private List<String> posts() {
        return Uow.rows(engine, "SELECT CONCAT(id, ':', COALESCE(user_id, 'null')) FROM uw_posts ORDER BY id");
    }

    @Test
    void aUserLoadedWithoutItsPostsIsUpdatedAloneAndItsPostsRaise() {
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> {
            assertThat(user.posts.isLoaded()).isFalse();
            assertThatThrownBy(user.posts::size).isInstanceOf(NotLoadedException.class).hasMessageStartingWith("User.posts is not loaded");
            assertThatThrownBy(() -> user.posts.add(new Post("x"))).isInstanceOf(NotLoadedException.class);
            assertThatThrownBy(user.profile::get).isInstanceOf(NotLoadedException.class);
            user.name = "renamed";
            log.clear();
            return s.flush().then(Mono.fromRunnable(() -> {
                user.name = "again";
            })).then(s.flush());
        })).block();
        assertThat(log.all()).containsExactly(
                "UPDATE uw_users SET name = ? WHERE uw_users.id = ?",
                "UPDATE uw_users SET name = ? WHERE uw_users.id = ?",
                "COMMIT");
        assertThat(posts()).containsExactly("100:1", "101:1", "102:1", "200:2", "201:2", "202:2");
        assertThat(Uow.count(engine, "uw_comments")).isEqualTo(6);
    }

    @Test
    void aPostWhoseUserWasNeverLoadedKeepsItsForeignKeyThroughFlushes() {
        sessions.inTransaction(s -> s.getOne(Post.class, 101L).flatMap(post -> {
            assertThat(post.user.isLoaded()).isFalse();
            post.title = "first";
            log.clear();
            return s.flush().then(Mono.defer(() -> {
                post.title = "second";
                return s.flush();
            })).then(Mono.fromRunnable(() -> {
                assertThat(post.user.isLoaded()).isFalse();
                assertThat(post.userId).isEqualTo(1L);
            }));
        })).block();
        assertThat(log.statements("UPDATE")).containsExactly(
                "UPDATE uw_posts SET title = ? WHERE uw_posts.id = ?",
                "UPDATE uw_posts SET title = ? WHERE uw_posts.id = ?");
        assertThat(Uow.rows(engine, "SELECT CONCAT(title, ':', user_id) FROM uw_posts WHERE id = 101")).containsExactly("second:1");
    }

    @Test
    void aPostWhoseUserIsInTheSessionReadsItWithoutIo() {
        sessions.inTransaction(s -> s.getOne(User.class, 2L).then(s.getOne(Post.class, 201L)).flatMap(post -> {
            log.clear();
            assertThat(post.user.get().name).isEqualTo("user2");
            post.title = "changed";
            return s.flush();
        })).block();
        assertThat(log.all()).containsExactly("UPDATE uw_posts SET title = ? WHERE uw_posts.id = ?", "COMMIT");
        assertThat(posts()).contains("201:2");
    }

    @Test
    void aNewPostWithItsForeignKeySetDirectlyIsInsertedWithIt() {
        Post post = new Post("direct");
        post.userId = 2L;
        sessions.inTransaction(s -> {
            s.add(post);
            return s.flush();
        }).block();
        assertThat(Uow.rows(engine, "SELECT CONCAT(title, ':', user_id) FROM uw_posts WHERE id = " + post.id))
                .containsExactly("direct:2");
    }

    @Test
    void settingAnUnloadedUserToNullClearsTheForeignKey() {
        sessions.inTransaction(s -> s.getOne(Post.class, 101L).flatMap(post -> {
            assertThat(post.user.isLoaded()).isFalse();
            post.user.set(null);
            assertThat(post.user.get()).isNull();
            log.clear();
            return s.flush().then(Mono.fromRunnable(() -> assertThat(post.userId).isNull()));
        })).block();
        assertThat(log.statements("UPDATE")).containsExactly("UPDATE uw_posts SET user_id = ? WHERE uw_posts.id = ?");
        assertThat(log.statements("DELETE")).isEmpty();
        assertThat(posts()).containsExactly("100:1", "101:null", "102:1", "200:2", "201:2", "202:2");
    }

    @Test
    void settingTheUserOfAPostToNullWhileTheUsersPostsAreLoadedMakesItAnOrphan() {
        sessions.inTransaction(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            Post post = user.posts.get(1);
            post.user.set(null);
            assertThat(user.posts).extracting(p -> p.id).containsExactly(100L, 102L);
            return s.flush().then(Mono.fromRunnable(() -> assertThat(Session.state(post)).isEqualTo(ObjectState.DELETED)));
        })).block();
        assertThat(posts()).containsExactly("100:1", "102:1", "200:2", "201:2", "202:2");
    }

    @Test
    void settingAnUnloadedUserToAnotherUserMovesThePost() {
        sessions.inTransaction(s -> s.getOne(Post.class, 101L).flatMap(post -> s.getOne(User.class, 2L).flatMap(other -> {
            post.user.set(other);
            return s.flush();
        }))).block();
        assertThat(posts()).containsExactly("100:1", "101:2", "102:1", "200:2", "201:2", "202:2");
    }
}
