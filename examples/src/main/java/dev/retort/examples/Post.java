package dev.retort.examples;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Index;
import java.time.LocalDateTime;

/**
 * The tutorial's Day 5 post, mapped to {@code posts}: a foreign key to {@link User} (the post
 * holds its author's id; Day 8 adds relationships that hold the user itself), a server-filled
 * creation time, and an index over author and time.
 */
@Entity(table = "posts", engine = "InnoDB", charset = "utf8mb4",
        indexes = @Index(name = "idx_user_created", columns = {"user_id", "created_at"}))
final class Post {

    @Id @GeneratedValue Integer id;
    @Column(length = 200, nullable = false) String title;
    @Column(length = 1000) String content;
    @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;
    @Column(nullable = false) @ForeignKey(entity = User.class) Integer userId;

    Post() {
    }

    Post(String title, String content, Integer userId) {
        this.title = title;
        this.content = content;
        this.userId = userId;
    }

    @Override
    public String toString() {
        return "Post(id=" + id + ", title=" + title + ")";
    }
}
