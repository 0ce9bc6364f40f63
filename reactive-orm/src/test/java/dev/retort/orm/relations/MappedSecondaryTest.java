package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.session.SessionFactory;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A many-to-many whose secondary table is also mapped as an entity with a column of its own: the
 * flush writes and deletes association rows by the two keys only.
 */
@DatabaseTest
class MappedSecondaryTest {

    @Entity(table = "ms_posts")
    static class Post {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String title;

        @Relationship(secondary = "ms_post_tags", backPopulates = "posts")
        final ToMany<Tag> tags = ToMany.of(this);

        Post() {
        }

        Post(String title) {
            this.title = title;
        }
    }

    @Entity(table = "ms_tags")
    static class Tag {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(secondary = "ms_post_tags", backPopulates = "tags")
        final ToMany<Post> posts = ToMany.of(this);

        Tag() {
        }

        Tag(String name) {
            this.name = name;
        }
    }

    @Entity(table = "ms_post_tags")
    static class PostTag {
        @Id @ForeignKey(entity = Post.class) Long postId;
        @Id @ForeignKey(entity = Tag.class) Long tagId;
        @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;
    }

    static final Mapping MAPPING = Mapping.of(Post.class, Tag.class, PostTag.class);

    private final Engine engine;
    private final SessionFactory sessions;

    MappedSecondaryTest(TestDatabase db) {
        engine = db.engine();
        sessions = SessionFactory.of(engine, MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @AfterAll
    static void drop(TestDatabase db) {
        MAPPING.dropAll(db.engine()).block();
    }

    private List<String> rows() {
        return engine.execute(text("SELECT CONCAT(p.title, '/', t.name, '/', pt.created_at IS NOT NULL) FROM ms_post_tags pt"
                + " JOIN ms_posts p ON p.id = pt.post_id JOIN ms_tags t ON t.id = pt.tag_id ORDER BY p.title, t.name"))
                .scalars(String.class).collectList().block();
    }

    @Test
    void linksAreWrittenAndDeletedByTheirKeysLeavingOtherColumnsToTheirDefaults() {
        Post post = new Post("p");
        Tag java = new Tag("java");
        Tag sql = new Tag("sql");
        post.tags.add(java);
        post.tags.add(sql);
        sessions.inTransaction(s -> {
            s.add(post);
            return Mono.empty();
        }).block();
        assertThat(rows()).containsExactly("p/java/1", "p/sql/1");

        sessions.withSession(s -> s.getOne(Post.class, post.id)
                .flatMap(loaded -> s.refresh(loaded, "tags"))
                .flatMap(loaded -> {
                    loaded.tags.remove(0);
                    return s.commit();
                })).block();
        assertThat(rows()).containsExactly("p/sql/1");
    }
}
