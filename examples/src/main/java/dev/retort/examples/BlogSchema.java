package dev.retort.examples;

import static dev.retort.core.schema.Schema.check;
import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.index;
import static dev.retort.core.schema.Schema.uniqueIndex;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.types.Types.BOOLEAN;
import static dev.retort.core.types.Types.DATETIME;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.enumOf;
import static dev.retort.core.types.Types.string;

import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import java.time.LocalDateTime;

/**
 * The tutorial's Day 3 blog schema: users → posts → comments, with foreign keys, an enum status
 * with a server default, a check, client and server defaults and indexes. {@code users} is a
 * typed table class; {@code posts} and {@code comments} are defined dynamically, to show both.
 */
final class BlogSchema {

    /** The users table as a typed table class: statements can use {@code users.username} directly. */
    static final class Users extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> username = column("username", string(50)).notNull().unique();
        final Column<String> email = column("email", string(100)).notNull();
        final Column<Boolean> isActive = column("is_active", BOOLEAN).serverDefault(text("1"));
        final Column<LocalDateTime> createdAt = column("created_at", DATETIME).serverDefault(text("CURRENT_TIMESTAMP"));

        Users(MetaData metadata) {
            super(metadata, "users");
            add(index("idx_username", "username"), uniqueIndex("uq_email", "email"));
        }
    }

    final MetaData metadata = new MetaData();
    final Users users = new Users(metadata);
    final Table posts = metadata.table("posts",
            column("id", INTEGER).primaryKey(),
            column("user_id", INTEGER).notNull().references("users.id"),
            column("title", string(200)).notNull(),
            column("content", TEXT),
            column("status", enumOf("draft", "published")).notNull().serverDefault("draft"),
            column("published_at", DATETIME),
            column("updated_at", DATETIME).serverDefault(text("CURRENT_TIMESTAMP"))
                    .serverOnUpdate(text("CURRENT_TIMESTAMP")),
            check("ck_posts_status", "status IN ('draft', 'published')"),
            index("idx_user_status", "user_id", "status"),
            index("idx_published", "published_at"));
    final Table comments = metadata.table("comments",
            column("id", INTEGER).primaryKey(),
            column("post_id", INTEGER).notNull().references("posts.id"),
            column("user_id", INTEGER).notNull().references("users.id"),
            column("content", TEXT).notNull(),
            column("approved", BOOLEAN).defaultValue(false),
            column("created_at", DATETIME).serverDefault(text("CURRENT_TIMESTAMP")),
            index("idx_post_user", "post_id", "user_id"),
            index("idx_approved", "approved"));
}
