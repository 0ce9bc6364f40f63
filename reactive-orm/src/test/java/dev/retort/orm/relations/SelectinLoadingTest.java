package dev.retort.orm.relations;

import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.Tag;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.session.SessionFactory;
import dev.retort.orm.session.SessionOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@DatabaseTest
class SelectinLoadingTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    SelectinLoadingTest(TestDatabase db) {
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

    @Test
    void chainedSelectinLoadsThreeLevelsInThreeStatements() {
        Blog.seed(engine, 100, 10, 3);
        log.clear();
        SessionFactory wide = SessionFactory.of(log.engine(), Blog.MAPPING, SessionOptions.DEFAULTS.withBatchSize(1000));
        List<User> users = wide.withSession(s -> s.execute(select(User.class).orderBy(Metamodel.column(User.class, "id"))
                .options(selectinload(POSTS).selectinload(TAGS))).all()).block();
        assertThat(log.statements("SELECT")).hasSize(3);
        assertThat(users).hasSize(100);
        assertThat(users.get(0).posts).hasSize(10);
        assertThat(users.get(0).posts.get(0).tags).hasSize(3);
        assertThat(users.get(0).posts.get(0).user.get()).isSameAs(users.get(0));
        assertThat(log.statements("SELECT").get(0)).isEqualTo("SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id");
    }

    @Test
    void readingAnUnloadedRelationshipRaisesNamingTheGeneratedConstant() {
        Blog.seed(engine, 1, 1, 1);
        User user = sessions.withSession(s -> s.getOne(User.class, 1L)).block();
        assertThatThrownBy(user.posts::size).isInstanceOf(NotLoadedException.class)
                .hasMessageStartingWith("User.posts is not loaded, and Retort never loads on access.")
                .hasMessageContaining("selectinload(Blog_User_.POSTS)")
                .hasMessageContaining("session.load(user, Blog_User_.POSTS)");
    }

    @Test
    void chainedJoinedLoadsInOneStatement() {
        Blog.seed(engine, 100, 10, 3);
        log.clear();
        List<User> users = sessions.withSession(s -> s.execute(select(User.class).orderBy(Metamodel.column(User.class, "id"))
                .options(joinedload(POSTS).joinedload(TAGS))).all()).block();
        assertThat(log.statements("SELECT")).hasSize(1);
        assertThat(users).hasSize(100);
        assertThat(users.get(0).posts).hasSize(10);
        assertThat(users.get(0).posts.get(0).tags).hasSize(3);
        assertThat(log.statements("SELECT").get(0)).contains(" LEFT OUTER JOIN rl_posts ", " LEFT OUTER JOIN rl_post_tags ",
                " LEFT OUTER JOIN rl_tags ");
    }

    @Test
    void pagesOfAJoinedQueryDoNotRepeatAnObjectWhoseRowsStraddleTheirBoundary() {
        Blog.seed(engine, 3, 2, 0);
        SessionFactory narrow = SessionFactory.of(log.engine(), Blog.MAPPING, SessionOptions.DEFAULTS.withBatchSize(3));
        List<Long> ids = narrow.withSessionMany(s -> s.scalars(select(User.class).join(POSTS)
                        .orderBy(Metamodel.column(User.class, "name")).options(selectinload(POSTS))))
                .map(user -> user.id).collectList().block();
        // 6 rows in pages of 3: user 2's two rows fall on both sides of the first boundary
        assertThat(ids).containsExactly(1L, 2L, 3L);
    }
}
