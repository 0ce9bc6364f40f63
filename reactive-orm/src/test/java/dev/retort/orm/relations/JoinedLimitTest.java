package dev.retort.orm.relations;

import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.Tag;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.session.SessionFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** joinedload of collections under LIMIT/OFFSET: the limit counts objects (the query becomes a subquery). */
@DatabaseTest
class JoinedLimitTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");
    static final Relation<Post, User> USER = Metamodel.relation(Post.class, "user");
    static final Column<Long> USER_ID = Metamodel.column(User.class, "id");
    static final Column<String> USER_NAME = Metamodel.column(User.class, "name");
    static final Column<Long> POST_ID = Metamodel.column(Post.class, "id");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    JoinedLimitTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Blog.MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Blog.MAPPING.createAll(db.engine()).block();
    }

    /** Users 1…6 with 3 posts each (ids u*100 + 0…2), every post with 2 tags. */
    @BeforeEach
    void seed() {
        Blog.seed(engine, 6, 3, 2);
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
    }

    private static void assertAllPosts(List<User> users) {
        for (User user : users) {
            assertThat(user.posts).extracting(post -> post.id)
                    .containsExactly(user.id * 100, user.id * 100 + 1, user.id * 100 + 2);
        }
    }

    @Test
    void limitAndOffsetCountUsersNotRows() {
        List<User> users = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID).limit(3).offset(2)
                .options(joinedload(POSTS))).all()).block();

        assertThat(users).extracting(user -> user.id).containsExactly(3L, 4L, 5L);
        assertAllPosts(users);
        assertThat(log.statements("SELECT")).containsExactly("SELECT anon_1.id, anon_1.name, rl_posts_1.id, rl_posts_1.user_id,"
                + " rl_posts_1.title FROM (SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id LIMIT 3 OFFSET 2)"
                + " AS anon_1 LEFT OUTER JOIN rl_posts AS rl_posts_1 ON rl_posts_1.user_id = anon_1.id"
                + " ORDER BY anon_1.id, rl_posts_1.id");
    }

    @Test
    void descendingOrderIsKeptOutsideTheSubquery() {
        List<User> users = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID.desc()).limit(2)
                .options(joinedload(POSTS).joinedload(TAGS))).all()).block();

        assertThat(users).extracting(user -> user.id).containsExactly(6L, 5L);
        assertAllPosts(users);
        assertThat(users.get(0).posts.get(0).tags).hasSize(2);
        String sql = log.statements("SELECT").get(0);
        assertThat(sql).contains("FROM (SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id DESC LIMIT 2) AS anon_1")
                .endsWith("ORDER BY anon_1.id DESC, rl_posts_1.id, rl_tags_2.name");
    }

    @Test
    void aJoinedToOneUnderALimitNeedsNoSubquery() {
        List<Post> posts = sessions.withSession(s -> s.execute(select(Post.class).orderBy(POST_ID).limit(4)
                .options(joinedload(USER))).all()).block();

        assertThat(posts).extracting(post -> post.id).containsExactly(100L, 101L, 102L, 200L);
        assertThat(posts).extracting(post -> post.user.get().id).containsExactly(1L, 1L, 1L, 2L);
        assertThat(log.statements("SELECT")).containsExactly("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title,"
                + " rl_users_1.id, rl_users_1.name FROM rl_posts LEFT OUTER JOIN rl_users AS rl_users_1"
                + " ON rl_users_1.id = rl_posts.user_id ORDER BY rl_posts.id LIMIT 4");
    }

    @Test
    void oneAndFirstCountObjectsNotRows() {
        User one = sessions.withSession(s -> s.execute(select(User.class).where(USER_ID.eq(2L)).options(joinedload(POSTS))).one())
                .block();
        assertThat(one.id).isEqualTo(2L);
        assertAllPosts(List.of(one));

        User first = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID).limit(1).offset(3)
                .options(joinedload(POSTS))).first()).block();
        assertThat(first.id).isEqualTo(4L);
        assertAllPosts(List.of(first));
    }

    @Test
    void orderingByAnExpressionUnderALimitWithAJoinedCollectionIsRefused() {
        StepVerifier.create(sessions.withSession(s -> s.execute(select(User.class).orderBy(Sql.func.lower(USER_NAME)).limit(2)
                        .options(joinedload(POSTS))).all()))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("A joined collection with LIMIT/OFFSET wraps the query in a subquery")
                        .hasMessageContaining("needs ORDER BY on columns of User")
                        .hasMessageContaining("load the collection with selectinload"))
                .verify(Duration.ofSeconds(10));
        assertThat(log.statements("SELECT")).isEmpty();

        // the same ordering is fine without the limit (no subquery needed)
        List<User> users = sessions.withSession(s -> s.execute(select(User.class).orderBy(Sql.func.lower(USER_NAME))
                .options(joinedload(POSTS))).all()).block();
        assertThat(users).hasSize(6);
        assertAllPosts(users);
    }
}
