package dev.retort.orm.relations.naming;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NotLoadedException names the attribute and the generated constants that load it; the fixes it names work. */
@DatabaseTest
class NotLoadedMessageTest {

    static final Mapping MAPPING = Mapping.of(User.class, Post.class);

    private final SessionFactory sessions;

    NotLoadedMessageTest(Engine engine) {
        sessions = SessionFactory.of(engine, MAPPING);
    }

    @BeforeAll
    static void create(Engine engine) {
        MAPPING.createAll(engine).block();
        engine.execute(text("INSERT INTO ld_nm_users (id, name) VALUES (1, 'ann')")).rowcount().block();
        engine.execute(text("INSERT INTO ld_nm_posts (id, user_id) VALUES (10, 1), (11, 1)")).rowcount().block();
    }

    @Test
    void theMessageNamesTheAttributeAndTheLoaders() {
        User user = sessions.withSession(s -> s.get(User.class, 1L)).block();
        assertThatThrownBy(user.posts::size).isInstanceOf(NotLoadedException.class)
                .hasMessageStartingWith("User.posts is not loaded, and Retort never loads on access.")
                .hasMessageContaining("select(User.class).options(selectinload(User_.POSTS)) or joinedload(User_.POSTS)")
                .hasMessageContaining("session.load(user, User_.POSTS)")
                .hasMessageContaining("@Relationship(loading = Loading.SELECTIN)");

        Post post = sessions.withSession(s -> s.get(Post.class, 10L)).block();
        assertThatThrownBy(post.user::get).isInstanceOf(NotLoadedException.class)
                .hasMessageStartingWith("Post.user is not loaded")
                .hasMessageContaining("selectinload(Post_.USER)");
    }

    @Test
    void theNamedConstantsExistAndLoad() {
        // the constants the message names are the generated metamodel's
        List<User> users = sessions.withSession(s -> s.execute(select(User.class).options(selectinload(User_.POSTS))).all()).block();
        assertThat(users.get(0).posts).extracting(post -> post.id).containsExactly(10L, 11L);
        User loaded = sessions.withSession(s -> s.get(User.class, 1L).flatMap(user -> s.load(user, User_.POSTS))).block();
        assertThat(loaded.posts).hasSize(2);
    }
}
