package dev.retort.core.sql;

import static dev.retort.core.sql.GoldenSchema.BOTH;
import static dev.retort.core.sql.GoldenSchema.CLOCK;
import static dev.retort.core.sql.GoldenSchema.COMMENTS;
import static dev.retort.core.sql.GoldenSchema.COUNTERS;
import static dev.retort.core.sql.GoldenSchema.EVENTS;
import static dev.retort.core.sql.GoldenSchema.MARIADB;
import static dev.retort.core.sql.GoldenSchema.MYSQL;
import static dev.retort.core.sql.GoldenSchema.MYSQL_8018;
import static dev.retort.core.sql.GoldenSchema.ORDER;
import static dev.retort.core.sql.GoldenSchema.POSTS;
import static dev.retort.core.sql.GoldenSchema.SEQUENCE;
import static dev.retort.core.sql.GoldenSchema.TAGS;
import static dev.retort.core.sql.GoldenSchema.USERS;
import static dev.retort.core.sql.GoldenSchema.anon;
import static dev.retort.core.sql.GoldenSchema.assertCompiles;
import static dev.retort.core.sql.GoldenSchema.sql;
import static dev.retort.core.sql.Sql.bindparam;
import static dev.retort.core.sql.Sql.delete;
import static dev.retort.core.sql.Sql.exists;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.inserted;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.nullValue;
import static dev.retort.core.sql.Sql.or;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.GoldenSchema.Status;
import dev.retort.core.types.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Golden SQL for INSERT, UPDATE and DELETE on MySQL 8.0 and MariaDB 10.11 (and older servers where they differ). */
class InsertUpdateDeleteCompileTest {

    /** An ordered row: column, value, column, value… */
    private static Map<Column<?>, Object> row(Object... columnsAndValues) {
        Map<Column<?>, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((Column<?>) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    @Nested
    class Inserts {

        @Test
        void singleRow() {
            assertCompiles(insert(USERS).value(USERS.name, "Ann").value(USERS.age, 31),
                    "INSERT INTO users (name, age) VALUES (?, ?)", "Ann", 31);
        }

        @Test
        void valueReplacesAnEarlierValue() {
            assertCompiles(insert(USERS).value(USERS.name, "Ann").value(USERS.age, 31).value(USERS.name, "Bo"),
                    "INSERT INTO users (name, age) VALUES (?, ?)", "Bo", 31);
        }

        @Test
        void singleRowFromMapAndNullValue() {
            assertCompiles(insert(USERS).values(row(USERS.name, "Ann", USERS.email, null)),
                    "INSERT INTO users (name, email) VALUES (?, ?)", "Ann", null);
        }

        @Test
        void expressionValues() {
            assertCompiles(insert(USERS).values(row(USERS.name, func.upper(Sql.literal("ann", Types.TEXT)),
                            USERS.age, Sql.literal(3, Types.INTEGER).plus(4), USERS.email, nullValue())),
                    "INSERT INTO users (name, age, email) VALUES (UPPER(?), ? + ?, NULL)", "ann", 3, 4);
        }

        @Test
        void multiRow() {
            assertCompiles(insert(USERS).values(List.of(row(USERS.name, "a", USERS.age, 1), row(USERS.name, "b", USERS.age, 2),
                            row(USERS.age, 3, USERS.name, "c"))),
                    "INSERT INTO users (name, age) VALUES (?, ?), (?, ?), (?, ?)", "a", 1, "b", 2, "c", 3);
        }

        @Test
        void multiRowMustNameTheSameColumns() {
            assertThatThrownBy(() -> insert(USERS).values(List.of(row(USERS.name, "a"), row(USERS.age, 2))))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name").hasMessageContaining("age");
            assertThatThrownBy(() -> insert(USERS).values(List.of(row(USERS.name, "a"), row(USERS.name, "b"))).value(USERS.age, 1))
                    .isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void columnOfAnotherTableIsRefused() {
            assertThatThrownBy(() -> insert(USERS).value(POSTS.title, "x"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("users");
        }

        @Test
        void noValuesAtAll() {
            assertCompiles(insert(TAGS), "INSERT INTO tags () VALUES ()");
        }

        @Test
        void executemanyStyleWithNamedParameters() {
            Compiled compiled = insert(TAGS).value(TAGS.label, null).values(List.of()).compile(MYSQL);
            assertThat(compiled.sql()).isEqualTo("INSERT INTO tags (label) VALUES (?)");
            Compiled named = insert(USERS).values(row(USERS.name, bindparam("n", Types.TEXT))).compile(MARIADB);
            assertThat(named.sql()).isEqualTo("INSERT INTO users (name) VALUES (?)");
            assertThat(named.parameterNames()).containsExactly("n");
            assertThat(named.bind(Map.of("n", "Zed"))).containsExactly("Zed");
        }

        @Test
        void clientDefaultValueFillsMissingColumnAndEnumIsBoundAsLabel() {
            assertCompiles(insert(POSTS).value(POSTS.userId, 1).value(POSTS.title, "t"),
                    "INSERT INTO posts (user_id, title, status) VALUES (?, ?, ?)", 1, "t", "draft");
            assertCompiles(insert(POSTS).value(POSTS.userId, 1).value(POSTS.status, Status.published).value(POSTS.title, "t"),
                    "INSERT INTO posts (user_id, status, title) VALUES (?, ?, ?)", 1, "published", "t");
        }

        @Test
        void clientDefaultSupplierRunsPerRow() {
            for (Dialect dialect : BOTH) {
                SEQUENCE.set(100);
                Compiled compiled = insert(COMMENTS).values(List.of(row(COMMENTS.postId, 1, COMMENTS.content, "a"),
                        row(COMMENTS.postId, 2, COMMENTS.content, "b"))).compile(dialect);
                assertThat(compiled.sql()).isEqualTo(
                        "INSERT INTO comments (post_id, content, approved, seq) VALUES (?, ?, ?, ?), (?, ?, ?, ?)");
                assertThat(compiled.parameterNames()).isEqualTo(anon(8));
                List<Object> values = compiled.bind(Map.of());
                assertThat(values).hasSize(8);
                assertThat(values.subList(0, 2)).containsExactly(1, "a");
                assertThat(values.subList(4, 6)).containsExactly(2, "b");
                assertThat(values.get(3)).isEqualTo(101);
                assertThat(values.get(7)).isEqualTo(102);
            }
        }

        @Test
        void clientDefaultsWithNoValuesGiven() {
            SEQUENCE.set(0);
            Compiled compiled = insert(COMMENTS).compile(MYSQL);
            assertThat(compiled.sql()).isEqualTo("INSERT INTO comments (approved, seq) VALUES (?, ?)");
            assertThat(compiled.parameterNames()).containsExactly("#1", "#2");
            assertThat(compiled.bind(Map.of()).get(1)).isEqualTo(1);
        }

        @Test
        void fromSelect() {
            assertCompiles(insert(TAGS).fromSelect(List.of(TAGS.label), select(USERS.name).where(USERS.age.gt(30))),
                    "INSERT INTO tags (label) SELECT users.name FROM users WHERE users.age > ?", 30);
            assertCompiles(insert(TAGS).fromSelect(List.of(TAGS.id, TAGS.label),
                            select(USERS.id, USERS.name).union(select(POSTS.id, POSTS.title))),
                    "INSERT INTO tags (id, label) SELECT users.id, users.name FROM users"
                            + " UNION SELECT posts.id, posts.title FROM posts");
        }

        @Test
        void fromSelectColumnCountMustMatch() {
            assertThatThrownBy(() -> insert(TAGS).fromSelect(List.of(TAGS.label), select(USERS.id, USERS.name)))
                    .isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void onDuplicateKeyUpdateWithRowAliasOnMySql8019Plus() {
            Insert upsert = insert(COUNTERS).value(COUNTERS.name, "home").value(COUNTERS.hits, 1)
                    .onDuplicateKeyUpdate(Map.of(COUNTERS.hits, COUNTERS.hits.plus(inserted(COUNTERS.hits))));
            assertCompiles(MYSQL, upsert,
                    "INSERT INTO counters (name, hits) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE hits = counters.hits + new.hits",
                    "home", 1);
            assertCompiles(MySqlDialect.forServer("8.0.19", false), upsert,
                    "INSERT INTO counters (name, hits) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE hits = counters.hits + new.hits",
                    "home", 1);
        }

        @Test
        void onDuplicateKeyUpdateWithValuesOnMariaDbAndOldMySql() {
            Insert upsert = insert(COUNTERS).value(COUNTERS.name, "home").value(COUNTERS.hits, 1)
                    .onDuplicateKeyUpdate(Map.of(COUNTERS.hits, COUNTERS.hits.plus(inserted(COUNTERS.hits))));
            for (Dialect dialect : List.of(MARIADB, MYSQL_8018)) {
                assertCompiles(dialect, upsert,
                        "INSERT INTO counters (name, hits) VALUES (?, ?) ON DUPLICATE KEY UPDATE hits = counters.hits + VALUES(hits)",
                        "home", 1);
            }
        }

        @Test
        void onDuplicateKeyUpdateWithPlainValuesAndSeveralColumns() {
            Insert upsert = insert(COUNTERS).value(COUNTERS.id, 1).value(COUNTERS.name, "n")
                    .onDuplicateKeyUpdate(row(COUNTERS.hits, 0, COUNTERS.name, inserted(COUNTERS.name)));
            assertCompiles(MYSQL, upsert,
                    "INSERT INTO counters (id, name) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE hits = ?, name = new.name",
                    1, "n", 0);
            assertCompiles(MARIADB, upsert,
                    "INSERT INTO counters (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE hits = ?, name = VALUES(name)",
                    1, "n", 0);
        }

        @Test
        void onDuplicateKeyUpdateMultiRow() {
            Insert upsert = insert(COUNTERS).values(List.of(row(COUNTERS.name, "a", COUNTERS.hits, 1), row(COUNTERS.name, "b", COUNTERS.hits, 2)))
                    .onDuplicateKeyUpdate(Map.of(COUNTERS.hits, inserted(COUNTERS.hits)));
            assertCompiles(MYSQL, upsert,
                    "INSERT INTO counters (name, hits) VALUES (?, ?), (?, ?) AS new ON DUPLICATE KEY UPDATE hits = new.hits",
                    "a", 1, "b", 2);
            assertCompiles(MARIADB, upsert,
                    "INSERT INTO counters (name, hits) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE hits = VALUES(hits)",
                    "a", 1, "b", 2);
        }

        @Test
        void onDuplicateKeyUpdateFromSelectUsesValuesEverywhere() {
            Insert upsert = insert(TAGS).fromSelect(List.of(TAGS.id, TAGS.label), select(USERS.id, USERS.name))
                    .onDuplicateKeyUpdate(Map.of(TAGS.label, inserted(TAGS.label)));
            assertCompiles(upsert,
                    "INSERT INTO tags (id, label) SELECT users.id, users.name FROM users ON DUPLICATE KEY UPDATE label = VALUES(label)");
        }

        @Test
        void returningOnMariaDb() {
            Insert returning = insert(USERS).value(USERS.name, "Ann").returning(USERS.id, USERS.name);
            assertCompiles(MARIADB, returning, "INSERT INTO users (name) VALUES (?) RETURNING id, name", "Ann");
            assertThat(returning.compile(MARIADB).resultColumns()).containsExactly(USERS.id, USERS.name);
        }

        @Test
        void returningRefusedOnMySqlAndOldMariaDb() {
            Insert returning = insert(USERS).value(USERS.name, "Ann").returning(USERS.id);
            for (Dialect dialect : List.of(MYSQL, MYSQL_8018, MySqlDialect.forServer("10.4.34-MariaDB", true))) {
                assertThatThrownBy(() -> returning.compile(dialect))
                        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("RETURNING")
                        .hasMessageContaining("MariaDB 10.5");
            }
        }

        @Test
        void reservedAndSchemaQualifiedNames() {
            assertCompiles(insert(ORDER).value(ORDER.key, 1).value(ORDER.select, "s").value(ORDER.mixedCase, "m"),
                    "INSERT INTO `order` (`key`, `select`, `MixedCase`) VALUES (?, ?, ?)", 1, "s", "m");
            assertCompiles(insert(EVENTS).value(EVENTS.kind, "k"), "INSERT INTO analytics.events (kind) VALUES (?)", "k");
        }

        @Test
        void insertIsImmutable() {
            Insert base = insert(USERS).value(USERS.name, "a");
            String before = sql(base);
            base.value(USERS.age, 3);
            base.onDuplicateKeyUpdate(Map.of(USERS.age, 1));
            base.values(List.of(row(USERS.name, "b")));
            assertThat(sql(base)).isEqualTo(before).isEqualTo("INSERT INTO users (name) VALUES (?)");
        }
    }

    @Nested
    class Updates {

        @Test
        void setValuesAndExpressions() {
            assertCompiles(update(USERS).set(USERS.age, USERS.age.plus(1)).set(USERS.email, "a@b").where(USERS.name.eq("Ann")),
                    "UPDATE users SET age = users.age + ?, email = ? WHERE users.name = ?", 1, "a@b", "Ann");
        }

        @Test
        void setNullAndSqlNull() {
            assertCompiles(update(USERS).set(USERS.email, null).set(USERS.age, nullValue()),
                    "UPDATE users SET email = ?, age = NULL", (Object) null);
        }

        @Test
        void valuesMap() {
            assertCompiles(update(USERS).values(row(USERS.name, "x", USERS.age, 5)).where(USERS.id.eq(1)),
                    "UPDATE users SET name = ?, age = ? WHERE users.id = ?", "x", 5, 1);
        }

        @Test
        void clientOnUpdateIsAddedUnlessSet() {
            assertCompiles(update(POSTS).set(POSTS.title, "x").where(POSTS.id.eq(1)),
                    "UPDATE posts SET title = ?, updated_at = ? WHERE posts.id = ?", "x", CLOCK, 1);
            assertCompiles(update(POSTS).set(POSTS.updatedAt, nullValue()).set(POSTS.title, "x"),
                    "UPDATE posts SET updated_at = NULL, title = ?", "x");
        }

        @Test
        void enumAssignmentBindsLabel() {
            assertCompiles(update(POSTS).set(POSTS.status, Status.archived).set(POSTS.updatedAt, nullValue())
                            .where(POSTS.status.eq(Status.draft)),
                    "UPDATE posts SET status = ?, updated_at = NULL WHERE posts.status = ?", "archived", "draft");
        }

        @Test
        void whereOrderByLimit() {
            assertCompiles(update(USERS).set(USERS.age, 0).where(or(USERS.age.lt(0), USERS.age.isNull())).where(USERS.id.gt(5))
                            .orderBy(USERS.id.desc()).limit(10),
                    "UPDATE users SET age = ? WHERE (users.age < ? OR users.age IS NULL) AND users.id > ?"
                            + " ORDER BY users.id DESC LIMIT 10", 0, 0, 5);
        }

        @Test
        void subqueryInWhere() {
            assertCompiles(update(USERS).set(USERS.age, 1).where(exists(select(POSTS.id).where(POSTS.userId.eq(USERS.id)))),
                    "UPDATE users SET age = ? WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)", 1);
        }

        @Test
        void correlatedScalarSubqueryInSet() {
            assertCompiles(update(USERS).set(USERS.age, select(func.max(POSTS.views)).where(POSTS.userId.eq(USERS.id)).scalarSubquery()),
                    "UPDATE users SET age = (SELECT MAX(posts.views) FROM posts WHERE posts.user_id = users.id)");
        }

        @Test
        void join() {
            assertCompiles(update(POSTS).join(USERS).set(POSTS.title, "x").where(USERS.name.eq("Ann")),
                    "UPDATE posts JOIN users ON posts.user_id = users.id SET posts.title = ?, posts.updated_at = ?"
                            + " WHERE users.name = ?", "x", CLOCK, "Ann");
            assertCompiles(update(USERS).join(POSTS, POSTS.userId.eq(USERS.id)).set(USERS.age, POSTS.views).set(USERS.name, "y"),
                    "UPDATE users JOIN posts ON posts.user_id = users.id SET users.age = posts.views, users.name = ?", "y");
        }

        @Test
        void chainedJoin() {
            assertCompiles(update(COMMENTS).join(POSTS).join(USERS).set(COMMENTS.approved, true).where(USERS.id.eq(3)),
                    "UPDATE comments JOIN posts ON comments.post_id = posts.id JOIN users ON posts.user_id = users.id"
                            + " SET comments.approved = ? WHERE users.id = ?", true, 3);
        }

        @Test
        void joinWithOrderByOrLimitIsRefused() {
            assertThatThrownBy(() -> update(POSTS).join(USERS).set(POSTS.title, "x").orderBy(POSTS.id))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("multi-table UPDATE");
            assertThatThrownBy(() -> update(POSTS).join(USERS).set(POSTS.title, "x").limit(1))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> update(POSTS).limit(1).join(USERS)).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void joinWithoutForeignKeyIsRefused() {
            assertThatThrownBy(() -> update(USERS).join(TAGS)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("tags").hasMessageContaining("users");
        }

        @Test
        void settingAColumnOfATableNotUpdatedIsRefused() {
            for (Dialect dialect : BOTH) {
                assertThatThrownBy(() -> update(USERS).set(POSTS.title, "x").compile(dialect))
                        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("posts.title");
            }
        }

        @Test
        void nothingSetIsRefused() {
            for (Dialect dialect : BOTH) {
                assertThatThrownBy(() -> update(USERS).where(USERS.id.eq(1)).compile(dialect))
                        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("users");
            }
        }

        @Test
        void reservedAndSchemaQualifiedNames() {
            assertCompiles(update(ORDER).set(ORDER.select, "s").where(ORDER.group.eq(2)),
                    "UPDATE `order` SET `select` = ? WHERE `order`.`group` = ?", "s", 2);
            assertCompiles(update(EVENTS).set(EVENTS.kind, "k"), "UPDATE analytics.events SET kind = ?", "k");
        }

        @Test
        void updateIsImmutable() {
            Update base = update(USERS).set(USERS.age, 1);
            String before = sql(base);
            base.where(USERS.id.eq(1));
            base.set(USERS.name, "x");
            base.orderBy(USERS.id);
            base.limit(1);
            base.join(POSTS);
            assertThat(sql(base)).isEqualTo(before).isEqualTo("UPDATE users SET age = ?");
        }
    }

    @Nested
    class Deletes {

        @Test
        void all() {
            assertCompiles(delete(TAGS), "DELETE FROM tags");
        }

        @Test
        void whereOrderByLimit() {
            assertCompiles(delete(USERS).where(USERS.age.lt(18)).where(USERS.email.isNull()).orderBy(USERS.id).limit(10),
                    "DELETE FROM users WHERE users.age < ? AND users.email IS NULL ORDER BY users.id LIMIT 10", 18);
        }

        @Test
        void correlatedSubqueryDoesNotReadTheTargetAgain() {
            assertCompiles(delete(USERS).where(select(POSTS.id).where(POSTS.userId.eq(USERS.id)).exists()),
                    "DELETE FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)");
            assertCompiles(delete(COMMENTS).join(POSTS).where(exists(select(USERS.id).where(USERS.id.eq(POSTS.userId),
                            USERS.name.eq("spam")))),
                    "DELETE comments FROM comments JOIN posts ON comments.post_id = posts.id WHERE EXISTS"
                            + " (SELECT users.id FROM users WHERE users.id = posts.user_id AND users.name = ?)", "spam");
        }

        @Test
        void whereWithSubquery() {
            assertCompiles(delete(POSTS).where(POSTS.userId.in(select(USERS.id).where(USERS.age.lt(18)))),
                    "DELETE FROM posts WHERE posts.user_id IN (SELECT users.id FROM users WHERE users.age < ?)", 18);
        }

        @Test
        void multiTableJoin() {
            assertCompiles(delete(COMMENTS).join(POSTS).where(POSTS.status.eq(Status.archived)),
                    "DELETE comments FROM comments JOIN posts ON comments.post_id = posts.id WHERE posts.status = ?", "archived");
            assertCompiles(delete(COMMENTS).join(POSTS).join(USERS).where(USERS.name.eq("spam")),
                    "DELETE comments FROM comments JOIN posts ON comments.post_id = posts.id"
                            + " JOIN users ON posts.user_id = users.id WHERE users.name = ?", "spam");
            assertCompiles(delete(USERS).join(TAGS, TAGS.label.eq(USERS.name)),
                    "DELETE users FROM users JOIN tags ON tags.label = users.name");
        }

        @Test
        void joinWithOrderByOrLimitIsRefused() {
            assertThatThrownBy(() -> delete(COMMENTS).join(POSTS).limit(1))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("multi-table DELETE");
            assertThatThrownBy(() -> delete(COMMENTS).join(POSTS).orderBy(COMMENTS.id))
                    .isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void reservedAndSchemaQualifiedNames() {
            assertCompiles(delete(ORDER).where(ORDER.key.eq(1)), "DELETE FROM `order` WHERE `order`.`key` = ?", 1);
            assertCompiles(delete(EVENTS).where(EVENTS.id.eq(1)),
                    "DELETE FROM analytics.events WHERE analytics.events.id = ?", 1);
        }

        @Test
        void deleteIsImmutable() {
            Delete base = delete(USERS);
            base.where(USERS.id.eq(1));
            base.orderBy(USERS.id);
            base.limit(3);
            base.join(POSTS);
            assertThat(sql(base)).isEqualTo("DELETE FROM users");
        }
    }
}
