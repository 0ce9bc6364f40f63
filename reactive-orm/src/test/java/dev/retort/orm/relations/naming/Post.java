package dev.retort.orm.relations.naming;

import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToOne;

/** The other side of {@link User#posts}. */
@Entity(table = "ld_nm_posts")
class Post {
    @Id Long id;
    @ForeignKey(entity = User.class) Long userId;

    @Relationship(backPopulates = "posts")
    final ToOne<User> user = ToOne.of(this);
}
