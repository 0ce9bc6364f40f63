package dev.retort.core.engine;

import static dev.retort.core.engine.StatementSelectTest.Shop.typed;
import static dev.retort.core.sql.Sql.exists;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.literal;
import static dev.retort.core.sql.Sql.not;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.types.Types.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.StatementSelectTest.Shop;
import dev.retort.core.sql.CompoundSelect;
import dev.retort.core.sql.DerivedTable;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Scalar subqueries, EXISTS, derived tables, CTEs (recursive too) and set operations, on the server. */
@DatabaseTest
class StatementSubqueryTest {

    private static final Shop.Users USERS = Shop.USERS;
    private static final Shop.Posts POSTS = Shop.POSTS;

    private final Engine engine;

    StatementSubqueryTest(TestDatabase db) {
        this.engine = db.engine();
    }

    @BeforeAll
    static void createAndFill(TestDatabase db) {
        Shop.META.createAll(db.engine()).then(Shop.fill(db.engine())).block();
    }

    private void expectNames(dev.retort.core.sql.Query query, String... names) {
        engine.execute(query).scalars(String.class).as(StepVerifier::create).expectNext(names).verifyComplete();
    }

    private void expectNamesInAnyOrder(dev.retort.core.sql.Query query, String... names) {
        engine.execute(query).scalars(String.class).collectList().as(StepVerifier::create)
                .assertNext(found -> assertThat(found).containsExactlyInAnyOrder(names))
                .verifyComplete();
    }

    // ---- scalar subqueries and EXISTS -------------------------------------------------------------

    @Test
    void correlatedScalarSubqueryInTheSelectList() {
        Expression<Long> postCount = select(func.count()).where(POSTS.userId.eq(USERS.id)).scalarSubquery();
        engine.execute(select(USERS.name, postCount.as("posts")).orderBy(USERS.id)).rows()
                .map(row -> row.get(USERS.name) + "=" + row.get(postCount))
                .as(StepVerifier::create)
                .expectNext("Ann=2", "Bob=1", "Cid=0", "Dee=1", "Eve=0")
                .verifyComplete();
    }

    @Test
    void uncorrelatedScalarSubqueryOnAnotherTable() {
        Expression<Integer> best = select(func.max(POSTS.score)).scalarSubquery();
        engine.execute(select(POSTS.title).where(POSTS.score.eq(best))).scalars(String.class)
                .as(StepVerifier::create).expectNext("Hello").verifyComplete();
    }

    /**
     * A scalar subquery over the same table as the enclosing query: SQLAlchemy correlates a table
     * away only when the subquery keeps another FROM item, so this is {@code (SELECT max(age) FROM
     * users)}, not a subquery without FROM.
     */
    @Test
    void scalarSubqueryOverTheEnclosingTableKeepsItsFrom() {
        Expression<Integer> oldest = select(func.max(USERS.age)).scalarSubquery();
        expectNames(select(USERS.name).where(USERS.age.eq(oldest)), "Dee");
    }

    @Test
    void correlatedExistsAndNotExists() {
        Select postsOfUser = select(POSTS.id).where(POSTS.userId.eq(USERS.id));
        expectNames(select(USERS.name).where(exists(postsOfUser)).orderBy(USERS.id), "Ann", "Bob", "Dee");
        expectNames(select(USERS.name).where(not(postsOfUser.exists())).orderBy(USERS.id), "Cid", "Eve");
        expectNames(select(USERS.name).where(exists(postsOfUser.where(POSTS.score.gt(5)))).orderBy(USERS.id),
                "Ann", "Bob");
    }

    // ---- derived tables and CTEs ------------------------------------------------------------------

    @Test
    void derivedTableJoinedToATable() {
        DerivedTable counts = select(POSTS.userId, func.count().as("n")).groupBy(POSTS.userId).subquery("pc");
        Expression<Long> n = typed(counts.c("n"));
        engine.execute(select(USERS.name, n).join(counts, USERS.id.eq(typed(counts.c("user_id")))).orderBy(USERS.id))
                .rows().map(row -> row.get(USERS.name) + "=" + row.get(n))
                .as(StepVerifier::create).expectNext("Ann=2", "Bob=1", "Dee=1").verifyComplete();
        // selecting from the derived table alone
        engine.execute(select(func.sum(n).as("total")).selectFrom(counts)).scalar(Long.class)
                .as(StepVerifier::create).expectNext(4L).verifyComplete();
    }

    /** A derived table over the same table as the enclosing query: its own FROM must stay (derived tables cannot correlate). */
    @Test
    void derivedTableOverTheSameTableAsTheEnclosingQuery() {
        DerivedTable older = select(USERS.id, USERS.age).where(USERS.age.gt(30)).subquery("older");
        expectNames(select(USERS.name).join(older, USERS.id.eq(typed(older.c("id")))).orderBy(USERS.id), "Ann", "Dee");
    }

    @Test
    void cteJoinedToATable() {
        DerivedTable counts = select(POSTS.userId, func.count().as("n")).groupBy(POSTS.userId).cte("pc");
        Expression<Long> n = typed(counts.c("n"));
        engine.execute(select(USERS.name, n).join(counts, USERS.id.eq(typed(counts.c("user_id"))))
                        .where(n.ge(1L)).orderBy(USERS.id))
                .rows().map(row -> row.get(USERS.name) + "=" + row.get(n))
                .as(StepVerifier::create).expectNext("Ann=2", "Bob=1", "Dee=1").verifyComplete();
        DerivedTable young = select(USERS.id, USERS.name).where(USERS.age.lt(30)).cte("young");
        expectNames(select(typed(young.c("name"))).orderBy(young.c("id")), "Bob", "Eve");
    }

    /**
     * {@code WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT n FROM t}.
     * The recursive part refers to the CTE before it exists: {@code seed.cteRecursive("t")} gives a
     * reference under the same name whose {@code c("n")} the step can use.
     */
    @Test
    void recursiveCteCountsOneToTen() {
        Select seed = select(literal(1, INTEGER).as("n"));
        DerivedTable self = seed.cteRecursive("t");
        Expression<Integer> previous = self.c("n", Integer.class);
        Select step = select(previous.plus(1).as("n")).where(previous.lt(10));
        DerivedTable t = seed.unionAll(step).cteRecursive("t");
        Expression<Integer> n = typed(t.c("n"));
        engine.execute(select(n).orderBy(n)).rows().map(row -> row.get(n))
                .collectList().as(StepVerifier::create)
                .assertNext(numbers -> assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, 10).boxed().toList()))
                .verifyComplete();
    }

    /** A recursive CTE walking the management chain down from Ann. */
    @Test
    void recursiveCteOverATable() {
        Select root = select(USERS.id, USERS.name, literal(0, INTEGER).as("depth")).where(USERS.managerId.isNull());
        DerivedTable chain = root.cteRecursive("chain");
        Expression<Integer> chainId = typed(chain.c("id"));
        Expression<Integer> chainDepth = typed(chain.c("depth"));
        Select step = select(USERS.id, USERS.name, chainDepth.plus(1).as("depth"))
                .join(chain, USERS.managerId.eq(chainId));
        DerivedTable tree = root.unionAll(step).cteRecursive("chain");
        engine.execute(select(tree.c("name"), tree.c("depth")).orderBy(tree.c("depth"), tree.c("name"))).rows()
                .map(row -> row.get(0) + "@" + row.get(1, Integer.class))
                .as(StepVerifier::create)
                .expectNext("Ann@0", "Bob@1", "Cid@1", "Dee@2", "Eve@2")
                .verifyComplete();
    }

    // ---- set operations ---------------------------------------------------------------------------

    @Test
    void unionAndUnionAll() {
        Select young = select(USERS.name).where(USERS.age.eq(25));
        Select posters = select(USERS.name).join(POSTS).where(POSTS.score.isNotNull());
        expectNamesInAnyOrder(young.union(posters), "Bob", "Eve", "Ann", "Dee");
        expectNamesInAnyOrder(young.unionAll(posters), "Bob", "Eve", "Ann", "Bob", "Dee");
        expectNamesInAnyOrder(young.union(posters).and(select(USERS.name).where(USERS.id.eq(3))),
                "Bob", "Eve", "Ann", "Dee", "Cid");
    }

    @Test
    void unionOrderedAndLimited() {
        Select young = select(USERS.name).where(USERS.age.eq(25));
        Select old = select(USERS.name).where(USERS.age.gt(30));
        expectNames(young.union(old).orderBy(USERS.name), "Ann", "Bob", "Dee", "Eve");
        expectNames(young.union(old).orderBy(USERS.name.desc()).limit(2).offset(1), "Dee", "Bob");
    }

    @Test
    void intersectAndExcept() {
        Select young = select(USERS.name).where(USERS.age.eq(25));
        Select noEmail = select(USERS.name).where(USERS.email.isNull());
        expectNames(young.intersect(noEmail), "Eve");
        expectNamesInAnyOrder(select(USERS.name).except(young), "Ann", "Cid", "Dee");
        CompoundSelect withoutPosts = select(USERS.id).except(select(POSTS.userId));
        engine.execute(withoutPosts).scalars(Integer.class).collectList().as(StepVerifier::create)
                .assertNext(ids -> assertThat(ids).containsExactlyInAnyOrder(3, 5)).verifyComplete();
    }

    @Test
    void compoundSelectAsDerivedTable() {
        DerivedTable both = select(USERS.name.as("who")).where(USERS.age.eq(25))
                .unionAll(select(USERS.name.as("who")).where(USERS.age.eq(40))).subquery("both");
        engine.execute(select(func.count().as("n")).selectFrom(both)).scalar(Long.class)
                .as(StepVerifier::create).expectNext(3L).verifyComplete();
        expectNames(select(typed(both.c("who"))).selectFrom(both).orderBy(both.c("who")), "Bob", "Dee", "Eve");
    }

    @Test
    void inSubqueryOfACompoundSelect() {
        expectNames(select(USERS.name).where(USERS.id.in(select(POSTS.userId).union(select(USERS.id).where(USERS.age.eq(25)))))
                .orderBy(USERS.id), "Ann", "Bob", "Dee", "Eve");
    }
}
