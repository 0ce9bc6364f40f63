package dev.retort.examples;

import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import java.time.LocalDateTime;

/**
 * The tutorial's Day 5 user, mapped to {@code users}: an auto-increment key, a unique user name
 * (so a unique index), and a creation time the server fills in. Day 6 follows this same model
 * through its life cycle.
 */
@Entity(table = "users", engine = "InnoDB", charset = "utf8mb4")
final class User {

    @Id @GeneratedValue Integer id;
    @Column(length = 50, nullable = false, unique = true) String username;
    @Column(length = 100, nullable = false) String email;
    @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;

    User() {
    }

    User(String username, String email) {
        this.username = username;
        this.email = email;
    }

    @Override
    public String toString() {
        return "User(id=" + id + ", username=" + username + ")";
    }
}
