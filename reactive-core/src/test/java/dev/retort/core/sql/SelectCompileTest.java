package dev.retort.core.sql;

import static dev.retort.core.sql.GoldenSchema.BOTH;
import static dev.retort.core.sql.GoldenSchema.COMMENTS;
import static dev.retort.core.sql.GoldenSchema.EVENTS;
import static dev.retort.core.sql.GoldenSchema.MARIADB;
import static dev.retort.core.sql.GoldenSchema.MESSAGES;
import static dev.retort.core.sql.GoldenSchema.MYSQL;
import static dev.retort.core.sql.GoldenSchema.MYSQL_8030;
import static dev.retort.core.sql.GoldenSchema.ORDER;
import static dev.retort.core.sql.GoldenSchema.POSTS;
import static dev.retort.core.sql.GoldenSchema.TAGS;
import static dev.retort.core.sql.GoldenSchema.USERS;
import static dev.retort.core.sql.GoldenSchema.assertCompiles;
import static dev.retort.core.sql.GoldenSchema.sql;
import static dev.retort.core.sql.Sql.alias;
import static dev.retort.core.sql.Sql.and;
import static dev.retort.core.sql.Sql.bindparam;
import static dev.retort.core.sql.Sql.exists;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.literal;
import static dev.retort.core.sql.Sql.not;
import static dev.retort.core.sql.Sql.or;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.Expression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Golden SQL for SELECT and compound SELECT on MySQL 8.0 and MariaDB 10.11. */
class SelectCompileTest {

    @SuppressWarnings("unchecked")
    private static <T> Expression<T> typed(Expression<?> expression) {
        return (Expression<T>) expression;
    }

    @Nested
    class Columns {

        @Test
        void columns() {
            assertCompiles(select(USERS.id, USERS.name), "SELECT users.id, users.name FROM users");
        }

        @Test
        void wholeTable() {
            assertCompiles(select(USERS),
                    "SELECT users.id, users.name, users.email, users.age, users.manager_id FROM users");
        }

        @Test
        void tableAndColumnOfAnother() {
            assertCompiles(select(TAGS, USERS.name), "SELECT tags.id, tags.label, users.name FROM tags, users");
        }

        @Test
        void labels() {
            assertCompiles(select(USERS.name.as("user_name"), USERS.age.plus(1).as("next_age")),
                    "SELECT users.name AS user_name, users.age + ? AS next_age FROM users", 1);
        }

        @Test
        void labelThatIsAReservedWord() {
            assertCompiles(select(USERS.name.as("select")), "SELECT users.name AS `select` FROM users");
        }

        @Test
        void countStar() {
            assertCompiles(select(func.count()).selectFrom(USERS), "SELECT COUNT(*) FROM users");
            assertCompiles(select(func.count().as("n")).selectFrom(USERS), "SELECT COUNT(*) AS n FROM users");
        }

        @Test
        void countOfColumnAndCountDistinct() {
            assertCompiles(select(func.count(POSTS.id), func.count(POSTS.userId.distinct())),
                    "SELECT COUNT(posts.id), COUNT(DISTINCT posts.user_id) FROM posts");
        }

        @Test
        void aggregates() {
            assertCompiles(select(func.sum(POSTS.views), func.avg(POSTS.score), func.min(POSTS.publishedAt),
                    func.max(POSTS.price)),
                    "SELECT SUM(posts.views), AVG(posts.score), MIN(posts.published_at), MAX(posts.price) FROM posts");
        }

        @Test
        void aggregateOfArithmetic() {
            assertCompiles(select(func.sum(POSTS.views.times(2)).as("doubled")),
                    "SELECT SUM(posts.views * ?) AS doubled FROM posts", 2);
        }

        @Test
        void coalesceLowerUpperNow() {
            assertCompiles(select(func.coalesce(USERS.email, literal("none", TEXT)), func.lower(USERS.name),
                    func.upper(USERS.name), func.now()),
                    "SELECT COALESCE(users.email, ?), LOWER(users.name), UPPER(users.name), NOW() FROM users", "none");
        }

        @Test
        void coalesceOfColumns() {
            assertCompiles(select(func.coalesce(USERS.email, USERS.name)), "SELECT COALESCE(users.email, users.name) FROM users");
        }

        @Test
        void anyFunction() {
            assertCompiles(select(func.call("DATE_FORMAT", TEXT, POSTS.publishedAt, literal("%Y-%m", TEXT)).as("month")),
                    "SELECT DATE_FORMAT(posts.published_at, ?) AS month FROM posts", "%Y-%m");
            assertCompiles(select(func.call("PI", dev.retort.core.types.Types.DOUBLE)), "SELECT PI()");
        }

        @Test
        void noFromWhenNothingComesFromATable() {
            assertCompiles(select(func.now()), "SELECT NOW()");
            assertCompiles(select(literal(1, INTEGER).as("one")), "SELECT ? AS one", 1);
        }

        @Test
        void distinct() {
            assertCompiles(select(USERS.name).distinct(), "SELECT DISTINCT users.name FROM users");
        }

        @Test
        void addColumns() {
            assertCompiles(select(USERS.id).addColumns(USERS.name), "SELECT users.id, users.name FROM users");
        }

        @Test
        void selectNeedsColumns() {
            assertThatThrownBy(() -> select()).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> select("users")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("java.lang.String");
        }

        @Test
        void resultColumnsAreTheSelectedExpressions() {
            Compiled compiled = select(USERS.id, USERS.name.as("n")).compile(MYSQL);
            assertThat(compiled.resultColumns()).hasSize(2).first().isSameAs(USERS.id);
        }
    }

    @Nested
    class Where {

        @Test
        void severalWhereCallsAreAnded() {
            assertCompiles(select(USERS.id).where(USERS.age.gt(18)).where(USERS.name.eq("Ann")),
                    "SELECT users.id FROM users WHERE users.age > ? AND users.name = ?", 18, "Ann");
        }

        @Test
        void whereOnATableNotSelectedAddsItToFrom() {
            assertCompiles(select(USERS.name).where(POSTS.userId.eq(USERS.id), POSTS.views.gt(10)),
                    "SELECT users.name FROM users, posts WHERE posts.user_id = users.id AND posts.views > ?", 10);
        }

        @Test
        void namedBindParameter() {
            Select statement = select(USERS.id).where(USERS.name.eq(bindparam("name", TEXT)),
                    USERS.age.gt(bindparam("age", INTEGER)));
            for (Dialect dialect : BOTH) {
                Compiled compiled = statement.compile(dialect);
                assertThat(compiled.sql()).isEqualTo("SELECT users.id FROM users WHERE users.name = ? AND users.age > ?");
                assertThat(compiled.parameterNames()).containsExactly("name", "age");
                assertThat(compiled.bind(Map.of("name", "Ann", "age", 30))).containsExactly("Ann", 30);
                assertThatThrownBy(() -> compiled.bind(Map.of("name", "Ann")))
                        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'age'");
            }
        }

        @Test
        void namedAndAnonymousBindsMix() {
            Compiled compiled = select(USERS.id).where(USERS.age.gt(18), USERS.name.eq(bindparam("name", TEXT)),
                    USERS.age.lt(65)).compile(MARIADB);
            assertThat(compiled.parameterNames()).containsExactly("#1", "name", "#2");
            assertThat(compiled.bind(Map.of("name", "Bo"))).containsExactly(18, "Bo", 65);
        }
    }

    @Nested
    class OrderingAndPaging {

        @Test
        void ascDescAndPlainExpressions() {
            assertCompiles(select(USERS.name).orderBy(USERS.age.desc(), USERS.name, USERS.id.asc()),
                    "SELECT users.name FROM users ORDER BY users.age DESC, users.name, users.id");
        }

        @Test
        void nullsFirstAndLastAreEmulated() {
            assertCompiles(select(USERS.name).orderBy(USERS.age.asc().nullsLast()),
                    "SELECT users.name FROM users ORDER BY users.age IS NULL, users.age");
            assertCompiles(select(USERS.name).orderBy(USERS.age.asc().nullsFirst()),
                    "SELECT users.name FROM users ORDER BY users.age IS NULL DESC, users.age");
            assertCompiles(select(USERS.name).orderBy(USERS.age.desc().nullsLast()),
                    "SELECT users.name FROM users ORDER BY users.age IS NULL, users.age DESC");
            assertCompiles(select(USERS.name).orderBy(USERS.age.desc().nullsFirst(), USERS.name),
                    "SELECT users.name FROM users ORDER BY users.age IS NULL DESC, users.age DESC, users.name");
        }

        @Test
        void orderByExpressionWithBinds() {
            assertCompiles(select(USERS.name).orderBy(func.coalesce(USERS.age, literal(0, INTEGER)).desc()),
                    "SELECT users.name FROM users ORDER BY COALESCE(users.age, ?) DESC", 0);
        }

        @Test
        void orderByRejectsOtherThings() {
            assertThatThrownBy(() -> select(USERS.name).orderBy("name")).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void limitAndOffset() {
            assertCompiles(select(USERS.id).limit(10), "SELECT users.id FROM users LIMIT 10");
            assertCompiles(select(USERS.id).orderBy(USERS.id).limit(10).offset(20),
                    "SELECT users.id FROM users ORDER BY users.id LIMIT 10 OFFSET 20");
            assertCompiles(select(USERS.id).offset(20).limit(10), "SELECT users.id FROM users LIMIT 10 OFFSET 20");
        }

        @Test
        void offsetWithoutLimit() {
            assertCompiles(select(USERS.id).offset(5), "SELECT users.id FROM users LIMIT 18446744073709551615 OFFSET 5");
        }

        @Test
        void negativeLimitOrOffsetRefused() {
            assertThatThrownBy(() -> select(USERS.id).limit(-1)).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> select(USERS.id).offset(-1)).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void limitZero() {
            assertCompiles(select(USERS.id).limit(0), "SELECT users.id FROM users LIMIT 0");
        }
    }

    @Nested
    class Grouping {

        @Test
        void groupByHaving() {
            assertCompiles(select(POSTS.userId, func.count().as("n")).groupBy(POSTS.userId).having(func.count().gt(5L)),
                    "SELECT posts.user_id, COUNT(*) AS n FROM posts GROUP BY posts.user_id HAVING COUNT(*) > ?", 5L);
        }

        @Test
        void severalGroupByAndHaving() {
            assertCompiles(select(POSTS.userId, POSTS.status, func.sum(POSTS.views))
                            .where(POSTS.views.isNotNull())
                            .groupBy(POSTS.userId, POSTS.status)
                            .having(func.count().ge(2L), or(func.max(POSTS.views).gt(100), func.min(POSTS.views).lt(1)))
                            .orderBy(POSTS.userId).limit(3),
                    "SELECT posts.user_id, posts.status, SUM(posts.views) FROM posts WHERE posts.views IS NOT NULL"
                            + " GROUP BY posts.user_id, posts.status"
                            + " HAVING COUNT(*) >= ? AND (MAX(posts.views) > ? OR MIN(posts.views) < ?)"
                            + " ORDER BY posts.user_id LIMIT 3", 2L, 100, 1);
        }

        @Test
        void groupByAColumnOfAnUnselectedTableAddsItToFrom() {
            assertCompiles(select(func.count()).groupBy(USERS.age), "SELECT COUNT(*) FROM users GROUP BY users.age");
        }
    }

    @Nested
    class Locking {

        @Test
        void lockModes() {
            Select base = select(USERS.id).where(USERS.id.eq(1));
            assertCompiles(base.forUpdate(), "SELECT users.id FROM users WHERE users.id = ? FOR UPDATE", 1);
            assertCompiles(base.forUpdate(LockMode.FOR_UPDATE_NOWAIT),
                    "SELECT users.id FROM users WHERE users.id = ? FOR UPDATE NOWAIT", 1);
            assertCompiles(base.forUpdate(LockMode.FOR_UPDATE_SKIP_LOCKED),
                    "SELECT users.id FROM users WHERE users.id = ? FOR UPDATE SKIP LOCKED", 1);
            assertCompiles(base.forUpdate(LockMode.FOR_SHARE),
                    "SELECT users.id FROM users WHERE users.id = ? LOCK IN SHARE MODE", 1);
            assertCompiles(base.forUpdate(LockMode.NONE), "SELECT users.id FROM users WHERE users.id = ?", 1);
        }

        @Test
        void lockComesAfterLimit() {
            assertCompiles(select(USERS.id).orderBy(USERS.id).limit(1).forUpdate(LockMode.FOR_UPDATE_SKIP_LOCKED),
                    "SELECT users.id FROM users ORDER BY users.id LIMIT 1 FOR UPDATE SKIP LOCKED");
        }
    }

    @Nested
    class Joins {

        @Test
        void innerJoinInferredFromForeignKeyOnTheTarget() {
            assertCompiles(select(USERS.name, POSTS.title).join(POSTS),
                    "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id");
        }

        @Test
        void innerJoinInferredFromForeignKeyOnTheLeft() {
            assertCompiles(select(POSTS.title, USERS.name).join(USERS),
                    "SELECT posts.title, users.name FROM posts JOIN users ON posts.user_id = users.id");
        }

        @Test
        void leftAndRightJoins() {
            assertCompiles(select(USERS.name, POSTS.title).leftJoin(POSTS),
                    "SELECT users.name, posts.title FROM users LEFT OUTER JOIN posts ON posts.user_id = users.id");
            assertCompiles(select(USERS.name, POSTS.title).rightJoin(POSTS),
                    "SELECT users.name, posts.title FROM users RIGHT OUTER JOIN posts ON posts.user_id = users.id");
        }

        @Test
        void explicitOn() {
            assertCompiles(select(USERS.name, TAGS.label).join(TAGS, TAGS.label.eq(USERS.name)),
                    "SELECT users.name, tags.label FROM users JOIN tags ON tags.label = users.name");
            assertCompiles(select(USERS.name, TAGS.label).leftJoin(TAGS, and(TAGS.label.eq(USERS.name), TAGS.id.gt(3))),
                    "SELECT users.name, tags.label FROM users LEFT OUTER JOIN tags ON tags.label = users.name AND tags.id > ?", 3);
            assertCompiles(select(USERS.name).rightJoin(TAGS, TAGS.id.eq(USERS.id)),
                    "SELECT users.name FROM users RIGHT OUTER JOIN tags ON tags.id = users.id");
        }

        @Test
        void chainedJoins() {
            assertCompiles(select(USERS.name, COMMENTS.content).join(POSTS).join(COMMENTS),
                    "SELECT users.name, comments.content FROM users JOIN posts ON posts.user_id = users.id"
                            + " JOIN comments ON comments.post_id = posts.id");
            assertCompiles(select(USERS.name, COMMENTS.content).join(POSTS).leftJoin(COMMENTS).where(POSTS.views.gt(1)),
                    "SELECT users.name, comments.content FROM users JOIN posts ON posts.user_id = users.id"
                            + " LEFT OUTER JOIN comments ON comments.post_id = posts.id WHERE posts.views > ?", 1);
        }

        @Test
        void joinAfterSelectFrom() {
            assertCompiles(select(COMMENTS.content).selectFrom(USERS).join(POSTS).join(COMMENTS).where(USERS.id.eq(7)),
                    "SELECT comments.content FROM users JOIN posts ON posts.user_id = users.id"
                            + " JOIN comments ON comments.post_id = posts.id WHERE users.id = ?", 7);
        }

        @Test
        void noForeignKeyIsABuildTimeError() {
            assertThatThrownBy(() -> select(USERS.name).join(TAGS))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'tags'").hasMessageContaining("'users'")
                    .hasMessageContaining("no foreign key");
        }

        @Test
        void twoForeignKeysAreAmbiguous() {
            assertThatThrownBy(() -> select(USERS.name).join(MESSAGES))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'messages'").hasMessageContaining("'users'")
                    .hasMessageContaining("sender_id").hasMessageContaining("recipient_id");
            assertThatThrownBy(() -> select(MESSAGES.body).join(USERS))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("several foreign keys");
        }

        @Test
        void ambiguousJoinWorksWithExplicitOn() {
            assertCompiles(select(USERS.name, MESSAGES.body).join(MESSAGES, MESSAGES.recipientId.eq(USERS.id)),
                    "SELECT users.name, messages.body FROM users JOIN messages ON messages.recipient_id = users.id");
        }

        @Test
        void nothingToJoinTo() {
            assertThatThrownBy(() -> select(POSTS.title).join(POSTS))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'posts'");
        }

        @Test
        void selfJoinThroughAlias() {
            TableAlias manager = alias(USERS, "manager");
            assertCompiles(select(USERS.name, manager.c(USERS.name).as("manager_name")).join(manager),
                    "SELECT users.name, manager.name AS manager_name FROM users"
                            + " JOIN users AS manager ON users.manager_id = manager.id");
        }

        @Test
        void twoAliasesOfOneTable() {
            TableAlias a = alias(USERS, "a");
            TableAlias b = alias(USERS, "b");
            assertCompiles(select(a.c(USERS.name), b.c(USERS.name)).where(a.c(USERS.age).eq(b.c(USERS.age)), a.c(USERS.id).lt(b.c(USERS.id))),
                    "SELECT a.name, b.name FROM users AS a, users AS b WHERE a.age = b.age AND a.id < b.id");
            assertCompiles(select(a.c(USERS.name), b.c(USERS.name)).join(b, typed(a.c("manager_id")).eq(b.c(USERS.id))),
                    "SELECT a.name, b.name FROM users AS a JOIN users AS b ON a.manager_id = b.id");
        }

        @Test
        void aliasJoinedToAnotherTableInfersThroughTheAlias() {
            TableAlias author = alias(USERS, "author");
            assertCompiles(select(POSTS.title, author.c(USERS.name)).join(author),
                    "SELECT posts.title, author.name FROM posts JOIN users AS author ON posts.user_id = author.id");
        }

        @Test
        void selectWholeAlias() {
            TableAlias t = alias(TAGS, "t");
            assertCompiles(select(t), "SELECT t.id, t.label FROM tags AS t");
        }

        @Test
        void aliasRefusesAForeignColumn() {
            assertThatThrownBy(() -> alias(USERS, "u").c(POSTS.title)).isInstanceOf(InvalidRequestException.class);
        }
    }

    @Nested
    class Subqueries {

        @Test
        void scalarSubqueryInColumnsIsCorrelated() {
            Expression<Long> postCount = select(func.count()).where(POSTS.userId.eq(USERS.id)).scalarSubquery();
            assertCompiles(select(USERS.name, postCount.as("posts")),
                    "SELECT users.name, (SELECT COUNT(*) FROM posts WHERE posts.user_id = users.id) AS posts FROM users");
        }

        @Test
        void scalarSubqueryOnTheSameTableIsNotCorrelatedAway() {
            Expression<Integer> oldest = select(func.max(USERS.age)).scalarSubquery();
            assertCompiles(select(USERS.name).where(USERS.age.eq(oldest)),
                    "SELECT users.name FROM users WHERE users.age = (SELECT MAX(users.age) FROM users)");
        }

        @Test
        void inSubquery() {
            assertCompiles(select(USERS.name).where(USERS.id.in(select(POSTS.userId).where(POSTS.views.gt(100)))),
                    "SELECT users.name FROM users WHERE users.id IN (SELECT posts.user_id FROM posts WHERE posts.views > ?)", 100);
            assertCompiles(select(USERS.name).where(USERS.id.notIn(select(POSTS.userId))),
                    "SELECT users.name FROM users WHERE users.id NOT IN (SELECT posts.user_id FROM posts)");
        }

        @Test
        void inSubqueryOnTheSameTable() {
            assertCompiles(select(USERS.name).where(USERS.id.in(select(USERS.managerId).where(USERS.managerId.isNotNull()))),
                    "SELECT users.name FROM users WHERE users.id IN"
                            + " (SELECT users.manager_id FROM users WHERE users.manager_id IS NOT NULL)");
        }

        @Test
        void correlatedExistsDoesNotAddTheOuterTable() {
            Select withPosts = select(USERS.name).where(exists(select(POSTS.id).where(POSTS.userId.eq(USERS.id))));
            assertCompiles(withPosts,
                    "SELECT users.name FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)");
            Select withoutPosts = select(USERS.name).where(not(select(POSTS.id).where(POSTS.userId.eq(USERS.id)).exists()));
            assertCompiles(withoutPosts,
                    "SELECT users.name FROM users WHERE NOT EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)");
        }

        @Test
        void nestedCorrelationReachesTheOutermostQuery() {
            Select inner = select(COMMENTS.id).where(COMMENTS.postId.eq(POSTS.id), POSTS.userId.eq(USERS.id));
            Select middle = select(POSTS.id).where(exists(inner));
            assertCompiles(select(USERS.name).where(exists(middle)),
                    "SELECT users.name FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE EXISTS"
                            + " (SELECT comments.id FROM comments WHERE comments.post_id = posts.id AND posts.user_id = users.id))");
        }

        @Test
        void existsWithBindsKeepsBindOrder() {
            assertCompiles(select(USERS.name).where(USERS.age.gt(1),
                            exists(select(POSTS.id).where(POSTS.userId.eq(USERS.id), POSTS.views.gt(2))), USERS.age.lt(3)),
                    "SELECT users.name FROM users WHERE users.age > ? AND EXISTS (SELECT posts.id FROM posts"
                            + " WHERE posts.user_id = users.id AND posts.views > ?) AND users.age < ?", 1, 2, 3);
        }

        @Test
        void scalarSubqueryNeedsOneColumn() {
            assertThatThrownBy(() -> select(USERS.id, USERS.name).scalarSubquery())
                    .isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void derivedTable() {
            DerivedTable counts = select(POSTS.userId, func.count().as("n")).groupBy(POSTS.userId).subquery("pc");
            Expression<Integer> userId = typed(counts.c("user_id"));
            assertCompiles(select(USERS.name, counts.c("n")).join(counts, userId.eq(USERS.id)).where(USERS.age.gt(20)),
                    "SELECT users.name, pc.n FROM users JOIN (SELECT posts.user_id, COUNT(*) AS n FROM posts"
                            + " GROUP BY posts.user_id) AS pc ON pc.user_id = users.id WHERE users.age > ?", 20);
        }

        @Test
        void derivedTableAlone() {
            DerivedTable adults = select(USERS.id, USERS.name).where(USERS.age.ge(18)).subquery("adults");
            assertCompiles(select(adults.c("name")).orderBy(adults.c("id")),
                    "SELECT adults.name FROM (SELECT users.id, users.name FROM users WHERE users.age >= ?) AS adults"
                            + " ORDER BY adults.id", 18);
            assertCompiles(select(adults),
                    "SELECT adults.id, adults.name FROM (SELECT users.id, users.name FROM users WHERE users.age >= ?) AS adults", 18);
        }

        @Test
        void derivedTableInsideAQueryOnItsOwnTablesIsNotCorrelated() {
            // a derived table cannot see the enclosing query's tables, so it keeps all its FROM items
            DerivedTable authored = select(USERS.id.as("uid"), POSTS.title).where(POSTS.userId.eq(USERS.id)).subquery("authored");
            Expression<Integer> uid = typed(authored.c("uid"));
            assertCompiles(select(USERS.name, authored.c("title")).join(authored, uid.eq(USERS.id)),
                    "SELECT users.name, authored.title FROM users JOIN (SELECT users.id AS uid, posts.title FROM users, posts"
                            + " WHERE posts.user_id = users.id) AS authored ON authored.uid = users.id");
        }

        @Test
        void derivedTableUnknownColumn() {
            DerivedTable counts = select(POSTS.userId).subquery("pc");
            assertThatThrownBy(() -> counts.c("nope")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("nope").hasMessageContaining("user_id");
        }

        @Test
        void tupleInSubquery() {
            assertCompiles(select(USERS.name).where(Sql.tuple(USERS.id, USERS.age).in(select(POSTS.userId, POSTS.views))),
                    "SELECT users.name FROM users WHERE (users.id, users.age) IN (SELECT posts.user_id, posts.views FROM posts)");
        }
    }

    @Nested
    class CommonTableExpressions {

        @Test
        void cte() {
            DerivedTable counts = select(POSTS.userId, func.count().as("n")).groupBy(POSTS.userId).cte("post_counts");
            Expression<Integer> userId = typed(counts.c("user_id"));
            assertCompiles(select(USERS.name, counts.c("n")).join(counts, userId.eq(USERS.id)).where(USERS.age.gt(30)),
                    "WITH post_counts AS (SELECT posts.user_id, COUNT(*) AS n FROM posts GROUP BY posts.user_id)"
                            + " SELECT users.name, post_counts.n FROM users JOIN post_counts ON post_counts.user_id = users.id"
                            + " WHERE users.age > ?", 30);
        }

        @Test
        void cteBindsComeFirst() {
            DerivedTable busy = select(POSTS.userId).where(POSTS.views.gt(1000)).cte("busy");
            Expression<Integer> userId = typed(busy.c("user_id"));
            assertCompiles(select(USERS.name).where(USERS.age.lt(40), USERS.id.in(select(userId))),
                    "SELECT users.name FROM users WHERE users.age < ? AND users.id IN"
                            + " (WITH busy AS (SELECT posts.user_id FROM posts WHERE posts.views > ?) SELECT busy.user_id FROM busy)",
                    40, 1000);
            assertCompiles(select(busy.c("user_id")).where(userId.gt(5)),
                    "WITH busy AS (SELECT posts.user_id FROM posts WHERE posts.views > ?) SELECT busy.user_id FROM busy"
                            + " WHERE busy.user_id > ?", 1000, 5);
        }

        @Test
        void twoCtes() {
            DerivedTable a = select(USERS.id).where(USERS.age.lt(20)).cte("young");
            DerivedTable b = select(USERS.id).where(USERS.age.gt(60)).cte("old");
            assertCompiles(select(a.c("id"), b.c("id")),
                    "WITH young AS (SELECT users.id FROM users WHERE users.age < ?), old AS (SELECT users.id FROM users"
                            + " WHERE users.age > ?) SELECT young.id, old.id FROM young, old", 20, 60);
        }

        @Test
        void recursiveCte() {
            Select roots = select(USERS.id, USERS.managerId).where(USERS.managerId.isNull());
            DerivedTable self = roots.cteRecursive("chain");
            Expression<Integer> selfId = typed(self.c("id"));
            Select step = select(USERS.id, USERS.managerId).join(self, USERS.managerId.eq(selfId));
            DerivedTable chain = roots.unionAll(step).cteRecursive("chain");
            assertCompiles(select(chain.c("id")).selectFrom(chain),
                    "WITH RECURSIVE chain AS (SELECT users.id, users.manager_id FROM users WHERE users.manager_id IS NULL"
                            + " UNION ALL SELECT users.id, users.manager_id FROM users JOIN chain ON users.manager_id = chain.id)"
                            + " SELECT chain.id FROM chain");
        }
    }

    @Nested
    class Compound {

        private final Select young = select(USERS.id, USERS.name).where(USERS.age.lt(20));
        private final Select old = select(USERS.id, USERS.name).where(USERS.age.gt(60));

        @Test
        void union() {
            assertCompiles(young.union(old),
                    "SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " UNION SELECT users.id, users.name FROM users WHERE users.age > ?", 20, 60);
            assertCompiles(young.unionAll(old),
                    "SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " UNION ALL SELECT users.id, users.name FROM users WHERE users.age > ?", 20, 60);
        }

        @Test
        void threeParts() {
            Select middle = select(USERS.id, USERS.name).where(USERS.age.eq(40));
            assertCompiles(young.union(old).and(middle),
                    "SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " UNION SELECT users.id, users.name FROM users WHERE users.age > ?"
                            + " UNION SELECT users.id, users.name FROM users WHERE users.age = ?", 20, 60, 40);
        }

        @Test
        void orderAndLimitOnTheCompoundUseResultColumnNames() {
            assertCompiles(young.union(old).orderBy(USERS.name.desc(), USERS.id).limit(5).offset(10),
                    "SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " UNION SELECT users.id, users.name FROM users WHERE users.age > ?"
                            + " ORDER BY name DESC, id LIMIT 5 OFFSET 10", 20, 60);
        }

        @Test
        void orderByLabelOnTheCompound() {
            Select a = select(USERS.name.as("who")).where(USERS.age.lt(20));
            Select b = select(TAGS.label.as("who"));
            assertCompiles(a.unionAll(b).orderBy(USERS.name.as("who").asc().nullsLast()),
                    "SELECT users.name AS who FROM users WHERE users.age < ? UNION ALL SELECT tags.label AS who FROM tags"
                            + " ORDER BY who IS NULL, who", 20);
        }

        @Test
        void partsWithTheirOwnLimitKeepParentheses() {
            Select first = select(USERS.id, USERS.name).orderBy(USERS.age).limit(1);
            assertCompiles(first.union(old),
                    "(SELECT users.id, users.name FROM users ORDER BY users.age LIMIT 1)"
                            + " UNION SELECT users.id, users.name FROM users WHERE users.age > ?", 60);
        }

        @Test
        void intersectAndExcept() {
            assertCompiles(young.intersect(old),
                    "SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " INTERSECT SELECT users.id, users.name FROM users WHERE users.age > ?", 20, 60);
            assertCompiles(young.except(old),
                    "SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " EXCEPT SELECT users.id, users.name FROM users WHERE users.age > ?", 20, 60);
        }

        @Test
        void intersectRefusedOnMySql8030() {
            assertThatThrownBy(() -> young.intersect(old).compile(MYSQL_8030))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("INTERSECT").hasMessageContaining("8.0.31").hasMessageContaining("8.0.30");
            assertThatThrownBy(() -> young.except(old).compile(MYSQL_8030))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("EXCEPT");
            // UNION is fine there, and INTERSECT from 8.0.31 on
            assertCompiles(MYSQL_8030, young.union(old),
                    "SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " UNION SELECT users.id, users.name FROM users WHERE users.age > ?", 20, 60);
            assertThat(young.intersect(old).compile(MySqlDialect.forServer("8.0.31", false)).sql()).contains(" INTERSECT ");
            assertThatThrownBy(() -> young.intersect(old).compile(MySqlDialect.forServer("10.2.44-MariaDB", true)))
                    .isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void columnCountsMustMatch() {
            assertThatThrownBy(() -> young.union(select(USERS.id))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("2").hasMessageContaining("1");
        }

        @Test
        void compoundAsDerivedTable() {
            DerivedTable both = young.union(old).subquery("both_ends");
            assertCompiles(select(func.count()).selectFrom(both),
                    "SELECT COUNT(*) FROM (SELECT users.id, users.name FROM users WHERE users.age < ?"
                            + " UNION SELECT users.id, users.name FROM users WHERE users.age > ?) AS both_ends", 20, 60);
        }

        @Test
        void compoundInIn() {
            assertCompiles(select(POSTS.title).where(POSTS.userId.in(select(USERS.id).where(USERS.age.lt(20))
                            .union(select(USERS.id).where(USERS.age.gt(60))))),
                    "SELECT posts.title FROM posts WHERE posts.user_id IN (SELECT users.id FROM users WHERE users.age < ?"
                            + " UNION SELECT users.id FROM users WHERE users.age > ?)", 20, 60);
        }

        @Test
        void compoundIsImmutable() {
            CompoundSelect union = young.union(old);
            String before = sql(union);
            union.orderBy(USERS.id).limit(3);
            assertThat(sql(union)).isEqualTo(before);
        }
    }

    @Nested
    class Identifiers {

        @Test
        void reservedWordsAreQuoted() {
            assertCompiles(select(ORDER.key, ORDER.select, ORDER.mixedCase).where(ORDER.group.eq(1)).orderBy(ORDER.select),
                    "SELECT `order`.`key`, `order`.`select`, `order`.`MixedCase` FROM `order`"
                            + " WHERE `order`.`group` = ? ORDER BY `order`.`select`", 1);
        }

        @Test
        void aliasOfReservedTable() {
            TableAlias o = alias(ORDER, "o");
            assertCompiles(select(o.c(ORDER.key)), "SELECT o.`key` FROM `order` AS o");
            TableAlias reserved = alias(USERS, "group");
            assertCompiles(select(reserved.c(USERS.id)), "SELECT `group`.id FROM users AS `group`");
        }

        @Test
        void schemaQualifiedTables() {
            assertCompiles(select(EVENTS.kind).where(EVENTS.id.gt(3)),
                    "SELECT analytics.events.kind FROM analytics.events WHERE analytics.events.id > ?", 3);
            TableAlias e = alias(EVENTS, "e");
            assertCompiles(select(e.c(EVENTS.kind)), "SELECT e.kind FROM analytics.events AS e");
        }

        @Test
        void backtickInNameIsDoubled() {
            assertCompiles(select(USERS.name.as("we`ird")), "SELECT users.name AS `we``ird` FROM users");
        }
    }

    @Nested
    class Immutability {

        @Test
        void whereReturnsANewSelect() {
            Select base = select(USERS.id).where(USERS.age.gt(1));
            String before = sql(base);
            Select narrowed = base.where(USERS.name.eq("x"));
            assertThat(narrowed).isNotSameAs(base);
            assertThat(sql(base)).isEqualTo(before).isEqualTo("SELECT users.id FROM users WHERE users.age > ?");
            assertThat(sql(narrowed)).isEqualTo("SELECT users.id FROM users WHERE users.age > ? AND users.name = ?");
        }

        @Test
        void everyBuilderLeavesTheOriginalAlone() {
            Select base = select(USERS.id, POSTS.title);
            String before = sql(base);
            base.join(POSTS);
            base.orderBy(USERS.id);
            base.limit(1);
            base.offset(1);
            base.distinct();
            base.groupBy(USERS.id);
            base.having(func.count().gt(1L));
            base.forUpdate();
            base.addColumns(USERS.name);
            base.selectFrom(TAGS);
            assertThat(sql(base)).isEqualTo(before).isEqualTo("SELECT users.id, posts.title FROM users, posts");
        }

        @Test
        void compilingTwiceGivesTheSameResult() {
            Select statement = select(USERS.id).where(USERS.name.in(List.of("a", "b")));
            assertThat(statement.compile(MYSQL).sql()).isEqualTo(statement.compile(MYSQL).sql());
            assertThat(statement.compile(MYSQL).bind(Map.of())).isEqualTo(statement.compile(MYSQL).bind(Map.of()));
        }
    }
}
