package dev.retort.examples.blog;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;

/**
 * An author. {@code username} is unique in the database (a second user with the same name fails the
 * flush with an {@code IntegrityException}, which the API answers with 409). Posts point at their
 * user ({@link Post#author}); deleting a user who still has posts violates that foreign key (409 too).
 */
@Entity(table = "users")
class User {

    @Id @GeneratedValue Integer id;
    @Column(length = 30, nullable = false, unique = true) String username;
    @Column(length = 100, nullable = false) String displayName;

    User() {
    }

    User(String username, String displayName) {
        this.username = username;
        this.displayName = displayName;
    }
}
