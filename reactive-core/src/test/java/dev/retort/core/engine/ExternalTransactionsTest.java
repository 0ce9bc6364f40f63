package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@link Engine#connectionFactory()} and {@link ExternalTransactions} without any framework: a
 * stand-in "transaction manager" here checks a connection out through the connection factory,
 * begins, binds it under a Context key of its own, commits or rolls back and closes it, as
 * Spring's R2dbcTransactionManager does.
 */
@DatabaseTest
class ExternalTransactionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KEY = "test.frameworkConnection";
    private static final ExternalTransactions LOOKUP = engine -> Mono.deferContextual(
            context -> Mono.justOrEmpty(context.<io.r2dbc.spi.Connection>getOrEmpty(KEY)));

    private final TestDatabase database;
    private Engine engine;

    ExternalTransactionsTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        engine = database.newEngine(EngineOptions.builder().name("external").externalTransactions(LOOKUP).build());
        engine.execute(text("CREATE TABLE IF NOT EXISTS items (name VARCHAR(50) NOT NULL)")).rowcount().block(WAIT);
        engine.execute(text("DELETE FROM items")).rowcount().block(WAIT);
    }

    /** The stand-in transaction manager: begin, bind, commit on complete, roll back on error and cancel, close. */
    private <T> Flux<T> inFrameworkTransaction(Engine owner, Publisher<T> work) {
        return Flux.usingWhen(owner.connectionFactory().create(),
                connection -> Mono.from(connection.beginTransaction())
                        .thenMany(Flux.from(work).contextWrite(context -> context.put(KEY, connection)))
                        .concatWith(Mono.from(connection.commitTransaction()).then(Mono.empty())),
                connection -> connection.close(),
                (connection, error) -> Mono.from(connection.rollbackTransaction()).then(Mono.from(connection.close())),
                connection -> Mono.from(connection.rollbackTransaction()).then(Mono.from(connection.close())));
    }

    private <T> Flux<T> inFrameworkTransaction(Publisher<T> work) {
        return inFrameworkTransaction(engine, work);
    }

    @Test
    void theConnectionFactoryLendsConnectionsOfThePool() {
        assertThat(engine.connectionFactory()).isSameAs(engine.connectionFactory());
        assertThat(engine.connectionFactory().getMetadata().getName()).isEqualTo("MySQL");
        Mono.usingWhen(engine.connectionFactory().create(),
                        connection -> {
                            assertThat(engine.poolStatus().checkedOut()).isEqualTo(1);
                            return Flux.from(connection.createStatement("SELECT 41 + 1").execute())
                                    .flatMap(result -> result.map(row -> row.get(0, Long.class))).single();
                        },
                        connection -> connection.close())
                .as(StepVerifier::create).expectNext(42L).verifyComplete();
        assertThat(engine.poolStatus().checkedOut()).isZero();
    }

    @Test
    void everyEngineCallJoinsTheBoundConnectionAndTheOwnerCommits() {
        Mono<Long> id = engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
        Flux<Long> ids = Flux.concat(id,
                engine.connect(c -> c.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class)),
                engine.transaction(c -> c.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class)),
                id.as(engine.transactional()::transactional),
                insert("kept").then(Mono.fromSupplier(() -> (long) engine.poolStatus().checkedOut())));
        inFrameworkTransaction(ids).collectList().as(StepVerifier::create).assertNext(values -> {
            assertThat(values.subList(0, 4)).containsOnly(values.get(0));
            assertThat(values.get(4)).as("checked out inside").isEqualTo(1L);
        }).verifyComplete();
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void theOwnersRollbackUndoesJoinedWork() {
        inFrameworkTransaction(insert("a")
                        .then(engine.transaction(c -> c.execute(text("INSERT INTO items VALUES ('b')")).rowcount()))
                        .then(Mono.error(new IllegalStateException("owner fails"))))
                .as(StepVerifier::create).verifyErrorMessage("owner fails");
        assertThat(count()).isZero();
    }

    @Test
    void joinedWorkDoesNotCommitOnItsOwn() {
        inFrameworkTransaction(engine.connect(c -> c.execute(text("INSERT INTO items VALUES ('a')")).rowcount()
                                .then(c.commit()))
                        .then(Mono.error(new IllegalStateException("owner fails"))))
                .as(StepVerifier::create).verifyErrorMessage("owner fails");
        assertThat(count()).isZero();
    }

    @Test
    void aRollbackInJoinedWorkMakesTheOwnersCommitRollBackAndFail() {
        inFrameworkTransaction(engine.connect(c -> c.execute(text("INSERT INTO items VALUES ('a')")).rowcount()
                        .flatMap(n -> c.rollback().thenReturn(n))))
                .as(StepVerifier::create).expectNext(1L)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("rollback-only"));
        assertThat(count()).isZero();
    }

    @Test
    void beginOnAJoinedConnectionParticipatesWithoutIo() {
        inFrameworkTransaction(engine.connect(c -> {
                    assertThat(c.inTransaction()).as("nothing begun through this view yet").isFalse();
                    return c.begin().flatMap(transaction -> {
                        assertThat(c.inTransaction()).isTrue();
                        assertThat(transaction.isActive()).isTrue();
                        return transaction.commit().then(Mono.fromSupplier(() -> c.inTransaction()));
                    });
                }))
                .as(StepVerifier::create).expectNext(false).verifyComplete();
    }

    @Test
    void nestedPropagationIsASavepointOfTheOwnersTransaction() {
        TransactionalOperator nested = engine.transactional().withPropagation(Propagation.NESTED);
        inFrameworkTransaction(insert("outer")
                        .then(insert("inner").then(Mono.<Long>error(new IllegalStateException("inner fails")))
                                .as(nested::transactional)
                                .onErrorResume(IllegalStateException.class, error -> Mono.just(0L)))
                        .then(insert("after")))
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        engine.execute(text("SELECT name FROM items ORDER BY name")).scalars(String.class)
                .as(StepVerifier::create).expectNext("after", "outer").verifyComplete();
    }

    @Test
    void requiresNewTakesAnotherConnection() {
        TransactionalOperator requiresNew = engine.transactional().withPropagation(Propagation.REQUIRES_NEW);
        Mono<Long> id = engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
        inFrameworkTransaction(Mono.zip(id, id.as(requiresNew::transactional)))
                .as(StepVerifier::create)
                .assertNext(pair -> assertThat(pair.getT1()).isNotEqualTo(pair.getT2()))
                .verifyComplete();
    }

    @Test
    void anEngineWithoutTheOptionKeepsToItsOwnConnections() {
        Engine plain = database.newEngine(EngineOptions.builder().name("plain").build());
        Mono<Long> id = plain.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
        Mono<Long> frameworkId = Mono.deferContextual(context -> Flux.from(context.<io.r2dbc.spi.Connection>get(KEY)
                        .createStatement("SELECT CONNECTION_ID()").execute())
                .flatMap(result -> result.map(row -> row.get(0, Long.class))).single());
        inFrameworkTransaction(plain, Mono.zip(frameworkId, id))
                .as(StepVerifier::create)
                .assertNext(ids -> assertThat(ids.getT2()).as("the statement's connection").isNotEqualTo(ids.getT1()))
                .verifyComplete();
    }

    @Test
    void aConnectionOfAnotherEngineIsRefused() {
        Engine other = database.newEngine(EngineOptions.builder().name("other").build());
        inFrameworkTransaction(other, engine.execute(text("SELECT 1")).scalar(Integer.class))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("not a connection of this engine"));
    }

    @Test
    void cancelRollsBackAndGivesTheConnectionBackQuickly() throws InterruptedException {
        Disposable running = inFrameworkTransaction(insert("cancelled")
                        .then(engine.execute(text("SELECT SLEEP(30)")).scalar(Long.class)))
                .subscribe();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (engine.poolStatus().checkedOut() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        long cancelled = System.nanoTime();
        running.dispose();
        while (engine.poolStatus().checkedOut() != 0) {
            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(5));
            Thread.sleep(10);
        }
        assertThat(count()).isZero();
        assertThat(insert("after").block(WAIT)).isEqualTo(1L);
    }

    @Test
    void sessionSettingsThatWouldOutliveTheCheckoutAreRefused() {
        Mono.usingWhen(engine.connectionFactory().create(),
                        connection -> Mono.from(connection.setAutoCommit(true))
                                .then(Mono.from(connection.setTransactionIsolationLevel(IsolationLevel.SERIALIZABLE)))
                                .thenReturn("applied"),
                        connection -> connection.close())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("isolation level"));
        Mono.usingWhen(engine.connectionFactory().create(), connection -> Mono.from(connection.setAutoCommit(false)),
                        connection -> connection.close())
                .as(StepVerifier::create).verifyError(InvalidRequestException.class);
    }

    private Mono<Long> insert(String name) {
        return engine.execute(text("INSERT INTO items VALUES (:name)"), Map.of("name", name)).rowcount();
    }

    private long count() {
        return engine.execute(text("SELECT COUNT(*) FROM items")).scalar(Long.class).block(WAIT);
    }
}
