package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import java.util.ArrayList;
import java.util.List;

/**
 * The relationship tests' model: users ← posts ↔ tags (through {@code rl_post_tags}), and a data
 * set written with core statements: {@code users} users with ids 1…n, {@code posts} posts each
 * (ids {@code user * 100 + i}), every post tagged with {@code tags} of 5 tags ({@code post % 5 …}).
 */
final class Blog {

    @Entity(table = "rl_users")
    static class User {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "user", orderBy = "id")
        final ToMany<Post> posts = ToMany.of(this);

        User() {
        }

        User(String name) {
            this.name = name;
        }
    }

    @Entity(table = "rl_posts")
    static class Post {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = User.class) Long userId;
        @Column(length = 80) String title;

        @Relationship(backPopulates = "posts")
        final ToOne<User> user = ToOne.of(this);

        @Relationship(secondary = "rl_post_tags", backPopulates = "posts", orderBy = "name")
        final ToMany<Tag> tags = ToMany.of(this);

        Post() {
        }

        Post(String title) {
            this.title = title;
        }
    }

    @Entity(table = "rl_tags")
    static class Tag {
        @Id @GeneratedValue Long id;
        @Column(length = 40, unique = true) String name;

        @Relationship(secondary = "rl_post_tags", backPopulates = "tags", orderBy = "id")
        final ToMany<Post> posts = ToMany.of(this);

        Tag() {
        }

        Tag(String name) {
            this.name = name;
        }
    }

    static final Mapping MAPPING = Mapping.of(User.class, Post.class, Tag.class);

    private Blog() {
    }

    static void clear(Engine engine) {
        for (String table : List.of("rl_post_tags", "rl_posts", "rl_tags", "rl_users")) {
            engine.execute(text("DELETE FROM " + table)).rowcount().block();
        }
    }

    /** Writes the data set described in the class comment (5 tags named t0…t4 with ids 1…5). */
    static void seed(Engine engine, int users, int posts, int tags) {
        clear(engine);
        List<String> statements = new ArrayList<>();
        statements.add("INSERT INTO rl_tags (id, name) VALUES (1, 't0'), (2, 't1'), (3, 't2'), (4, 't3'), (5, 't4')");
        StringBuilder userRows = new StringBuilder();
        StringBuilder postRows = new StringBuilder();
        StringBuilder tagRows = new StringBuilder();
        for (int u = 1; u <= users; u++) {
            userRows.append(userRows.length() == 0 ? "" : ", ").append("(").append(u).append(", 'user").append(u).append("')");
            for (int p = 0; p < posts; p++) {
                long post = u * 100L + p;
                postRows.append(postRows.length() == 0 ? "" : ", ").append("(").append(post).append(", ").append(u)
                        .append(", 'post").append(post).append("')");
                for (int t = 0; t < tags; t++) {
                    tagRows.append(tagRows.length() == 0 ? "" : ", ").append("(").append(post).append(", ")
                            .append((post + t) % 5 + 1).append(")");
                }
            }
        }
        if (users > 0) {
            statements.add("INSERT INTO rl_users (id, name) VALUES " + userRows);
        }
        if (postRows.length() > 0) {
            statements.add("INSERT INTO rl_posts (id, user_id, title) VALUES " + postRows);
        }
        if (tagRows.length() > 0) {
            statements.add("INSERT INTO rl_post_tags (post_id, tag_id) VALUES " + tagRows);
        }
        for (String sql : statements) {
            engine.execute(text(sql)).rowcount().block();
        }
    }
}
