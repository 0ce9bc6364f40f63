package dev.retort.core.dialect.mysql;

import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.check;
import static dev.retort.core.schema.Schema.index;
import static dev.retort.core.schema.Schema.uniqueIndex;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.types.Types.BOOLEAN;
import static dev.retort.core.types.Types.DATETIME;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.enumOf;
import static dev.retort.core.types.Types.string;

import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;

/** The blog schema of the tutorial's Day 3 exercise: users → posts → comments. */
record BlogSchema(MetaData metadata, Table users, Table posts, Table comments) {

    static BlogSchema define() {
        MetaData metadata = new MetaData();
        Table users = metadata.table("users",
                column("id", INTEGER).primaryKey(),
                column("username", string(50)).notNull().unique(),
                column("email", string(100)).notNull(),
                column("is_active", BOOLEAN).serverDefault(text("1")),
                column("created_at", DATETIME).serverDefault(text("CURRENT_TIMESTAMP")),
                index("idx_username", "username"),
                uniqueIndex("uq_email", "email"));
        Table posts = metadata.table("posts",
                column("id", INTEGER).primaryKey(),
                column("user_id", INTEGER).notNull().references("users.id"),
                column("title", string(200)).notNull(),
                column("content", TEXT),
                column("status", enumOf("draft", "published")).notNull().serverDefault("draft"),
                column("published_at", DATETIME),
                column("updated_at", DATETIME).serverDefault(text("CURRENT_TIMESTAMP"))
                        .serverOnUpdate(text("CURRENT_TIMESTAMP")),
                check("status IN ('draft', 'published')"),
                index("idx_user_status", "user_id", "status"),
                index("idx_published", "published_at"));
        Table comments = metadata.table("comments",
                column("id", INTEGER).primaryKey(),
                column("post_id", INTEGER).notNull().references("posts.id"),
                column("user_id", INTEGER).notNull().references("users.id"),
                column("content", TEXT).notNull(),
                column("approved", BOOLEAN).defaultValue(false),
                column("created_at", DATETIME).serverDefault(text("CURRENT_TIMESTAMP")),
                index("idx_post_user", "post_id", "user_id"),
                index("idx_approved", "approved"));
        return new BlogSchema(metadata, users, posts, comments);
    }

    static final String USERS = "CREATE TABLE users (\n"
            + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
            + "\tusername VARCHAR(50) NOT NULL,\n"
            + "\temail VARCHAR(100) NOT NULL,\n"
            + "\tis_active BOOL DEFAULT 1,\n"
            + "\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP,\n"
            + "\tPRIMARY KEY (id),\n"
            + "\tCONSTRAINT uq_users_username UNIQUE (username),\n"
            + "\tINDEX idx_username (username),\n"
            + "\tUNIQUE INDEX uq_email (email)\n"
            + ")";

    static final String POSTS = "CREATE TABLE posts (\n"
            + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
            + "\tuser_id INTEGER NOT NULL,\n"
            + "\ttitle VARCHAR(200) NOT NULL,\n"
            + "\tcontent TEXT,\n"
            + "\tstatus ENUM('draft', 'published') NOT NULL DEFAULT 'draft',\n"
            + "\tpublished_at DATETIME,\n"
            + "\tupdated_at DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
            + "\tPRIMARY KEY (id),\n"
            + "\tINDEX idx_user_status (user_id, status),\n"
            + "\tINDEX idx_published (published_at),\n"
            + "\tCONSTRAINT fk_posts_user_id_users FOREIGN KEY (user_id) REFERENCES users (id),\n"
            + "\tCHECK (status IN ('draft', 'published'))\n"
            + ")";

    static final String COMMENTS = "CREATE TABLE comments (\n"
            + "\tid INTEGER NOT NULL AUTO_INCREMENT,\n"
            + "\tpost_id INTEGER NOT NULL,\n"
            + "\tuser_id INTEGER NOT NULL,\n"
            + "\tcontent TEXT NOT NULL,\n"
            + "\tapproved BOOL,\n"
            + "\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP,\n"
            + "\tPRIMARY KEY (id),\n"
            + "\tINDEX idx_post_user (post_id, user_id),\n"
            + "\tINDEX idx_approved (approved),\n"
            + "\tCONSTRAINT fk_comments_post_id_posts FOREIGN KEY (post_id) REFERENCES posts (id),\n"
            + "\tCONSTRAINT fk_comments_user_id_users FOREIGN KEY (user_id) REFERENCES users (id)\n"
            + ")";
}
