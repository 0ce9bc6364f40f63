package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuples;

/** Transactions: engine.transaction, commit-as-you-go, explicit begin, savepoints, Context binding. */
@DatabaseTest
class TransactionTest {

    private final TestDatabase db;
    private final Engine engine;

    TransactionTest(TestDatabase db) {
        this.db = db;
        this.engine = db.engine();
    }

    @BeforeAll
    static void createTable(TestDatabase db) {
        db.engine().execute(text("CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE)"))
                .rowcount().block();
    }

    @BeforeEach
    void empty() {
        engine.execute(text("DELETE FROM items")).rowcount().block();
    }

    private long count() {
        return engine.execute(text("SELECT COUNT(*) FROM items")).scalar(Long.class).block();
    }

    private static Mono<Long> insert(Connection conn, String name) {
        return conn.execute(text("INSERT INTO items (name) VALUES (:name)"), Map.of("name", name)).rowcount();
    }

    private Mono<Long> insert(String name) {
        return engine.execute(text("INSERT INTO items (name) VALUES (:name)"), Map.of("name", name)).rowcount();
    }

    @Test
    void transactionCommitsOnCompletion() {
        engine.transaction(conn -> insert(conn, "a").then(insert(conn, "b")))
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void transactionRollsBackOnError() {
        engine.transaction(conn -> insert(conn, "a").then(insert(conn, "a")))
                .as(StepVerifier::create).verifyError(IntegrityException.class);
        assertThat(count()).isZero();
    }

    @Test
    void transactionRollsBackWhenTheSubscriberCancelsAfterTake() {
        Flux<Long> work = engine.transactionMany(conn -> Flux.concat(insert(conn, "a"), insert(conn, "b"),
                Mono.delay(Duration.ofSeconds(30)).then(insert(conn, "never"))));
        work.take(1).as(StepVerifier::create).expectNext(1L).verifyComplete();
        awaitCount(0);
    }

    @Test
    void transactionRollsBackOnTimeout() {
        engine.transaction(conn -> insert(conn, "a").then(Mono.delay(Duration.ofSeconds(30))).then(insert(conn, "b")))
                .timeout(Duration.ofMillis(300))
                .as(StepVerifier::create).verifyError(java.util.concurrent.TimeoutException.class);
        awaitCount(0);
    }

    /**
     * Rollback on cancel runs after the cancel signal, asynchronously, and the connection goes back
     * to the pool just after the rollback answers; wait for both to land.
     */
    private void awaitCount(long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((count() != expected || engine.poolStatus().checkedOut() > 0) && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(20)).block();
        }
        assertThat(count()).isEqualTo(expected);
        assertThat(engine.poolStatus().checkedOut()).isZero();
    }

    @Test
    void connectCommitsAsYouGoAndRollsBackWhatWasNotCommitted() {
        engine.connect(conn -> insert(conn, "kept").then(conn.commit()).then(insert(conn, "dropped")))
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(text("SELECT name FROM items")).scalars(String.class)
                .as(StepVerifier::create).expectNext("kept").verifyComplete();
    }

    @Test
    void explicitBeginCommitAndRollback() {
        engine.connect(conn -> conn.begin()
                        .flatMap(tx -> insert(conn, "one").then(tx.commit()))
                        .then(conn.begin())
                        .flatMap(tx -> insert(conn, "two").then(tx.rollback()).then(Mono.fromCallable(tx::isActive))))
                .as(StepVerifier::create).expectNext(false).verifyComplete();
        engine.execute(text("SELECT name FROM items")).scalars(String.class)
                .as(StepVerifier::create).expectNext("one").verifyComplete();
    }

    @Test
    void beginTwiceAndCommitTwiceAreRefused() {
        engine.connect(conn -> conn.begin().then(conn.begin()))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("beginNested"));
        engine.connect(conn -> conn.begin().flatMap(tx -> tx.commit().then(tx.commit())))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("already been committed or rolled back"));
    }

    @Test
    void savepointRollbackKeepsTheOuterWork() {
        engine.transaction(conn -> insert(conn, "outer")
                        .then(conn.beginNested())
                        .flatMap(savepoint -> insert(conn, "inner").then(savepoint.rollback()))
                        .then(conn.beginNested())
                        .flatMap(savepoint -> insert(conn, "kept inner").then(savepoint.commit())))
                .as(StepVerifier::create).verifyComplete();
        engine.execute(text("SELECT name FROM items ORDER BY name")).scalars(String.class)
                .as(StepVerifier::create).expectNext("kept inner", "outer").verifyComplete();
    }

    @Test
    void readOnlyTransactionsRefuseWrites() {
        engine.transaction(TransactionOptions.readOnlyTransaction(), conn -> insert(conn, "nope"))
                .as(StepVerifier::create).verifyError(dev.retort.core.exception.DatabaseException.class);
        assertThat(count()).isZero();
    }

    @Test
    void isolationLevelPerTransaction() {
        assertThat(countSeenAfterAConcurrentCommit(engine, TransactionOptions.isolation(IsolationLevel.READ_COMMITTED)))
                .isEqualTo(1);
        assertThat(countSeenAfterAConcurrentCommit(engine, TransactionOptions.isolation(IsolationLevel.REPEATABLE_READ)))
                .isZero();
    }

    @Test
    void engineDefaultIsolationApplies() {
        Engine readCommitted = db.newEngine(EngineOptions.builder().isolationLevel(IsolationLevel.READ_COMMITTED).build());
        assertThat(countSeenAfterAConcurrentCommit(readCommitted, TransactionOptions.DEFAULT)).isEqualTo(1);
    }

    /**
     * Counts the rows of an empty table inside a transaction, lets another connection insert and
     * commit a row, and counts again: READ COMMITTED sees the new row, REPEATABLE READ does not.
     */
    private long countSeenAfterAConcurrentCommit(Engine subject, TransactionOptions options) {
        empty();
        Engine other = db.newEngine(EngineOptions.defaults());
        return subject.transaction(options, conn -> conn.execute(text("SELECT COUNT(*) FROM items")).scalar(Long.class)
                        .then(other.execute(text("INSERT INTO items (name) VALUES ('meanwhile')")).rowcount())
                        .then(conn.execute(text("SELECT COUNT(*) FROM items")).scalar(Long.class)))
                .block();
    }

    @Test
    void aFailingCommitSurfacesTheCommitError() {
        Engine side = db.newEngine(EngineOptions.builder().poolKind(PoolKind.NULL).build());
        engine.transaction(conn -> insert(conn, "doomed")
                        .then(conn.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class))
                        .flatMap(id -> side.execute(text("KILL " + id)).rowcount()))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(OperationalException.class)
                        .hasMessageContaining("COMMIT"));
        assertThat(count()).isZero();
        assertThat(insert("after").block()).isEqualTo(1L);
    }

    @Test
    void nestedCallsJoinTheContextBoundTransaction() {
        Mono<Long> outerId = engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
        Mono<Long> innerId = engine.connect(conn -> conn.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class));
        Mono<Long> seenInside = insert("joined").then(engine.execute(text("SELECT COUNT(*) FROM items")).scalar(Long.class));
        // one after another: a connection runs one statement at a time
        outerId.flatMap(outer -> innerId.flatMap(inner -> seenInside.map(seen -> Tuples.of(outer, inner, seen))))
                .as(engine.transactional()::transactional)
                .as(StepVerifier::create)
                .assertNext(ids -> {
                    assertThat(ids.getT1()).isEqualTo(ids.getT2());
                    assertThat(ids.getT3()).isEqualTo(1L);
                })
                .verifyComplete();
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aSecondStatementWhileAResultIsStillBeingReadFailsFast() {
        engine.transactionMany(conn -> conn.execute(text("SELECT 1 UNION ALL SELECT 2")).rows()
                        .concatMap(row -> conn.execute(text("SELECT :n + 10"), Map.of("n", row.get(0, Long.class)))
                                .scalar(Long.class)))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("one statement at a time"));
        engine.transactionMany(conn -> conn.execute(text("SELECT 1 UNION ALL SELECT 2")).scalars(Long.class).collectList()
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(n -> conn.execute(text("SELECT :n + 10"), Map.of("n", n)).scalar(Long.class)))
                .as(StepVerifier::create).expectNext(11L, 12L).verifyComplete();
    }

    @Test
    void anErrorInTheBoundTransactionRollsBackNestedWork() {
        insert("first").then(engine.transaction(conn -> insert(conn, "second")))
                .then(Mono.<Long>error(new IllegalStateException("boom")))
                .as(engine.transactional()::transactional)
                .as(StepVerifier::create).verifyErrorMessage("boom");
        assertThat(count()).isZero();
    }

    @Test
    void requiresNewCommitsIndependently() {
        // The independent work writes to a table of its own: two open transactions inserting into
        // one unique index can wait on each other's gap locks, which would test InnoDB, not Retort.
        engine.execute(text("CREATE TABLE IF NOT EXISTS audit (entry VARCHAR(50) NOT NULL)")).rowcount().block();
        engine.execute(text("DELETE FROM audit")).rowcount().block();
        TransactionalOperator requiresNew = engine.transactional().withPropagation(Propagation.REQUIRES_NEW);
        Mono<Long> audit = engine.execute(text("INSERT INTO audit VALUES ('attempted')")).rowcount();
        Mono<Long> ids = engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
        Mono.zip(ids, ids.as(requiresNew::transactional))
                .doOnNext(pair -> assertThat(pair.getT1()).isNotEqualTo(pair.getT2()))
                .then(insert("outer"))
                .then(audit.as(requiresNew::transactional))
                .then(Mono.<Long>error(new IllegalStateException("outer fails")))
                .as(engine.transactional()::transactional)
                .as(StepVerifier::create).verifyErrorMessage("outer fails");
        assertThat(count()).isZero();
        engine.execute(text("SELECT entry FROM audit")).scalars(String.class)
                .as(StepVerifier::create).expectNext("attempted").verifyComplete();
    }

    @Test
    void nestedPropagationIsASavepoint() {
        TransactionalOperator nested = engine.transactional().withPropagation(Propagation.NESTED);
        insert("outer")
                .then(insert("inner").then(Mono.<Long>error(new IllegalStateException("inner fails")))
                        .as(nested::transactional)
                        .onErrorResume(IllegalStateException.class, error -> Mono.just(0L)))
                .then(insert("after"))
                .as(engine.transactional()::transactional)
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(text("SELECT name FROM items ORDER BY name")).scalars(String.class)
                .as(StepVerifier::create).expectNext("after", "outer").verifyComplete();
    }

    @Test
    void cancellingAContextBoundFluxRollsBack() {
        Flux.concat(insert("a"), insert("b"), Mono.delay(Duration.ofSeconds(30)).then(insert("c")))
                .as(engine.transactional()::transactional)
                .take(2)
                .as(StepVerifier::create).expectNext(1L, 1L).verifyComplete();
        awaitCount(0);
    }
}
