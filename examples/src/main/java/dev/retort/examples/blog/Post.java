package dev.retort.examples.blog;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.ColumnType;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import java.time.Instant;

/**
 * A post: many-to-one to its {@link User} ({@code author}, through {@code author_id}) and
 * many-to-many to {@link Tag}s through {@code post_tags} (created by the mapping, both keys
 * {@code ON DELETE CASCADE}). Neither relationship loads on access: the service asks for them with
 * {@code selectinload} or {@code session.load}.
 */
@Entity(table = "posts")
class Post {

    @Id @GeneratedValue Integer id;
    @Column(length = 200, nullable = false) String title;
    @Column(type = ColumnType.TEXT, nullable = false) String body;
    @Column(nullable = false) @ForeignKey(entity = User.class) Integer authorId;
    @Column(serverDefault = "CURRENT_TIMESTAMP") Instant createdAt;   // read back after the INSERT

    @Relationship
    final ToOne<User> author = ToOne.of(this);

    @Relationship(secondary = "post_tags", orderBy = "name")
    final ToMany<Tag> tags = ToMany.of(this);

    Post() {
    }

    Post(String title, String body, Integer authorId) {
        this.title = title;
        this.body = body;
        this.authorId = authorId;
    }
}
