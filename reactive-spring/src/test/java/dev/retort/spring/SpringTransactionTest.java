package dev.retort.spring;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.Propagation;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.session.SessionFactory;
import dev.retort.spring.app.Ledger;
import dev.retort.spring.app.LedgerTables;
import dev.retort.spring.app.TestApp;
import dev.retort.spring.app.Transfers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Retort inside Spring's reactive transactions ({@code @Transactional}, {@code TransactionalOperator}):
 * one connection, Spring's commit and rollback, nested Retort transactions joining, cancel.
 */
@DatabaseTest
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpringTransactionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestDatabase database;

    @Autowired
    Engine engine;
    @Autowired
    SessionFactory sessions;
    @Autowired
    Mapping mapping;
    @Autowired
    Ledger ledger;
    @Autowired
    TransactionalOperator operator;
    @Autowired
    Transfers transfers;

    @BeforeAll
    static void database(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("retort.url", () -> database.url());
        registry.add("retort.echo", () -> "true");
    }

    @BeforeEach
    void tables() {
        LedgerTables.reset(engine, mapping);
    }

    @AfterEach
    void nothingCheckedOut() throws InterruptedException {
        LedgerTables.awaitNothingCheckedOut(engine, Duration.ofSeconds(5));
    }

    @Test
    void aFailingTransactionalMethodCommitsNothingOfCoreOrOrmWrites() {
        ledger.write("doomed", true).as(StepVerifier::create).verifyErrorMessage("boom: doomed");
        assertThat(count("ledger")).isZero();
        assertThat(count("notes")).isZero();
    }

    @Test
    void aSucceedingTransactionalMethodCommitsCoreAndOrmWrites() {
        ledger.write("kept", false).as(StepVerifier::create).verifyComplete();
        assertThat(count("ledger")).isEqualTo(1);
        assertThat(count("notes")).isEqualTo(1);
    }

    @Test
    void theReadmeExampleCommitsBothWrites() {
        transfers.record("readme").as(StepVerifier::create).verifyComplete();
        assertThat(count("ledger")).isEqualTo(1);
        assertThat(count("notes")).isEqualTo(1);
    }

    @Test
    void transactionalOperatorRollsBackOnErrorAndCommitsOnSuccess() {
        ledger.writeUntransactional("doomed", true).as(operator::transactional)
                .as(StepVerifier::create).verifyErrorMessage("boom: doomed");
        assertThat(count("ledger")).isZero();
        assertThat(count("notes")).isZero();
        ledger.writeUntransactional("kept", false).as(operator::transactional)
                .as(StepVerifier::create).verifyComplete();
        assertThat(count("ledger")).isEqualTo(1);
        assertThat(count("notes")).isEqualTo(1);
    }

    @Test
    void withoutSpringTransactionTheSameWorkCommitsWhatRanBeforeTheError() {
        // control: proves the rollbacks above are Spring's transaction, not something else
        ledger.writeUntransactional("alone", true).as(StepVerifier::create).verifyErrorMessage("boom: alone");
        assertThat(count("ledger")).isEqualTo(1);
        assertThat(count("notes")).isEqualTo(1);
    }

    @Test
    void everyRetortCallAndDatabaseClientRunOnSpringsConnection() {
        ledger.connectionIds().as(StepVerifier::create).assertNext(ids -> {
            // engine.execute, engine.stream, engine.connect, engine.transaction, ORM session, DatabaseClient
            assertThat(ids.subList(0, 6)).as("CONNECTION_ID() of each call").containsOnly(ids.get(0));
            assertThat(ids.get(6)).as("connections checked out inside the transaction").isEqualTo(1L);
        }).verifyComplete();
    }

    @Test
    void aNestedRetortTransactionJoinsAndCommitInsideIsNotACommit() {
        ledger.nestedRetortTransactionThenFail("nested").as(StepVerifier::create).verifyErrorMessage("outer fails");
        assertThat(count("ledger")).isZero();
    }

    @Test
    void retortRollbackInsideMarksTheSpringTransactionRollbackOnly() {
        ledger.retortRollsBack("undone").as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("rollback-only"));
        assertThat(count("ledger")).isZero();
    }

    @Test
    void retortNestedPropagationIsASavepointInsideTheSpringTransaction() {
        Mono<Long> insertOuter = insert("outer");
        Mono<Long> failingInner = insert("inner").then(Mono.<Long>error(new IllegalStateException("inner fails")))
                .as(engine.transactional().withPropagation(Propagation.NESTED)::transactional)
                .onErrorResume(IllegalStateException.class, error -> Mono.just(0L));
        insertOuter.then(failingInner).then(insert("after")).as(operator::transactional)
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(text("SELECT name FROM ledger ORDER BY name")).scalars(String.class)
                .as(StepVerifier::create).expectNext("after", "outer").verifyComplete();
    }

    @Test
    void readOnlySpringTransactionReachesTheServer() {
        ledger.writeInReadOnly("refused").as(StepVerifier::create).expectError().verify(WAIT);
        assertThat(count("ledger")).isZero();
    }

    @Test
    void cancelInsideASpringTransactionRollsBackAndGivesTheConnectionBack() throws InterruptedException {
        Mono<Long> work = insert("cancelled")
                .then(engine.execute(text("SELECT SLEEP(30)")).scalar(Long.class));
        Disposable running = work.as(operator::transactional).subscribe();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (engine.poolStatus().checkedOut() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300); // the INSERT has run, the SLEEP is on the server
        long cancelled = System.nanoTime();
        running.dispose();
        LedgerTables.awaitNothingCheckedOut(engine, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).as("time to get the connection back")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(count("ledger")).isZero();
        // the pool works on
        assertThat(insert("after").block(WAIT)).isEqualTo(1L);
    }

    private Mono<Long> insert(String name) {
        return engine.execute(text("INSERT INTO ledger (name) VALUES (:name)"), Map.of("name", name)).rowcount();
    }

    private long count(String table) {
        return engine.execute(text("SELECT COUNT(*) FROM " + table)).scalar(Long.class).block(WAIT);
    }

}
