package dev.retort.orm.relations;

import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static dev.retort.orm.relations.Sqls.echoed;
import static dev.retort.orm.relations.Sqls.params;
import static dev.retort.orm.relations.Sqls.placeholders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.Tag;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.session.SessionFactory;
import dev.retort.orm.session.SessionOptions;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How many statements each loader sends, their chunking, and their exact SQL. */
@DatabaseTest
class StatementCountTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");
    static final Relation<Post, User> USER = Metamodel.relation(Post.class, "user");
    static final Column<Long> USER_ID = Metamodel.column(User.class, "id");
    static final Column<Long> POST_ID = Metamodel.column(Post.class, "id");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    StatementCountTest(TestDatabase db) {
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

    private static void assertSeeded(List<User> users, int count) {
        assertThat(users).hasSize(count);
        for (User user : users) {
            assertThat(user.posts).hasSize(10);
            for (int p = 0; p < 10; p++) {
                Post post = user.posts.get(p);
                assertThat(post.id).isEqualTo(user.id * 100 + p);
                assertThat(post.user.get()).isSameAs(user);
                assertThat(post.tags).extracting(tag -> tag.name)
                        .containsExactlyElementsOf(IntStream.range(0, 3).mapToObj(t -> "t" + (post.id + t) % 5).sorted().toList());
            }
        }
    }

    @Test
    void chainedSelectinWithBatchSize1000IsThreeStatements() {
        Blog.seed(engine, 100, 10, 3);
        SessionFactory wide = SessionFactory.of(log.engine(), Blog.MAPPING, SessionOptions.DEFAULTS.withBatchSize(1000));
        log.clear();

        List<User> users = wide.withSession(s -> s.execute(select(User.class).orderBy(USER_ID)
                .options(selectinload(POSTS).selectinload(TAGS))).all()).block();

        // users; posts of the 100 users; tags of the 1,000 posts (one IN list of 1,000 with batchSize 1000)
        List<String> selects = log.statements("SELECT");
        assertThat(selects).hasSize(3);
        assertThat(selects.get(0)).isEqualTo("SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id");
        assertThat(selects.get(1)).isEqualTo("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts"
                + " WHERE rl_posts.user_id IN " + params(100) + " ORDER BY rl_posts.id");
        // 1,000 placeholders make the statement longer than the echo shows: compare what it shows (head and length)
        assertThat(selects.get(2)).isEqualTo(echoed("SELECT rl_tags.id, rl_tags.name, rl_post_tags.post_id FROM rl_tags"
                + " JOIN rl_post_tags ON rl_tags.id = rl_post_tags.tag_id WHERE rl_post_tags.post_id IN " + params(1000)
                + " ORDER BY rl_tags.name"));
        assertSeeded(users, 100);
    }

    @Test
    void chainedSelectinWithTheDefaultBatchSizeIsFourStatements() {
        Blog.seed(engine, 100, 10, 3);
        log.clear();

        List<User> users = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID)
                .options(selectinload(POSTS).selectinload(TAGS))).all()).block();

        // with the default batch size of 500 the second level's 1,000 posts need two IN statements of 500:
        // users, posts (100 parents: one chunk), tags for posts 1-500, tags for posts 501-1000
        List<String> selects = log.statements("SELECT");
        assertThat(selects).hasSize(4);
        assertThat(placeholders(selects.get(1))).isEqualTo(100);
        assertThat(selects.get(2)).isEqualTo(selects.get(3)).contains("rl_post_tags.post_id IN " + params(500));
        assertThat(placeholders(selects.get(2))).isEqualTo(500);
        assertSeeded(users, 100);
    }

    @Test
    void chainedJoinedIsOneStatement() {
        Blog.seed(engine, 100, 10, 3);
        log.clear();

        List<User> users = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID)
                .options(joinedload(POSTS).joinedload(TAGS))).all()).block();

        assertThat(log.statements("SELECT")).containsExactly("SELECT rl_users.id, rl_users.name, rl_posts_1.id, rl_posts_1.user_id,"
                + " rl_posts_1.title, rl_tags_2.id, rl_tags_2.name FROM rl_users"
                + " LEFT OUTER JOIN rl_posts AS rl_posts_1 ON rl_posts_1.user_id = rl_users.id"
                + " LEFT OUTER JOIN rl_post_tags AS rl_post_tags_3 ON rl_post_tags_3.post_id = rl_posts_1.id"
                + " LEFT OUTER JOIN rl_tags AS rl_tags_2 ON rl_tags_2.id = rl_post_tags_3.tag_id"
                + " ORDER BY rl_users.id, rl_posts_1.id, rl_tags_2.name");
        assertSeeded(users, 100);
    }

    @Test
    void oneLevelOver1200UsersIsTheQueryAndThreeChunks() {
        Blog.seed(engine, 1200, 1, 0);
        log.clear();

        List<User> users = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID)
                .options(selectinload(POSTS))).all()).block();

        List<String> selects = log.statements("SELECT");
        assertThat(selects).hasSize(4);
        assertThat(selects.get(0)).isEqualTo("SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id");
        assertThat(selects.subList(1, 4)).extracting(Sqls::placeholders).containsExactly(500, 500, 200);
        assertThat(selects.get(3)).isEqualTo("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts"
                + " WHERE rl_posts.user_id IN " + params(200) + " ORDER BY rl_posts.id");
        assertThat(users).hasSize(1200);
        assertThat(users).allSatisfy(user -> assertThat(user.posts).extracting(post -> post.id).containsExactly(user.id * 100));
    }

    @Test
    void firstAndOneWithSelectinReadOnlyTheRowsTheyNeed() {
        Blog.seed(engine, 1200, 2, 0);
        log.clear();

        List<Object> first = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID).options(selectinload(POSTS)))
                .first().map(user -> List.<Object>of(user.id, user.posts.size(), s.identityMap().size()))).block();
        // the first user and its two posts: the other 1,199 rows were discarded, not turned into objects
        assertThat(first).containsExactly(1L, 2, 3);
        assertThat(log.statements("SELECT")).containsExactly("SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id",
                "SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts WHERE rl_posts.user_id IN (?) ORDER BY rl_posts.id");

        List<Object> one = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID).options(selectinload(POSTS)))
                .one().map(List::<Object>of).onErrorResume(error -> reactor.core.publisher.Mono.just(
                        List.of(error.getClass().getSimpleName(), error.getMessage(), s.identityMap().size())))).block();
        assertThat(one).containsExactly("MultipleResultsFoundException", "The query returned more than one object; one() needs"
                + " exactly one", 2);
    }

    @Test
    void firstWithAJoinedCollectionStillReadsTheFirstObjectsRows() {
        Blog.seed(engine, 3, 4, 0);
        User first = sessions.withSession(s -> s.execute(select(User.class).orderBy(USER_ID).options(joinedload(POSTS))).first())
                .block();
        assertThat(first.posts).extracting(post -> post.id).containsExactly(100L, 101L, 102L, 103L);
    }

    @Test
    void manyToOneSelectinNamesEachDistinctUserOnce() {
        Blog.seed(engine, 3, 4, 0);
        log.clear();

        List<Post> posts = sessions.withSession(s -> s.execute(select(Post.class).orderBy(POST_ID)
                .options(selectinload(USER))).all()).block();

        // 12 posts, 3 distinct user ids: the IN list has 3 entries
        assertThat(log.statements("SELECT")).containsExactly(
                "SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts ORDER BY rl_posts.id",
                "SELECT rl_users.id, rl_users.name FROM rl_users WHERE rl_users.id IN (?, ?, ?)");
        assertThat(posts).hasSize(12);
        assertThat(posts).allSatisfy(post -> assertThat(post.user.get().id).isEqualTo(post.userId));
        assertThat(posts.get(0).user.get()).isSameAs(posts.get(3).user.get());
        assertThat(posts.stream().map(post -> post.user.get()).distinct()).hasSize(3);
    }

    @Test
    void joinedManyToOneIsOneStatement() {
        Blog.seed(engine, 2, 2, 0);
        log.clear();

        List<Post> posts = sessions.withSession(s -> s.execute(select(Post.class).orderBy(POST_ID)
                .options(joinedload(USER))).all()).block();

        assertThat(log.statements("SELECT")).containsExactly("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title,"
                + " rl_users_1.id, rl_users_1.name FROM rl_posts LEFT OUTER JOIN rl_users AS rl_users_1"
                + " ON rl_users_1.id = rl_posts.user_id ORDER BY rl_posts.id");
        assertThat(posts).extracting(post -> post.user.get().name).containsExactly("user1", "user1", "user2", "user2");
        assertThat(posts.get(0).user.get()).isSameAs(posts.get(1).user.get());
    }
}
