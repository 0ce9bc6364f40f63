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
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.Tag;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

@DatabaseTest
class UnitOfWorkTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    UnitOfWorkTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Blog.MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Blog.MAPPING.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        Blog.clear(engine);
    }

    private List<String> rows(String sql) {
        return engine.execute(text(sql)).scalars(String.class).collectList().block();
    }

    @Test
    void graphOfNewObjectsIsInsertedParentsFirstWithKeysCopied() {
        User alice = new User("Alice");
        Post one = new Post("Post 1");
        Post two = new Post("Post 2");
        one.user.set(alice);
        alice.posts.add(two);
        Tag java = new Tag("java");
        one.tags.add(java);
        two.tags.add(java);
        sessions.inTransaction(s -> {
            s.add(alice);
            return Mono.empty();
        }).block();
        assertThat(log.statements("INSERT")).extracting(sql -> sql.substring(0, sql.indexOf(" (")))
                .containsExactly("INSERT INTO rl_users", "INSERT INTO rl_posts", "INSERT INTO rl_tags", "INSERT INTO rl_post_tags");
        assertThat(alice.posts).containsExactly(one, two);
        assertThat(rows("SELECT CONCAT(p.title, '/', u.name) FROM rl_posts p JOIN rl_users u ON u.id = p.user_id ORDER BY p.title"))
                .containsExactly("Post 1/Alice", "Post 2/Alice");
        assertThat(rows("SELECT CONCAT(p.title, '/', t.name) FROM rl_post_tags pt JOIN rl_posts p ON p.id = pt.post_id"
                + " JOIN rl_tags t ON t.id = pt.tag_id ORDER BY p.title")).containsExactly("Post 1/java", "Post 2/java");
    }

    @Test
    void removingAndDeleting() {
        Blog.seed(engine, 2, 3, 2);
        log.clear();
        sessions.inTransaction(s -> s.execute(select(User.class).options(selectinload(POSTS).selectinload(TAGS))).all()
                .flatMap(users -> {
                    User first = users.get(0);
                    Post moved = first.posts.get(0);
                    users.get(1).posts.add(moved);
                    Post untagged = first.posts.get(1);
                    untagged.tags.clear();
                    s.delete(untagged);
                    return s.flush();
                })).block();
        assertThat(log.all().stream().filter(sql -> sql.startsWith("UPDATE") || sql.startsWith("DELETE")).toList()).containsExactly(
                "UPDATE rl_posts SET user_id = ? WHERE rl_posts.id = ?",
                "DELETE FROM rl_post_tags WHERE rl_post_tags.post_id IN (?)",
                "DELETE FROM rl_posts WHERE rl_posts.id = ?");
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM rl_posts ORDER BY id")).containsExactly("100:2", "101:1", "200:2", "201:2", "202:2");
    }

    @Test
    void mergeCascadesThroughLoadedRelationships() {
        Blog.seed(engine, 1, 2, 0);
        User detached = sessions.withSession(s -> s.execute(select(User.class).options(selectinload(POSTS))).one()).block();
        detached.name = "renamed";
        detached.posts.get(0).title = "edited";
        Post added = new Post("added");
        detached.posts.add(added);
        User merged = sessions.inTransaction(s -> s.merge(detached)).block();
        assertThat(merged).isNotSameAs(detached);
        assertThat(merged.posts).hasSize(3).doesNotContain(added);
        assertThat(rows("SELECT name FROM rl_users")).containsExactly("renamed");
        assertThat(rows("SELECT CONCAT(title, '/', user_id) FROM rl_posts ORDER BY id")).containsExactly("edited/1", "post101/1", "added/1");
    }

    @Test
    void mergeOfANewGraphInsertsIt() {
        User carol = new User("Carol");
        carol.posts.add(new Post("hello"));
        User merged = sessions.inTransaction(s -> s.merge(carol)).block();
        assertThat(merged).isNotSameAs(carol);
        assertThat(rows("SELECT CONCAT(p.title, '/', u.name) FROM rl_posts p JOIN rl_users u ON u.id = p.user_id"))
                .containsExactly("hello/Carol");
    }

    @Test
    void aDeletedObjectLeavesTheLoadedCollectionsThatHeldItAtTheFlush() {
        Blog.seed(engine, 1, 2, 1);
        List<Integer> sizes = sessions.inTransaction(s -> s.execute(select(User.class).options(selectinload(POSTS).selectinload(TAGS)))
                .one()
                .flatMap(user -> {
                    Post first = user.posts.get(0);
                    Tag tag = first.tags.get(0);
                    s.delete(first);
                    int before = user.posts.size();
                    return s.flush().then(Mono.fromSupplier(() -> List.of(before, user.posts.size(),
                            (int) user.posts.stream().filter(post -> post == first).count())));
                })).block();
        assertThat(sizes).containsExactly(2, 1, 0);
    }

    @Test
    void queriesJoinAlongRelationships() {
        Blog.seed(engine, 2, 2, 2);
        log.clear();
        List<String> titles = sessions.withSession(s -> s.execute(select(Post.class).join(TAGS)
                        .where(Metamodel.<String>column(Tag.class, "name").eq("t0"))
                        .orderBy(Metamodel.column(Post.class, "id")))
                .all()).block().stream().map(post -> post.title).toList();
        assertThat(titles).containsExactly("post100", "post200");
        assertThat(log.statements("SELECT")).containsExactly("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts"
                + " JOIN rl_post_tags ON rl_post_tags.post_id = rl_posts.id JOIN rl_tags ON rl_tags.id = rl_post_tags.tag_id"
                + " WHERE rl_tags.name = ? ORDER BY rl_posts.id");
    }

    @Test
    void keysAreCopiedOnlyFromRelationshipsThatChanged() {
        Blog.seed(engine, 2, 2, 0);
        sessions.inTransaction(s -> s.execute(select(User.class).where(Metamodel.<Long>column(User.class, "id").eq(1L))
                        .options(selectinload(POSTS))).one()
                .flatMap(user -> {
                    Post moved = user.posts.get(0);
                    Post direct = user.posts.get(1);
                    log.clear();
                    return s.execute(text("UPDATE rl_posts SET user_id = 2 WHERE id = 100")).rowcount()
                            .then(Mono.fromRunnable(() -> {
                                s.expire(moved);
                                direct.userId = 2L;
                            }))
                            .then(s.flush());
                })).block();
        // the loaded collection did not change: the expired post keeps the row's new owner, the direct change is written
        assertThat(log.statements("UPDATE")).containsExactly("UPDATE rl_posts SET user_id = 2 WHERE id = 100",
                "UPDATE rl_posts SET user_id = ? WHERE rl_posts.id = ?");
        assertThat(rows("SELECT CONCAT(id, ':', user_id) FROM rl_posts ORDER BY id")).containsExactly("100:2", "101:2", "200:2", "201:2");
    }
}
