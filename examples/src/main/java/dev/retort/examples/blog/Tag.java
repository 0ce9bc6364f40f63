package dev.retort.examples.blog;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;

/**
 * A tag with a unique name. The many-to-many to posts is declared on {@link Post#tags} only: deleting
 * a tag removes its {@code post_tags} rows through the association table's {@code ON DELETE CASCADE}.
 */
@Entity(table = "tags")
class Tag {

    @Id @GeneratedValue Integer id;
    @Column(length = 30, nullable = false, unique = true) String name;

    Tag() {
    }

    Tag(String name) {
        this.name = name;
    }
}
