package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Comment;
import dev.retort.orm.relations.Uow.Post;
import dev.retort.orm.relations.Uow.Tag;
import dev.retort.orm.relations.Uow.User;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A flush of a graph that fails half-way: the transaction is rolled back, and so is the session's view of it. */
@DatabaseTest
class FailedRelationFlushTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    FailedRelationFlushTest(TestDatabase db) {
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
        Uow.seedBlog(engine, 1, 2, 1);
        engine.execute(text("INSERT INTO uw_tags (id, name) VALUES (1, 'taken')")).rowcount().block();
        engine.execute(text("INSERT INTO uw_post_tags (post_id, tag_id) VALUES (100, 1)")).rowcount().block();
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clearBlog(engine);
    }

    @Test
    void anAssociationRowFailingAfterTheUpdatesAndInsertsRollsThemAllBack() {
        Post fresh = new Post("fresh");
        List<Throwable> errors = new ArrayList<>();
        sessions.withSession(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            Post second = user.posts.get(1);
            // another transaction links them after the session loaded the post's tags
            return s.load(second, TAGS).then(s.getOne(Tag.class, 1L))
                    .flatMap(found -> engine.execute(text("INSERT INTO uw_post_tags (post_id, tag_id) VALUES (101, 1)")).rowcount()
                            .thenReturn(found))
                    .flatMap(taken -> {
                        user.name = "renamed";
                        user.posts.add(fresh);
                        second.tags.add(taken);
                        log.clear();
                        return s.flush().onErrorResume(error -> {
                            errors.add(error);
                            return Mono.empty();
                        }).then(Mono.fromRunnable(() -> {
                            // inserted before the failure: the object has its key until the rollback
                            assertThat(fresh.id).isNotNull();
                            assertThat(Session.state(fresh)).isEqualTo(ObjectState.PERSISTENT);
                        })).then(s.rollback()).then(Mono.fromRunnable(() -> {
                            assertThat(Session.state(fresh)).isEqualTo(ObjectState.TRANSIENT);
                            assertThat(fresh.id).isNull();
                            assertThat(user.posts.isLoaded()).isFalse();
                            assertThat(second.tags.isLoaded()).isFalse();
                            assertThat(taken.posts.isLoaded()).isFalse();
                        }));
                    });
        })).block();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(IntegrityException.class).hasMessageContaining("Duplicate entry '101-1'");
        assertThat(log.all()).containsExactly(
                "UPDATE uw_users SET name = ? WHERE uw_users.id = ?",
                "INSERT INTO uw_posts (id, user_id, title) VALUES (?, ?, ?) RETURNING id",
                "INSERT INTO uw_post_tags (post_id, tag_id) VALUES (?, ?)",
                "ROLLBACK");
        assertThat(Uow.rows(engine, "SELECT name FROM uw_users")).containsExactly("user1");
        assertThat(Uow.rows(engine, "SELECT id FROM uw_posts ORDER BY id")).containsExactly("100", "101");
    }

    @Test
    void aUniqueViolationOfATagRollsBackAndRollbackResetsCollectionsAndPendingObjects() {
        Post fresh = new Post("fresh");
        Comment comment = new Comment("on fresh");
        Tag duplicate = new Tag("taken");
        List<Throwable> errors = new ArrayList<>();
        sessions.withSession(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            Post existing = user.posts.get(0);
            existing.title = "changed";
            user.name = "renamed";
            user.posts.remove(1);
            user.posts.add(fresh);
            fresh.comments.add(comment);
            fresh.tags.add(duplicate);
            return s.flush().onErrorResume(error -> {
                errors.add(error);
                return Mono.empty();
            }).then(s.getOne(User.class, 1L).then().onErrorResume(error -> {
                errors.add(error);
                return Mono.empty();
            })).then(s.rollback()).then(Mono.fromRunnable(() -> {
                assertThat(user.posts.isLoaded()).isFalse();
                assertThatThrownBy(user.posts::size).isInstanceOf(NotLoadedException.class);
                assertThat(existing.tags.isLoaded()).isFalse();
                assertThat(existing.user.isLoaded()).isFalse();
                assertThat(Session.state(user)).isEqualTo(ObjectState.PERSISTENT);
                assertThat(Session.state(existing)).isEqualTo(ObjectState.PERSISTENT);
                assertThat(List.of(fresh, comment, duplicate)).allSatisfy(object ->
                        assertThat(Session.state(object)).isEqualTo(ObjectState.TRANSIENT));
                assertThat(fresh.id).isNull();
                assertThat(comment.id).isNull();
                assertThat(duplicate.id).isNull();
                assertThat(s.newObjects()).isEmpty();
                assertThat(s.deleted()).isEmpty();
            })).then(s.load(user, POSTS)).flatMap(reloaded -> {
                assertThat(reloaded.posts).extracting(post -> post.title).containsExactly("post100", "post101");
                duplicate.name = "unique now";
                reloaded.posts.add(fresh);
                return s.commit();
            });
        })).block();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).isInstanceOf(IntegrityException.class).hasMessageContaining("Duplicate entry 'taken'");
        assertThat(errors.get(1)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("call rollback() before get");
        // the tags come first in foreign-key order: the flush failed at its first write
        assertThat(log.all()).containsSubsequence("INSERT INTO uw_tags (id, name) VALUES (?, ?) RETURNING id", "ROLLBACK",
                "INSERT INTO uw_tags (id, name) VALUES (?, ?) RETURNING id", "COMMIT");
        assertThat(Uow.rows(engine, "SELECT name FROM uw_users")).containsExactly("user1");
        assertThat(Uow.rows(engine, "SELECT CONCAT(id, ':', title) FROM uw_posts ORDER BY id"))
                .containsExactly("100:post100", "101:post101", fresh.id + ":fresh");
        assertThat(Uow.rows(engine, "SELECT CONCAT(post_id, ':', text) FROM uw_comments ORDER BY id"))
                .containsExactly("100:comment1000", "101:comment1010", fresh.id + ":on fresh");
        assertThat(Uow.rows(engine, "SELECT CONCAT(pt.post_id, ':', t.name) FROM uw_post_tags pt JOIN uw_tags t ON t.id = pt.tag_id"
                + " ORDER BY pt.post_id")).containsExactly("100:taken", fresh.id + ":unique now");
    }

    @Test
    void aDeleteFailingAfterTheInsertsAndUpdatesRollsThemAllBack() {
        // a table the mapping does not know refers to post 101
        engine.execute(text("CREATE TABLE IF NOT EXISTS uw_audit (post_id BIGINT NOT NULL,"
                + " FOREIGN KEY (post_id) REFERENCES uw_posts (id))")).rowcount().block();
        engine.execute(text("INSERT INTO uw_audit (post_id) VALUES (101)")).rowcount().block();
        Post fresh = new Post("fresh");
        List<Throwable> errors = new ArrayList<>();
        try {
            sessions.withSession(s -> s.getOne(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
                Post audited = user.posts.get(1);
                user.name = "renamed";
                user.posts.add(fresh);
                user.posts.remove(audited);
                log.clear();
                return s.flush().onErrorResume(error -> {
                    errors.add(error);
                    return s.rollback();
                }).then(Mono.fromRunnable(() -> {
                    assertThat(Session.state(audited)).isEqualTo(ObjectState.PERSISTENT);
                    assertThat(Session.state(fresh)).isEqualTo(ObjectState.TRANSIENT);
                    assertThat(user.name).isNull();
                    assertThat(s.isExpired(user)).isTrue();
                    assertThat(user.posts.isLoaded()).isFalse();
                }));
            })).block();
        } finally {
            engine.execute(text("DROP TABLE uw_audit")).rowcount().block();
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(IntegrityException.class).hasMessageContaining("uw_audit");
        assertThat(log.all().stream().map(line -> line.replaceAll(" .*", ""))).containsExactly(
                "SELECT", "UPDATE", "INSERT", "DELETE", "DELETE", "DELETE", "ROLLBACK");
        assertThat(Uow.rows(engine, "SELECT name FROM uw_users")).containsExactly("user1");
        assertThat(Uow.rows(engine, "SELECT CONCAT(id, ':', user_id) FROM uw_posts ORDER BY id")).containsExactly("100:1", "101:1");
        assertThat(Uow.count(engine, "uw_comments")).isEqualTo(2);
    }
}
