package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.and;
import static dev.retort.core.sql.Sql.alias;
import static dev.retort.core.sql.Sql.caseWhen;
import static dev.retort.core.sql.Sql.cast;
import static dev.retort.core.sql.Sql.exists;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.literal;
import static dev.retort.core.sql.Sql.not;
import static dev.retort.core.sql.Sql.or;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.tuple;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.result.Row;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.TableAlias;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * SELECT built with the statement builders, executed on the real server: WHERE operators, joins,
 * aliases, grouping, ordering (with emulated NULLS FIRST/LAST), LIMIT/OFFSET, DISTINCT, CASE,
 * CAST, CONCAT and row values. Subqueries, CTEs and set operations are in
 * {@link StatementSubqueryTest}.
 */
@DatabaseTest
class StatementSelectTest {

    /** users (self-referencing manager) ← posts. Shared by the Statement*Test classes. */
    static final class Shop {
        static final MetaData META = new MetaData();
        static final Users USERS = new Users(META);
        static final Posts POSTS = new Posts(META);

        static final class Users extends Table {
            final Column<Integer> id = column("id", INTEGER).primaryKey();
            final Column<String> name = column("name", string(50)).notNull();
            final Column<Integer> age = column("age", INTEGER);
            final Column<String> email = column("email", string(100));
            final Column<Integer> managerId = column("manager_id", INTEGER).references("users.id");

            Users(MetaData metadata) {
                super(metadata, "users");
            }
        }

        static final class Posts extends Table {
            final Column<Integer> id = column("id", INTEGER).primaryKey();
            final Column<Integer> userId = column("user_id", INTEGER).notNull().references("users.id");
            final Column<String> title = column("title", string(200)).notNull();
            final Column<Integer> score = column("score", INTEGER);

            Posts(MetaData metadata) {
                super(metadata, "posts");
            }
        }

        /** A row for {@code insert(...).values(List)} that may hold NULLs. */
        static Map<Column<?>, Object> row(Object... columnsAndValues) {
            Map<Column<?>, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columnsAndValues.length; i += 2) {
                row.put((Column<?>) columnsAndValues[i], columnsAndValues[i + 1]);
            }
            return row;
        }

        /**
         * users: 1 Ann 31 ann@x.org -, 2 Bob 25 bob@x.org 1, 3 Cid NULL NULL 1, 4 Dee 40 DEE@X.ORG 2,
         * 5 Eve 25 NULL 2. posts: 1 Ann Hello 10, 2 Ann World NULL, 3 Bob "Reactive SQL" 7, 4 Dee Zebra 3.
         */
        static Mono<Void> fill(Engine engine) {
            List<Map<Column<?>, Object>> users = List.of(
                    row(USERS.id, 1, USERS.name, "Ann", USERS.age, 31, USERS.email, "ann@x.org", USERS.managerId, null),
                    row(USERS.id, 2, USERS.name, "Bob", USERS.age, 25, USERS.email, "bob@x.org", USERS.managerId, 1),
                    row(USERS.id, 3, USERS.name, "Cid", USERS.age, null, USERS.email, null, USERS.managerId, 1),
                    row(USERS.id, 4, USERS.name, "Dee", USERS.age, 40, USERS.email, "DEE@X.ORG", USERS.managerId, 2),
                    row(USERS.id, 5, USERS.name, "Eve", USERS.age, 25, USERS.email, null, USERS.managerId, 2));
            List<Map<Column<?>, Object>> posts = List.of(
                    row(POSTS.id, 1, POSTS.userId, 1, POSTS.title, "Hello", POSTS.score, 10),
                    row(POSTS.id, 2, POSTS.userId, 1, POSTS.title, "World", POSTS.score, null),
                    row(POSTS.id, 3, POSTS.userId, 2, POSTS.title, "Reactive SQL", POSTS.score, 7),
                    row(POSTS.id, 4, POSTS.userId, 4, POSTS.title, "Zebra", POSTS.score, 3));
            return engine.execute(insert(USERS).values(users)).rowcount()
                    .then(engine.execute(insert(POSTS).values(posts)).rowcount()).then();
        }

        @SuppressWarnings("unchecked")
        static <T> Expression<T> typed(Expression<?> expression) {
            return (Expression<T>) expression;
        }
    }

    private static final Shop.Users USERS = Shop.USERS;
    private static final Shop.Posts POSTS = Shop.POSTS;

    private final Engine engine;

    StatementSelectTest(TestDatabase db) {
        this.engine = db.engine();
    }

    @BeforeAll
    static void createAndFill(TestDatabase db) {
        Shop.META.createAll(db.engine()).then(Shop.fill(db.engine())).block();
    }

    private void expectNames(Select query, String... names) {
        engine.execute(query).scalars(String.class).as(StepVerifier::create).expectNext(names).verifyComplete();
    }

    private Select names() {
        return select(USERS.name);
    }

    // ---- WHERE ------------------------------------------------------------------------------------

    @Test
    void whereWithComparisonsAndOrNot() {
        expectNames(names().where(USERS.age.gt(30)).orderBy(USERS.id), "Ann", "Dee");
        expectNames(names().where(USERS.age.ge(25), USERS.age.lt(31)).orderBy(USERS.id), "Bob", "Eve");
        expectNames(names().where(or(and(USERS.age.ge(25), USERS.age.lt(31)), USERS.name.eq("Dee"))).orderBy(USERS.id),
                "Bob", "Dee", "Eve");
        // NOT (age = 25) is unknown for Cid's NULL age, so Cid is not there
        expectNames(names().where(not(USERS.age.eq(25))).orderBy(USERS.id), "Ann", "Dee");
        expectNames(names().where(not(or(USERS.name.eq("Ann"), USERS.name.eq("Bob")))).orderBy(USERS.id),
                "Cid", "Dee", "Eve");
        expectNames(names().where(USERS.name.ne("Ann"), USERS.age.le(25)).orderBy(USERS.id), "Bob", "Eve");
        expectNames(names().where(USERS.managerId.eq(USERS.id.plus(0).minus(1))).orderBy(USERS.id), "Bob");
    }

    @Test
    void inNotInAndEmptyIn() {
        expectNames(names().where(USERS.age.in(List.of(25, 40))).orderBy(USERS.id), "Bob", "Dee", "Eve");
        expectNames(names().where(USERS.age.notIn(List.of(25, 40))).orderBy(USERS.id), "Ann");
        // SQLAlchemy's empty-set rule: IN () is false and NOT IN () true, even for NULLs
        expectNames(names().where(USERS.age.in(List.of())).orderBy(USERS.id));
        expectNames(names().where(USERS.age.notIn(List.of())).orderBy(USERS.id), "Ann", "Bob", "Cid", "Dee", "Eve");
        expectNames(names().where(USERS.id.in(select(POSTS.userId))).orderBy(USERS.id), "Ann", "Bob", "Dee");
        expectNames(names().where(USERS.id.notIn(select(POSTS.userId))).orderBy(USERS.id), "Cid", "Eve");
    }

    @Test
    void betweenLikeIlikeAndIsNull() {
        expectNames(names().where(USERS.age.between(25, 31)).orderBy(USERS.id), "Ann", "Bob", "Eve");
        expectNames(names().where(USERS.age.notBetween(25, 31)).orderBy(USERS.id), "Dee");
        // the default collation is case-insensitive, so LIKE already ignores case here
        expectNames(names().where(USERS.email.like("%@x.org")).orderBy(USERS.id), "Ann", "Bob", "Dee");
        expectNames(names().where(USERS.name.like("_o_")).orderBy(USERS.id), "Bob");
        expectNames(names().where(USERS.email.notLike("a%")).orderBy(USERS.id), "Bob", "Dee");
        expectNames(names().where(USERS.email.ilike("%@X.ORG")).orderBy(USERS.id), "Ann", "Bob", "Dee");
        expectNames(names().where(USERS.email.ilike("dee@%")).orderBy(USERS.id), "Dee");
        expectNames(names().where(USERS.email.notIlike("DEE%")).orderBy(USERS.id), "Ann", "Bob");
        expectNames(names().where(USERS.email.isNull()).orderBy(USERS.id), "Cid", "Eve");
        expectNames(names().where(USERS.email.isNotNull(), USERS.managerId.isNull()).orderBy(USERS.id), "Ann");
        expectNames(names().where(USERS.email.eq((String) null)).orderBy(USERS.id), "Cid", "Eve");
    }

    @Test
    void rowValueComparisons() {
        expectNames(names().where(tuple(USERS.id, USERS.name).eq(tuple(literal(2, INTEGER), literal("Bob", TEXT)))), "Bob");
        expectNames(names().where(tuple(USERS.id, USERS.age).in(select(POSTS.userId, POSTS.score.plus(21))))
                .orderBy(USERS.id), "Ann");
    }

    // ---- joins and aliases ---------------------------------------------------------------------

    @Test
    void innerJoinWithInferredOn() {
        engine.execute(select(USERS.name, POSTS.title).join(POSTS).orderBy(POSTS.id)).rows()
                .map(row -> row.get(USERS.name) + ":" + row.get(POSTS.title))
                .as(StepVerifier::create)
                .expectNext("Ann:Hello", "Ann:World", "Bob:Reactive SQL", "Dee:Zebra")
                .verifyComplete();
        // the other direction: FROM posts JOIN users
        engine.execute(select(POSTS.title, USERS.name).join(USERS).where(USERS.age.gt(30)).orderBy(POSTS.id))
                .scalars(String.class)
                .as(StepVerifier::create).expectNext("Hello", "World", "Zebra").verifyComplete();
    }

    @Test
    void leftAndRightOuterJoinsKeepUnmatchedRows() {
        engine.execute(select(USERS.name, POSTS.title).leftJoin(POSTS).orderBy(USERS.id, POSTS.id)).rows()
                .map(row -> row.get(USERS.name) + ":" + row.get(POSTS.title))
                .as(StepVerifier::create)
                .expectNext("Ann:Hello", "Ann:World", "Bob:Reactive SQL", "Cid:null", "Dee:Zebra", "Eve:null")
                .verifyComplete();
        // FROM posts RIGHT JOIN users
        engine.execute(select(POSTS.title, USERS.name).rightJoin(USERS).where(POSTS.id.isNull()).orderBy(USERS.id))
                .rows().map(row -> row.get(POSTS.title) + ":" + row.get(USERS.name))
                .as(StepVerifier::create).expectNext("null:Cid", "null:Eve").verifyComplete();
        // left join with an explicit ON
        engine.execute(select(USERS.name, func.count(POSTS.id).as("n"))
                        .leftJoin(POSTS, and(POSTS.userId.eq(USERS.id), POSTS.score.isNotNull()))
                        .groupBy(USERS.id, USERS.name).orderBy(USERS.id)).rows()
                .map(row -> row.get(0) + "=" + row.get("n", Long.class))
                .as(StepVerifier::create).expectNext("Ann=1", "Bob=1", "Cid=0", "Dee=1", "Eve=0").verifyComplete();
    }

    @Test
    void selfJoinThroughAliases() {
        TableAlias staff = alias(USERS, "staff");
        TableAlias boss = alias(USERS, "boss");
        Expression<String> staffName = staff.c(USERS.name);
        Expression<String> bossName = boss.c(USERS.name);
        // ON inferred from users.manager_id -> users.id
        engine.execute(select(staffName, bossName).join(boss).orderBy(staff.c(USERS.id))).rows()
                .map(row -> row.get(staffName) + "->" + row.get(bossName))
                .as(StepVerifier::create)
                .expectNext("Bob->Ann", "Cid->Ann", "Dee->Bob", "Eve->Bob")
                .verifyComplete();
        // explicit ON, outer join, columns read by freshly built alias columns
        engine.execute(select(staff.c(USERS.id), staff.c(USERS.name), boss.c(USERS.id), boss.c(USERS.name))
                        .leftJoin(boss, staff.c(USERS.managerId).eq(boss.c(USERS.id)))
                        .where(staff.c(USERS.name).in(List.of("Ann", "Dee"))).orderBy(staff.c(USERS.id))).rows()
                .map(row -> row.get(staff.c(USERS.id)) + row.get(staff.c(USERS.name)) + "/" + row.get(boss.c(USERS.id))
                        + row.get(boss.c(USERS.name)))
                .as(StepVerifier::create).expectNext("1Ann/nullnull", "4Dee/2Bob").verifyComplete();
    }

    // ---- grouping and aggregates -----------------------------------------------------------------

    @Test
    void groupByHavingWithAggregates() {
        Expression<Long> count = func.count();
        Expression<BigDecimal> sum = func.sum(POSTS.score);
        Expression<BigDecimal> avg = func.avg(POSTS.score);
        Expression<Integer> min = func.min(POSTS.score);
        Expression<Integer> max = func.max(POSTS.score);
        Select grouped = select(POSTS.userId, count.as("n"), sum.as("total"), avg.as("mean"), min.as("low"), max.as("high"))
                .groupBy(POSTS.userId).orderBy(POSTS.userId);
        engine.execute(grouped).rows()
                .map(row -> row.get(POSTS.userId) + ":" + row.get(count) + ":" + row.get(sum) + ":"
                        + row.get(avg).stripTrailingZeros().toPlainString() + ":" + row.get(min) + ":" + row.get(max))
                .as(StepVerifier::create)
                .expectNext("1:2:10:10:10:10", "2:1:7:7:7:7", "4:1:3:3:3:3")
                .verifyComplete();
        engine.execute(grouped.having(count.gt(1L))).rows().map(row -> row.get(POSTS.userId))
                .as(StepVerifier::create).expectNext(1).verifyComplete();
        engine.execute(select(USERS.age, func.count().as("n")).where(USERS.age.isNotNull()).groupBy(USERS.age)
                        .having(func.count().ge(2L), USERS.age.lt(100)).orderBy(USERS.age)).rows()
                .map(row -> row.get(USERS.age) + "x" + row.get("n", Integer.class))
                .as(StepVerifier::create).expectNext("25x2").verifyComplete();
        engine.execute(select(func.count(USERS.age.distinct()), func.count(USERS.email), func.max(USERS.name))).one()
                .map(row -> row.get(0, Long.class) + "," + row.get(1, Long.class) + "," + row.get(2))
                .as(StepVerifier::create).expectNext("3,3,Eve").verifyComplete();
    }

    // ---- ordering, limit, distinct ----------------------------------------------------------------

    @Test
    void orderByWithNullsFirstAndLastOnTheServer() {
        // the server's own order: NULL first ascending, last descending
        expectNames(names().orderBy(USERS.age, USERS.name), "Cid", "Bob", "Eve", "Ann", "Dee");
        expectNames(names().orderBy(USERS.age.desc(), USERS.name), "Dee", "Ann", "Bob", "Eve", "Cid");
        expectNames(names().orderBy(USERS.age.asc().nullsLast(), USERS.name), "Bob", "Eve", "Ann", "Dee", "Cid");
        expectNames(names().orderBy(USERS.age.asc().nullsFirst(), USERS.name), "Cid", "Bob", "Eve", "Ann", "Dee");
        expectNames(names().orderBy(USERS.age.desc().nullsFirst(), USERS.name.desc()), "Cid", "Dee", "Ann", "Eve", "Bob");
        expectNames(names().orderBy(USERS.age.desc().nullsLast(), USERS.name), "Dee", "Ann", "Bob", "Eve", "Cid");
        expectNames(names().orderBy(USERS.email.desc().nullsLast(), USERS.id),
                "Dee", "Bob", "Ann", "Cid", "Eve");
    }

    @Test
    void limitOffsetAndDistinct() {
        expectNames(names().orderBy(USERS.id).limit(2), "Ann", "Bob");
        expectNames(names().orderBy(USERS.id).limit(2).offset(1), "Bob", "Cid");
        expectNames(names().orderBy(USERS.id).offset(3), "Dee", "Eve");
        expectNames(names().orderBy(USERS.id).limit(0));
        engine.execute(select(USERS.age).distinct().where(USERS.age.isNotNull()).orderBy(USERS.age))
                .scalars(Integer.class).as(StepVerifier::create).expectNext(25, 31, 40).verifyComplete();
        engine.execute(select(POSTS.userId).distinct().orderBy(POSTS.userId.desc()))
                .scalars(Integer.class).as(StepVerifier::create).expectNext(4, 2, 1).verifyComplete();
    }

    // ---- CASE, CAST, CONCAT ---------------------------------------------------------------------

    @Test
    void caseCastAndConcat() {
        Expression<String> band = caseWhen(USERS.age.lt(30), "young", TEXT).when(USERS.age.ge(30), "older")
                .otherwise("unknown");
        engine.execute(select(USERS.name, band.as("band")).orderBy(USERS.id)).rows()
                .map(row -> row.get(USERS.name) + "=" + row.get(band))
                .as(StepVerifier::create)
                .expectNext("Ann=older", "Bob=young", "Cid=unknown", "Dee=older", "Eve=young")
                .verifyComplete();

        Expression<String> label = USERS.name.concat(" (").concat(cast(USERS.age, TEXT)).concat(")");
        engine.execute(select(label.as("label")).where(USERS.id.le(2)).orderBy(USERS.id)).scalars(String.class)
                .as(StepVerifier::create).expectNext("Ann (31)", "Bob (25)").verifyComplete();

        Expression<Integer> number = cast(literal("42", TEXT), INTEGER);
        engine.execute(select(number.as("n"), number.plus(1).as("m"))).one()
                .map(row -> List.of(row.get(number), row.get("m", Integer.class)))
                .as(StepVerifier::create).expectNext(List.of(42, 43)).verifyComplete();

        // CASE with an expression result and a searched CASE in WHERE
        Expression<Integer> bonus = caseWhen(POSTS.score.isNull(), literal(0, INTEGER)).otherwise(POSTS.score.times(2));
        engine.execute(select(POSTS.title, bonus.as("bonus")).where(bonus.ge(0)).orderBy(POSTS.id)).rows()
                .map(row -> row.get(POSTS.title) + ":" + row.get(bonus))
                .as(StepVerifier::create).expectNext("Hello:20", "World:0", "Reactive SQL:14", "Zebra:6").verifyComplete();
    }

    @Test
    void expressionsWithoutFromAndFunctions() {
        engine.execute(select(literal(6, INTEGER).times(7).as("answer"), func.upper(literal("abc", TEXT)).as("up"))).one()
                .map(row -> row.get("answer", Integer.class) + row.get("up", String.class))
                .as(StepVerifier::create).expectNext("42ABC").verifyComplete();
        engine.execute(select(func.coalesce(USERS.email, literal("none", TEXT)).as("mail")).orderBy(USERS.id))
                .scalars(String.class).collectList()
                .as(StepVerifier::create)
                .assertNext(mails -> assertThat(mails).containsExactly("ann@x.org", "bob@x.org", "none", "DEE@X.ORG", "none"))
                .verifyComplete();
        List<Row> collected = new ArrayList<>();
        engine.execute(select(USERS).where(USERS.id.eq(4))).rows().doOnNext(collected::add)
                .as(StepVerifier::create).expectNextCount(1).verifyComplete();
        assertThat(collected.get(0).columnNames()).containsExactly("id", "name", "age", "email", "manager_id");
        assertThat(collected.get(0).get(USERS.email)).isEqualTo("DEE@X.ORG");
    }
}
