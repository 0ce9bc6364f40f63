package dev.retort.core.sql;

import static dev.retort.core.sql.GoldenSchema.BOTH;
import static dev.retort.core.sql.GoldenSchema.MARIADB;
import static dev.retort.core.sql.GoldenSchema.MYSQL;
import static dev.retort.core.sql.GoldenSchema.POSTS;
import static dev.retort.core.sql.GoldenSchema.USERS;
import static dev.retort.core.sql.GoldenSchema.assertCompiles;
import static dev.retort.core.sql.Sql.and;
import static dev.retort.core.sql.Sql.caseWhen;
import static dev.retort.core.sql.Sql.cast;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.literal;
import static dev.retort.core.sql.Sql.not;
import static dev.retort.core.sql.Sql.nullValue;
import static dev.retort.core.sql.Sql.or;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.tuple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.GoldenSchema.Status;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Golden SQL for expressions: operators, precedence, predicates, CASE, CAST, binding. */
class ExpressionCompileTest {

    /** Asserts {@code condition} as the WHERE of {@code SELECT users.id FROM users}. */
    private static void assertWhere(Expression<Boolean> condition, String sql, Object... values) {
        assertCompiles(select(USERS.id).where(condition), "SELECT users.id FROM users WHERE " + sql, values);
    }

    /** Asserts {@code expression} as the only column of a select on users. */
    private static void assertColumn(Expression<?> expression, String sql, Object... values) {
        assertCompiles(select(expression).selectFrom(USERS), "SELECT " + sql + " FROM users", values);
    }

    @Nested
    class Comparisons {

        @Test
        void withValues() {
            assertWhere(USERS.age.eq(30), "users.age = ?", 30);
            assertWhere(USERS.age.ne(30), "users.age != ?", 30);
            assertWhere(USERS.age.lt(30), "users.age < ?", 30);
            assertWhere(USERS.age.le(30), "users.age <= ?", 30);
            assertWhere(USERS.age.gt(30), "users.age > ?", 30);
            assertWhere(USERS.age.ge(30), "users.age >= ?", 30);
        }

        @Test
        void withColumns() {
            assertWhere(USERS.age.eq(USERS.managerId), "users.age = users.manager_id");
            assertWhere(USERS.age.ne(USERS.managerId), "users.age != users.manager_id");
            assertWhere(USERS.age.lt(USERS.managerId), "users.age < users.manager_id");
            assertWhere(USERS.age.le(USERS.managerId), "users.age <= users.manager_id");
            assertWhere(USERS.age.gt(USERS.managerId), "users.age > users.manager_id");
            assertWhere(USERS.age.ge(USERS.managerId), "users.age >= users.manager_id");
        }

        @Test
        void eqNullIsIsNull() {
            assertWhere(USERS.email.eq((String) null), "users.email IS NULL");
            assertWhere(USERS.email.ne((String) null), "users.email IS NOT NULL");
            assertWhere(USERS.email.isNull(), "users.email IS NULL");
            assertWhere(USERS.email.isNotNull(), "users.email IS NOT NULL");
        }

        @Test
        void comparisonWithNullLiteral() {
            assertWhere(USERS.email.isNull().eq(literal(true, Types.BOOLEAN)), "users.email IS NULL = ?", true);
        }

        @Test
        void orderingComparisonWithNullBindsNull() {
            assertWhere(USERS.age.lt((Integer) null), "users.age < ?", (Object) null);
        }

        @Test
        void enumBoundAsLabel() {
            assertCompiles(select(POSTS.id).where(POSTS.status.eq(Status.published)),
                    "SELECT posts.id FROM posts WHERE posts.status = ?", "published");
            assertCompiles(select(POSTS.id).where(POSTS.status.in(List.of(Status.draft, Status.archived))),
                    "SELECT posts.id FROM posts WHERE posts.status IN (?, ?)", "draft", "archived");
        }

        @Test
        void valuesAreConvertedByTheColumnType() {
            LocalDateTime when = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
            Compiled compiled = select(POSTS.id).where(POSTS.publishedAt.gt(when), POSTS.price.le(new BigDecimal("9.99")))
                    .compile(MYSQL);
            assertThat(compiled.parameterTypes()).containsExactly(POSTS.publishedAt.type(), POSTS.price.type());
            assertThat(compiled.bind(Map.of())).containsExactly(when, new BigDecimal("9.99"));
        }
    }

    @Nested
    class Logic {

        @Test
        void andOr() {
            assertWhere(and(USERS.age.gt(1), USERS.age.lt(9)), "users.age > ? AND users.age < ?", 1, 9);
            assertWhere(or(USERS.age.gt(1), USERS.age.lt(9)), "users.age > ? OR users.age < ?", 1, 9);
        }

        @Test
        void orInsideAndIsParenthesised() {
            assertWhere(and(or(USERS.age.lt(18), USERS.age.gt(65)), USERS.name.eq("x")),
                    "(users.age < ? OR users.age > ?) AND users.name = ?", 18, 65, "x");
            assertCompiles(select(USERS.id).where(or(USERS.age.lt(18), USERS.age.gt(65))).where(USERS.name.eq("x")),
                    "SELECT users.id FROM users WHERE (users.age < ? OR users.age > ?) AND users.name = ?", 18, 65, "x");
        }

        @Test
        void andInsideOrNeedsNoParentheses() {
            assertWhere(or(and(USERS.age.gt(1), USERS.age.lt(9)), USERS.email.isNull()),
                    "users.age > ? AND users.age < ? OR users.email IS NULL", 1, 9);
        }

        @Test
        void deepNesting() {
            assertWhere(and(USERS.id.gt(0), or(USERS.age.lt(18), and(USERS.age.gt(65), or(USERS.name.eq("a"), USERS.name.eq("b"))))),
                    "users.id > ? AND (users.age < ? OR users.age > ? AND (users.name = ? OR users.name = ?))",
                    0, 18, 65, "a", "b");
        }

        @Test
        void notOfComparisonsIsParenthesised() {
            assertWhere(not(USERS.age.eq(3)), "NOT (users.age = ?)", 3);
            assertWhere(not(USERS.email.isNull()), "NOT (users.email IS NULL)");
            assertWhere(not(USERS.age.between(1, 2)), "NOT (users.age BETWEEN ? AND ?)", 1, 2);
            assertWhere(not(USERS.name.like("a%")), "NOT (users.name LIKE ?)", "a%");
        }

        @Test
        void notOfAndOr() {
            assertWhere(not(and(USERS.age.gt(1), USERS.age.lt(9))), "NOT (users.age > ? AND users.age < ?)", 1, 9);
            assertWhere(not(or(USERS.age.gt(1), USERS.age.lt(9))), "NOT (users.age > ? OR users.age < ?)", 1, 9);
            assertWhere(and(not(USERS.age.eq(1)), USERS.id.eq(2)), "NOT (users.age = ?) AND users.id = ?", 1, 2);
            assertWhere(not(not(USERS.age.eq(1))), "NOT (NOT (users.age = ?))", 1);
        }

        @Test
        void singleConditionAndOrAreTheConditionItself() {
            assertWhere(and(USERS.age.gt(1)), "users.age > ?", 1);
            assertWhere(or(USERS.age.gt(1)), "users.age > ?", 1);
        }

        @Test
        void emptyAndOr() {
            assertWhere(and(), "1 = 1");
            assertWhere(or(), "1 = 0");
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void operators() {
            assertColumn(USERS.age.plus(1), "users.age + ?", 1);
            assertColumn(USERS.age.minus(1), "users.age - ?", 1);
            assertColumn(USERS.age.times(2), "users.age * ?", 2);
            assertColumn(USERS.age.dividedBy(2), "users.age / ?", 2);
            assertColumn(USERS.age.mod(2), "users.age % ?", 2);
            assertColumn(USERS.age.negate(), "-users.age");
            assertColumn(USERS.age.plus(USERS.id), "users.age + users.id");
        }

        @Test
        void precedence() {
            Expression<Integer> a = USERS.id;
            Expression<Integer> b = USERS.age;
            Expression<Integer> c = USERS.managerId;
            assertColumn(a.minus(b.minus(c)), "users.id - (users.age - users.manager_id)");
            assertColumn(a.minus(b).minus(c), "users.id - users.age - users.manager_id");
            assertColumn(a.times(b.plus(c)), "users.id * (users.age + users.manager_id)");
            assertColumn(a.times(b).plus(c), "users.id * users.age + users.manager_id");
            assertColumn(a.plus(b.times(c)), "users.id + users.age * users.manager_id");
            assertColumn(a.plus(b.plus(c)), "users.id + users.age + users.manager_id");
            assertColumn(a.plus(b).plus(c), "users.id + users.age + users.manager_id");
            assertColumn(a.plus(b.minus(c)), "users.id + (users.age - users.manager_id)");
            assertColumn(a.dividedBy(b.times(c)), "users.id / (users.age * users.manager_id)");
            assertColumn(a.times(b.dividedBy(c)), "users.id * (users.age / users.manager_id)");
            assertColumn(a.times(b.mod(7)), "users.id * (users.age % ?)", 7);
            assertColumn(a.mod(7).times(b), "users.id % ? * users.age", 7);
            assertColumn(a.times(b.times(c)), "users.id * users.age * users.manager_id");
            assertColumn(a.plus(b).negate(), "-(users.id + users.age)");
            assertColumn(a.negate().negate(), "-(-users.id)");
            assertColumn(a.minus(b.negate()), "users.id - -users.age");
            assertColumn(a.negate().times(b), "-users.id * users.age");
        }

        @Test
        void arithmeticInComparisons() {
            assertWhere(USERS.age.plus(1).gt(USERS.id.times(2)), "users.age + ? > users.id * ?", 1, 2);
            assertWhere(USERS.age.minus(USERS.id).eq(0), "users.age - users.id = ?", 0);
        }

        @Test
        void comparisonsOfComparisons() {
            assertWhere(USERS.age.eq(1).eq(USERS.id.eq(2)), "users.age = ? = (users.id = ?)", 1, 2);
        }
    }

    @Nested
    class Predicates {

        @Test
        void inAndNotIn() {
            assertWhere(USERS.id.in(List.of(1, 2, 3)), "users.id IN (?, ?, ?)", 1, 2, 3);
            assertWhere(USERS.id.notIn(List.of(4)), "users.id NOT IN (?)", 4);
            assertWhere(USERS.name.in(List.of("a", "b")), "users.name IN (?, ?)", "a", "b");
        }

        @Test
        void emptyInIsFalseAndEmptyNotInIsTrue() {
            assertWhere(USERS.id.in(List.of()), "1 = 0");
            assertWhere(USERS.id.notIn(List.of()), "1 = 1");
            assertWhere(and(USERS.id.in(List.of()), USERS.age.gt(3)), "1 = 0 AND users.age > ?", 3);
            assertWhere(or(USERS.id.notIn(List.of()), USERS.age.gt(3)), "1 = 1 OR users.age > ?", 3);
            assertWhere(not(USERS.id.in(List.of())), "NOT (1 = 0)");
        }

        @Test
        void between() {
            assertWhere(USERS.age.between(18, 65), "users.age BETWEEN ? AND ?", 18, 65);
            assertWhere(USERS.age.notBetween(18, 65), "users.age NOT BETWEEN ? AND ?", 18, 65);
            assertWhere(and(USERS.age.between(1, 2), USERS.id.between(3, 4)),
                    "users.age BETWEEN ? AND ? AND users.id BETWEEN ? AND ?", 1, 2, 3, 4);
        }

        @Test
        void betweenOfArithmetic() {
            assertWhere(USERS.age.plus(1).between(2, 3), "users.age + ? BETWEEN ? AND ?", 1, 2, 3);
        }

        @Test
        void like() {
            assertWhere(USERS.name.like("A%"), "users.name LIKE ?", "A%");
            assertWhere(USERS.name.notLike("A%"), "users.name NOT LIKE ?", "A%");
            assertWhere(USERS.name.ilike("a%"), "LOWER(users.name) LIKE LOWER(?)", "a%");
            assertWhere(USERS.name.notIlike("a%"), "LOWER(users.name) NOT LIKE LOWER(?)", "a%");
        }

        @Test
        void likeOfFunction() {
            assertWhere(USERS.name.concat(USERS.email).like("%x%"), "CONCAT(users.name, users.email) LIKE ?", "%x%");
        }

        @Test
        void isNullInAnd() {
            assertWhere(and(USERS.email.isNull(), USERS.age.isNotNull()), "users.email IS NULL AND users.age IS NOT NULL");
        }

        @Test
        void tuples() {
            assertWhere(tuple(USERS.id, USERS.age).eq(tuple(literal(1, Types.INTEGER), literal(2, Types.INTEGER))),
                    "(users.id, users.age) = (?, ?)", 1, 2);
        }
    }

    @Nested
    class Strings {

        @Test
        void concat() {
            assertColumn(USERS.name.concat(" <").concat(USERS.email).concat(">"),
                    "CONCAT(CONCAT(CONCAT(users.name, ?), users.email), ?)", " <", ">");
            assertColumn(USERS.name.concat(USERS.email).as("both"), "CONCAT(users.name, users.email) AS `both`");
        }
    }

    @Nested
    class Cases {

        @Test
        void caseWhenOtherwise() {
            Expression<String> group = caseWhen(USERS.age.lt(18), "minor", Types.TEXT)
                    .when(USERS.age.lt(65), "adult")
                    .otherwise("senior");
            assertColumn(group.as("age_group"),
                    "CASE WHEN users.age < ? THEN ? WHEN users.age < ? THEN ? ELSE ? END AS age_group",
                    18, "minor", 65, "adult", "senior");
        }

        @Test
        void caseWithExpressionsAndNoElse() {
            assertColumn(caseWhen(USERS.email.isNull(), USERS.name).when(USERS.age.gt(1), USERS.email),
                    "CASE WHEN users.email IS NULL THEN users.name WHEN users.age > ? THEN users.email END", 1);
        }

        @Test
        void caseWithComplexConditionsAndArithmetic() {
            assertColumn(caseWhen(or(USERS.age.lt(1), USERS.age.gt(9)), USERS.age.plus(1)).otherwise(USERS.age.minus(1)),
                    "CASE WHEN users.age < ? OR users.age > ? THEN users.age + ? ELSE users.age - ? END", 1, 9, 1, 1);
        }

        @Test
        void caseInComparison() {
            assertWhere(caseWhen(USERS.age.lt(18), 1, Types.INTEGER).otherwise(0).eq(1),
                    "CASE WHEN users.age < ? THEN ? ELSE ? END = ?", 18, 1, 0, 1);
        }

        @Test
        void caseOfEnumBindsLabels() {
            assertCompiles(select(caseWhen(POSTS.views.gt(10), Status.published, POSTS.status.type()).otherwise(Status.draft)),
                    "SELECT CASE WHEN posts.views > ? THEN ? ELSE ? END FROM posts", 10, "published", "draft");
        }
    }

    @Nested
    class Casts {

        private void assertCast(SqlType<?> type, String target) {
            assertColumn(cast(USERS.age, type), "CAST(users.age AS " + target + ")");
        }

        @Test
        void everyStandardType() {
            assertCast(Types.INTEGER, "SIGNED");
            assertCast(Types.BIGINT, "SIGNED");
            assertCast(Types.SMALLINT, "SIGNED");
            assertCast(Types.BOOLEAN, "SIGNED");
            assertCast(Types.STRING, "CHAR");
            assertCast(Types.string(20), "CHAR(20)");
            assertCast(Types.TEXT, "CHAR");
            assertCast(Types.DATETIME, "DATETIME");
            assertCast(Types.datetime(6), "DATETIME(6)");
            assertCast(Types.DATE, "DATE");
            assertCast(Types.TIME, "TIME");
            assertCast(Types.time(3), "TIME(3)");
            assertCast(Types.TIMESTAMP, "DATETIME");
            assertCast(Types.timestamp(3), "DATETIME(3)");
            assertCast(Types.FLOAT, "FLOAT");
            assertCast(Types.DOUBLE, "DOUBLE");
            assertCast(Types.NUMERIC, "DECIMAL");
            assertCast(Types.numeric(10, 2), "DECIMAL(10, 2)");
            assertCast(Types.enumOf("a", "b"), "CHAR");
            assertCast(Types.enumOf(Status.class), "CHAR");
            assertCast(Types.LARGE_BINARY, "BINARY");
            assertCast(Types.UUID, "CHAR(36)");
        }

        @Test
        void jsonCastDiffersByServer() {
            Select statement = select(cast(USERS.name, Types.JSON)).selectFrom(USERS);
            assertThat(statement.compile(MYSQL).sql()).isEqualTo("SELECT CAST(users.name AS JSON) FROM users");
            assertThat(statement.compile(MARIADB).sql()).isEqualTo("SELECT CAST(users.name AS CHAR) FROM users");
        }

        @Test
        void castToAnyIsRefused() {
            for (Dialect dialect : BOTH) {
                assertThatThrownBy(() -> select(cast(USERS.age, Types.ANY)).selectFrom(USERS).compile(dialect))
                        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("ANY");
            }
        }

        @Test
        void castMethodAndCastOfExpressions() {
            assertColumn(USERS.age.plus(1).cast(Types.string(5)), "CAST(users.age + ? AS CHAR(5))", 1);
            assertWhere(cast(USERS.name, Types.DATE).eq(LocalDate.of(2024, 1, 2)), "CAST(users.name AS DATE) = ?",
                    LocalDate.of(2024, 1, 2));
        }
    }

    @Nested
    class Binding {

        @Test
        void literalsAreBound() {
            assertColumn(literal("x", Types.TEXT), "?", "x");
            UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
            assertColumn(literal(id, Types.UUID), "?", "123e4567-e89b-12d3-a456-426614174000");
        }

        @Test
        void nullValueIsSqlNull() {
            assertColumn(nullValue(), "NULL");
            assertWhere(func.coalesce(USERS.age, literal(0, Types.INTEGER)).gt(1), "COALESCE(users.age, ?) > ?", 0, 1);
        }

        @Test
        void hostileStringsAreOnlyEverBound() {
            String hostile = "x' OR '1'='1";
            List<Executable> statements = List.of(
                    select(USERS.id).where(USERS.name.eq(hostile)),
                    select(USERS.id).where(USERS.name.like(hostile), USERS.name.ilike(hostile)),
                    select(USERS.id).where(USERS.name.in(List.of(hostile, hostile))),
                    select(USERS.name.concat(hostile), caseWhen(USERS.id.gt(0), hostile, Types.TEXT).otherwise(hostile),
                            func.coalesce(USERS.email, literal(hostile, Types.TEXT))),
                    select(USERS.id).where(USERS.name.between(hostile, hostile)),
                    Sql.insert(USERS).value(USERS.name, hostile),
                    Sql.insert(USERS).value(USERS.name, hostile).onDuplicateKeyUpdate(Map.of(USERS.email, hostile)),
                    Sql.update(USERS).set(USERS.name, hostile).where(USERS.email.eq(hostile)),
                    Sql.delete(USERS).where(USERS.name.ne(hostile)));
            for (Executable statement : statements) {
                for (Dialect dialect : BOTH) {
                    Compiled compiled = statement.compile(dialect);
                    assertThat(compiled.sql()).doesNotContain("'").doesNotContain("OR '1'").doesNotContain(hostile);
                    assertThat(compiled.bind(Map.of())).contains(hostile);
                }
            }
        }
    }
}
