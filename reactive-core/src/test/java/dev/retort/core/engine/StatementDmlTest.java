package dev.retort.core.engine;

import static dev.retort.core.engine.StatementSelectTest.Shop.row;
import static dev.retort.core.sql.Sql.delete;
import static dev.retort.core.sql.Sql.inserted;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.literal;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.update;
import static dev.retort.core.types.Types.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.StatementSelectTest.Shop;
import dev.retort.core.exception.RetortException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.LockMode;
import dev.retort.core.sql.Select;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** INSERT, UPDATE, DELETE and SELECT … FOR UPDATE built with the builders, executed on the server. */
@DatabaseTest
class StatementDmlTest {

    private static final Shop.Users USERS = Shop.USERS;
    private static final Shop.Posts POSTS = Shop.POSTS;

    private final TestDatabase db;
    private final Engine engine;

    StatementDmlTest(TestDatabase db) {
        this.db = db;
        this.engine = db.engine();
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Shop.META.createAll(db.engine()).block();
    }

    @BeforeEach
    void refill() {
        engine.execute(delete(POSTS)).rowcount()
                .then(engine.execute(delete(USERS).orderBy(USERS.id.desc())).rowcount()) // managers last
                .then(Shop.fill(engine))
                .block();
    }

    private Mono<List<String>> userSummary() {
        return engine.execute(select(USERS.id, USERS.name, USERS.age, USERS.email).orderBy(USERS.id)).rows()
                .map(row -> row.get(USERS.id) + ":" + row.get(USERS.name) + ":" + row.get(USERS.age) + ":" + row.get(USERS.email))
                .collectList();
    }

    private Mono<List<String>> postSummary() {
        return engine.execute(select(POSTS.id, POSTS.userId, POSTS.title, POSTS.score).orderBy(POSTS.id)).rows()
                .map(row -> row.get(POSTS.id) + ":" + row.get(POSTS.userId) + ":" + row.get(POSTS.title) + ":"
                        + row.get(POSTS.score))
                .collectList();
    }

    // ---- INSERT -----------------------------------------------------------------------------------

    @Test
    void insertSingleRowAndReadItsKey() {
        engine.execute(insert(USERS).value(USERS.name, "Zed").value(USERS.age, 7)).generatedKeys("id").single()
                .flatMap(id -> engine.execute(select(USERS.name, USERS.age).where(USERS.id.eq(id.intValue()))).one())
                .map(row -> row.get(USERS.name) + row.get(USERS.age))
                .as(StepVerifier::create).expectNext("Zed7").verifyComplete();
        engine.execute(insert(USERS).values(row(USERS.id, 10, USERS.name, "Ten", USERS.age, null))).rowcount()
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(select(USERS.age, USERS.email).where(USERS.id.eq(10))).one()
                .map(row -> String.valueOf(row.get(USERS.age)) + row.get(USERS.email))
                .as(StepVerifier::create).expectNext("nullnull").verifyComplete();
    }

    @Test
    void insertManyRowsInOneStatement() {
        engine.execute(insert(POSTS).values(List.of(
                        row(POSTS.userId, 3, POSTS.title, "c1", POSTS.score, 1),
                        row(POSTS.userId, 3, POSTS.title, "c2", POSTS.score, null),
                        row(POSTS.userId, 5, POSTS.title, "e1", POSTS.score, 3)))).rowcount()
                .as(StepVerifier::create).expectNext(3L).verifyComplete();
        engine.execute(select(POSTS.title, POSTS.score).where(POSTS.userId.in(List.of(3, 5))).orderBy(POSTS.id)).rows()
                .map(row -> row.get(POSTS.title) + "=" + row.get(POSTS.score))
                .as(StepVerifier::create).expectNext("c1=1", "c2=null", "e1=3").verifyComplete();
    }

    @Test
    void insertFromSelect() {
        Select greetings = select(USERS.id, USERS.name.concat(" says hi"), literal(1, INTEGER)).where(USERS.email.isNull());
        engine.execute(insert(POSTS).fromSelect(List.of(POSTS.userId, POSTS.title, POSTS.score), greetings)).rowcount()
                .as(StepVerifier::create).expectNext(2L).verifyComplete();
        engine.execute(select(POSTS.title).where(POSTS.score.eq(1)).orderBy(POSTS.userId)).scalars(String.class)
                .as(StepVerifier::create).expectNext("Cid says hi", "Eve says hi").verifyComplete();
    }

    @Test
    void upsertWithInsertedValues() {
        Map<Column<?>, Object> changes = new LinkedHashMap<>();
        changes.put(USERS.name, inserted(USERS.name));
        changes.put(USERS.age, USERS.age.plus(100));
        engine.execute(insert(USERS).values(List.of(
                                row(USERS.id, 1, USERS.name, "Ann Two", USERS.age, 0),
                                row(USERS.id, 20, USERS.name, "New", USERS.age, 20)))
                        .onDuplicateKeyUpdate(changes)).rowcount()
                .as(StepVerifier::create).assertNext(count -> assertThat(count).isPositive()).verifyComplete();
        engine.execute(select(USERS.id, USERS.name, USERS.age).where(USERS.id.in(List.of(1, 20))).orderBy(USERS.id)).rows()
                .map(row -> row.get(USERS.id) + ":" + row.get(USERS.name) + ":" + row.get(USERS.age))
                .as(StepVerifier::create).expectNext("1:Ann Two:131", "20:New:20").verifyComplete();
    }

    /** RETURNING runs on MariaDB 10.5+; on a server without it the statement fails clearly before anything is sent. */
    @Test
    void insertReturning() {
        boolean returning = engine.dialect().map(dialect -> dialect.supportsReturning()).block();
        var rows = engine.execute(insert(USERS).values(List.of(
                        row(USERS.name, "R1", USERS.age, 1),
                        row(USERS.name, "R2", USERS.age, 2))).returning(USERS.id, USERS.name, USERS.age.plus(10).as("later")))
                .rows().map(row -> row.get(USERS.name) + ":" + row.get("later", Integer.class) + ":" + (row.get(USERS.id) > 5));
        if (returning) {
            rows.as(StepVerifier::create).expectNext("R1:11:true", "R2:12:true").verifyComplete();
        } else {
            rows.as(StepVerifier::create).verifyErrorSatisfies(error -> assertThat(error)
                    .isInstanceOf(dev.retort.core.exception.InvalidRequestException.class).hasMessageContaining("RETURNING"));
        }
    }

    // ---- UPDATE -----------------------------------------------------------------------------------

    @Test
    void updateWithAnExpression() {
        engine.execute(update(USERS).set(USERS.age, USERS.age.plus(1)).where(USERS.age.isNotNull())).rowcount()
                .as(StepVerifier::create).expectNext(4L).verifyComplete();
        userSummary().as(StepVerifier::create)
                .expectNext(List.of("1:Ann:32:ann@x.org", "2:Bob:26:bob@x.org", "3:Cid:null:null", "4:Dee:41:DEE@X.ORG",
                        "5:Eve:26:null"))
                .verifyComplete();
        Map<Column<?>, Object> both = new LinkedHashMap<>();
        both.put(USERS.email, null);
        both.put(USERS.name, USERS.name.concat("!"));
        engine.execute(update(USERS).values(both).where(USERS.id.eq(1))).rowcount()
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(select(USERS.name, USERS.email).where(USERS.id.eq(1))).one()
                .map(row -> row.get(USERS.name) + row.get(USERS.email))
                .as(StepVerifier::create).expectNext("Ann!null").verifyComplete();
    }

    @Test
    void updateWithOrderByAndLimit() {
        engine.execute(update(USERS).set(USERS.email, "first@x.org").where(USERS.email.isNull())
                        .orderBy(USERS.id.desc()).limit(1)).rowcount()
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(select(USERS.name).where(USERS.email.eq("first@x.org"))).scalars(String.class)
                .as(StepVerifier::create).expectNext("Eve").verifyComplete();
    }

    @Test
    void updateWithAJoin() {
        engine.execute(update(POSTS).join(USERS).set(POSTS.score, 100).where(USERS.name.eq("Ann"))).rowcount()
                .as(StepVerifier::create).expectNext(2L).verifyComplete();
        engine.execute(update(POSTS).join(USERS, USERS.id.eq(POSTS.userId)).set(POSTS.score, USERS.age).where(USERS.age.gt(35)))
                .rowcount().as(StepVerifier::create).expectNext(1L).verifyComplete();
        postSummary().as(StepVerifier::create)
                .expectNext(List.of("1:1:Hello:100", "2:1:World:100", "3:2:Reactive SQL:7", "4:4:Zebra:40"))
                .verifyComplete();
    }

    // ---- DELETE -----------------------------------------------------------------------------------

    @Test
    void deleteWithWhereAndWithLimit() {
        engine.execute(delete(POSTS).where(POSTS.score.isNull())).rowcount()
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(delete(POSTS).orderBy(POSTS.id.desc()).limit(2)).rowcount()
                .as(StepVerifier::create).expectNext(2L).verifyComplete();
        postSummary().as(StepVerifier::create).expectNext(List.of("1:1:Hello:10")).verifyComplete();
    }

    @Test
    void deleteWithAJoin() {
        engine.execute(delete(POSTS).join(USERS).where(USERS.age.gt(35))).rowcount()
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(delete(POSTS).join(USERS, USERS.id.eq(POSTS.userId)).where(USERS.name.eq("Bob"))).rowcount()
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        postSummary().as(StepVerifier::create).expectNext(List.of("1:1:Hello:10", "2:1:World:null")).verifyComplete();
        // users rows are untouched by a DELETE posts FROM posts JOIN users
        engine.execute(select(dev.retort.core.sql.Sql.func.count()).selectFrom(USERS)).scalar(Long.class)
                .as(StepVerifier::create).expectNext(5L).verifyComplete();
    }

    // ---- locking ----------------------------------------------------------------------------------

    @Test
    void forUpdateInsideATransactionLocksTheRow() {
        List<String> seenByOthers = new ArrayList<>();
        // another engine, so its statements do not join the transaction bound in the Reactor Context
        Engine others = db.newEngine(EngineOptions.builder().name("others").build());
        engine.transaction(conn -> conn.execute(select(USERS.age).where(USERS.id.eq(2)).forUpdate()).scalarOne(Integer.class)
                        // another connection: NOWAIT fails on the locked row, SKIP LOCKED passes it by
                        .flatMap(age -> others.execute(select(USERS.age).where(USERS.id.eq(2)).forUpdate(LockMode.FOR_UPDATE_NOWAIT))
                                .all()
                                .doOnNext(rows -> seenByOthers.add("nowait read " + rows.size()))
                                .onErrorResume(RetortException.class, locked -> {
                                    seenByOthers.add("nowait refused");
                                    return Mono.empty();
                                })
                                .then(others.transaction(other -> other.execute(select(USERS.id)
                                                .forUpdate(LockMode.FOR_UPDATE_SKIP_LOCKED).orderBy(USERS.id))
                                        .scalars(Integer.class).collectList()))
                                .doOnNext(ids -> seenByOthers.add("skip locked " + ids))
                                .then(conn.execute(update(USERS).set(USERS.age, age * 2).where(USERS.id.eq(2))).rowcount())))
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        assertThat(seenByOthers).containsExactly("nowait refused", "skip locked [1, 3, 4, 5]");
        engine.execute(select(USERS.age).where(USERS.id.eq(2))).scalar(Integer.class)
                .as(StepVerifier::create).expectNext(50).verifyComplete();
    }
}
