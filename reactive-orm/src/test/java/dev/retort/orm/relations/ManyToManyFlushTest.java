package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Post;
import dev.retort.orm.relations.Uow.Tag;
import dev.retort.orm.relations.Uow.User;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Many-to-many changes become exactly the association-row statements they need. */
@DatabaseTest
class ManyToManyFlushTest {

    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");
    static final Relation<Tag, Post> TAG_POSTS = Metamodel.relation(Tag.class, "posts");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    ManyToManyFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.BLOG);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.BLOG.createAll(db.engine()).block();
    }

    /** User 1 with posts 100 (tags a, b) and 101 (tag b); tag c (3) on nothing. */
    @BeforeEach
    void seed() {
        Uow.seedBlog(engine, 1, 2, 0);
        engine.execute(text("INSERT INTO uw_tags (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')")).rowcount().block();
        engine.execute(text("INSERT INTO uw_post_tags (post_id, tag_id) VALUES (100, 1), (100, 2), (101, 2)")).rowcount().block();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clearBlog(engine);
    }

    private List<String> links() {
        return Uow.rows(engine, "SELECT CONCAT(post_id, '-', tag_id) FROM uw_post_tags ORDER BY post_id, tag_id");
    }

    /** Runs {@code change} on post 100 (tags loaded) and tag {@code tagId} (posts loaded), then flushes with the log cleared. */
    private void change(long tagId, java.util.function.BiConsumer<Post, Tag> change) {
        sessions.inTransaction(s -> s.execute(select(Post.class).where(Metamodel.<Long>column(Post.class, "id").eq(100L))
                .options(selectinload(TAGS))).one()
                .flatMap(post -> s.execute(select(Tag.class).where(Metamodel.<Long>column(Tag.class, "id").eq(tagId))
                        .options(selectinload(TAG_POSTS))).one().flatMap(tag -> {
                            change.accept(post, tag);
                            log.clear();
                            return s.flush();
                        }))).block();
    }

    @Test
    void appendingToALoadedCollectionInsertsOneRow() {
        change(3, (post, tag) -> {
            post.tags.add(tag);
            assertThat(tag.posts).containsExactly(post);
        });
        assertThat(log.all()).containsExactly("INSERT INTO uw_post_tags (post_id, tag_id) VALUES (?, ?)", "COMMIT");
        assertThat(links()).containsExactly("100-1", "100-2", "100-3", "101-2");
    }

    @Test
    void removingFromALoadedCollectionDeletesOneRow() {
        change(1, (post, tag) -> {
            assertThat(post.tags).contains(tag);
            post.tags.remove(tag);
            assertThat(tag.posts).isEmpty();
        });
        assertThat(log.all()).containsExactly(
                "DELETE FROM uw_post_tags WHERE (uw_post_tags.post_id, uw_post_tags.tag_id) IN ((?, ?))", "COMMIT");
        assertThat(links()).containsExactly("100-2", "101-2");
    }

    @Test
    void addingThenRemovingBeforeTheFlushSendsNothing() {
        change(3, (post, tag) -> {
            post.tags.add(tag);
            post.tags.remove(tag);
        });
        assertThat(log.all()).containsExactly("COMMIT");
        assertThat(links()).containsExactly("100-1", "100-2", "101-2");
    }

    @Test
    void removingOnOneSideAndAddingOnTheOtherSendsNothing() {
        change(1, (post, tag) -> {
            post.tags.remove(tag);
            assertThat(tag.posts).isEmpty();
            tag.posts.add(post);
            assertThat(post.tags).contains(tag);
        });
        assertThat(log.all()).containsExactly("COMMIT");
        assertThat(links()).containsExactly("100-1", "100-2", "101-2");
    }

    @Test
    void addingOnOneSideAndRemovingOnTheOtherSendsNothing() {
        change(3, (post, tag) -> {
            tag.posts.add(post);
            post.tags.remove(tag);
            assertThat(tag.posts).isEmpty();
        });
        assertThat(log.all()).containsExactly("COMMIT");
        assertThat(links()).containsExactly("100-1", "100-2", "101-2");
    }

    @Test
    void deletingAPostPurgesItsAssociationRows() {
        sessions.inTransaction(s -> s.getOne(Post.class, 100L).flatMap(post -> {
            s.delete(post);
            log.clear();
            return s.flush();
        })).block();
        // the post's comments (ALL cascade) are looked up first: there are none
        assertThat(log.statements("SELECT")).singleElement().asString().contains(" FROM uw_comments WHERE ");
        assertThat(log.statements("DELETE")).containsExactly(
                "DELETE FROM uw_post_tags WHERE uw_post_tags.post_id IN (?)",
                "DELETE FROM uw_posts WHERE uw_posts.id = ?");
        assertThat(links()).containsExactly("101-2");
        assertThat(Uow.rows(engine, "SELECT name FROM uw_tags ORDER BY id")).containsExactly("a", "b", "c");
    }

    @Test
    void deletingTagsALoadedCollectionHeldPurgesTheirRowsAndEmptiesIt() {
        sessions.withSession(s -> s.getOne(Post.class, 100L).flatMap(post -> s.load(post, TAGS)).flatMap(post -> {
            Tag a = post.tags.get(0);
            Tag b = post.tags.get(1);
            post.tags.remove(a);
            s.delete(a);
            s.delete(b);
            log.clear();
            return s.flush().then(Mono.defer(() -> {
                // the flush deleted b's row, so the loaded collection lets go of it
                assertThat(post.tags).isEmpty();
                post.title = "no longer holds the deleted tags";
                return s.commit();
            })).then(Mono.defer(() -> {
                post.title = "and after the commit";
                return s.commit();
            }));
        })).block();
        assertThat(log.all()).containsExactly(
                "DELETE FROM uw_post_tags WHERE uw_post_tags.tag_id IN (?, ?)",
                "DELETE FROM uw_tags WHERE uw_tags.id IN (?, ?)",
                "UPDATE uw_posts SET title = ? WHERE uw_posts.id = ?",
                "COMMIT",
                "BEGIN (implicit)",
                "UPDATE uw_posts SET title = ? WHERE uw_posts.id = ?",
                "COMMIT");
        assertThat(links()).isEmpty();
        assertThat(Uow.rows(engine, "SELECT name FROM uw_tags")).containsExactly("c");
    }

    @Test
    void aTagSharedByTwoNewPostsIsInsertedOnceAndLoadsAsOneObject() {
        User user = new User("sharer");
        Tag shared = new Tag("shared");
        Post one = new Post("one");
        Post two = new Post("two");
        user.posts.add(one);
        user.posts.add(two);
        one.tags.add(shared);
        two.tags.add(shared);
        assertThat(shared.posts).containsExactly(one, two);
        log.clear();
        sessions.inTransaction(s -> {
            s.add(user);
            return Mono.empty();
        }).block();
        assertThat(log.statements("INSERT")).contains(
                "INSERT INTO uw_tags (id, name) VALUES (?, ?) RETURNING id",
                "INSERT INTO uw_post_tags (post_id, tag_id) VALUES (?, ?), (?, ?)");
        assertThat(links()).contains(one.id + "-" + shared.id, two.id + "-" + shared.id);
        List<Post> loaded = sessions.withSession(s -> s.execute(select(Post.class)
                .where(Metamodel.<Long>column(Post.class, "id").in(List.of(one.id, two.id)))
                .orderBy(Metamodel.column(Post.class, "id")).options(selectinload(TAGS).selectinload(TAG_POSTS))).all()).block();
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0).tags).hasSize(1);
        assertThat(loaded.get(0).tags.get(0)).isSameAs(loaded.get(1).tags.get(0));
        assertThat(loaded.get(0).tags.get(0).posts).containsExactlyElementsOf(loaded);
    }

    @Test
    void linkingTwoPersistentObjectsWhoseOtherSidesAreUnloadedInsertsTheRow() {
        sessions.inTransaction(s -> s.getOne(Post.class, 101L).flatMap(post -> s.load(post, TAGS)).flatMap(post ->
                s.getOne(Tag.class, 3L).flatMap(tag -> {
                    assertThat(tag.posts.isLoaded()).isFalse();
                    post.tags.add(tag);
                    assertThat(tag.posts.isLoaded()).isFalse();
                    log.clear();
                    return s.flush();
                }))).block();
        assertThat(log.all()).containsExactly("INSERT INTO uw_post_tags (post_id, tag_id) VALUES (?, ?)", "COMMIT");
        assertThat(links()).containsExactly("100-1", "100-2", "101-2", "101-3");
    }
}
