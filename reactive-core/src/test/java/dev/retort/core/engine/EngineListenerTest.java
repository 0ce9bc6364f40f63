package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.exception.PoolTimeoutException;
import dev.retort.core.exception.ProgrammingException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** What an {@link EngineListener} hears: checkouts, releases and statements, with their outcomes. */
@DatabaseTest
class EngineListenerTest {

    private static final String DIGITS = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 "
            + "UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 "
            + "UNION ALL SELECT 9)";
    /** 10,000 rows, enough that a take(5) cancels long before the end. */
    private static final String MANY_ROWS = "SELECT a.d + b.d * 10 + c.d * 100 + e.d * 1000 AS n FROM " + DIGITS
            + " a CROSS JOIN " + DIGITS + " b CROSS JOIN " + DIGITS + " c CROSS JOIN " + DIGITS + " e";

    private final TestDatabase db;

    EngineListenerTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void createTable(TestDatabase db) {
        db.engine().execute(text("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL)")).rowcount().block();
    }

    /** Keeps every event, in order. */
    static final class Recorder implements EngineListener {
        final Queue<Duration> acquired = new ConcurrentLinkedQueue<>();
        final Queue<Throwable> acquireFailures = new ConcurrentLinkedQueue<>();
        final Queue<Duration> acquireFailureWaits = new ConcurrentLinkedQueue<>();
        final Queue<Duration> released = new ConcurrentLinkedQueue<>();
        final Queue<StatementEvent> statements = new ConcurrentLinkedQueue<>();

        @Override
        public void connectionAcquired(Duration waited) {
            acquired.add(waited);
        }

        @Override
        public void connectionAcquireFailed(Duration waited, Throwable error) {
            acquireFailureWaits.add(waited);
            acquireFailures.add(error);
        }

        @Override
        public void connectionReleased(Duration held) {
            released.add(held);
        }

        @Override
        public void statementFinished(StatementEvent event) {
            statements.add(event);
        }

        List<StatementEvent> statements() {
            return List.copyOf(statements);
        }
    }

    private Engine engineWith(EngineListener listener) {
        return db.newEngine(EngineOptions.builder().name("listened").listener(listener).build());
    }

    @Test
    void everyStatementIsReportedWithItsKindRowsAndOutcome() {
        Recorder recorder = new Recorder();
        Engine engine = engineWith(recorder);
        engine.execute(text("DELETE FROM items")).rowcount().block();
        assertThat(engine.execute(text("INSERT INTO items (id, label) VALUES (1, 'a'), (2, 'b'), (3, 'c')"))
                .rowcount().block()).isEqualTo(3);
        assertThat(engine.execute(text("SELECT id, label FROM items ORDER BY id")).all().block()).hasSize(3);
        assertThat(engine.execute(text("UPDATE items SET label = 'x' WHERE id > :id"), Map.of("id", 1))
                .rowcount().block()).isEqualTo(2);
        assertThat(engine.execute(text("SELECT label FROM items WHERE id = 3")).scalar(String.class).block()).isEqualTo("x");
        assertThat(engine.execute(text("DELETE FROM items WHERE id = 1")).rowcount().block()).isEqualTo(1);
        engine.execute(text("SET @listened = 1")).rowcount().block();
        engine.execute(text("CREATE TABLE IF NOT EXISTS listened_ddl (id INT)")).rowcount().block();

        List<StatementEvent> events = recorder.statements();
        assertThat(events).extracting(StatementEvent::kind).containsExactly(StatementKind.DELETE, StatementKind.INSERT,
                StatementKind.SELECT, StatementKind.UPDATE, StatementKind.SELECT, StatementKind.DELETE,
                StatementKind.OTHER, StatementKind.DDL);
        assertThat(events).extracting(StatementEvent::outcome).containsOnly(StatementEvent.Outcome.SUCCESS);
        assertThat(events).extracting(StatementEvent::error).containsOnlyNulls();
        assertThat(events).extracting(StatementEvent::rows).containsExactly(0L, 3L, 3L, 2L, 1L, 1L, 0L, 0L);
        assertThat(events.get(3).sql()).isEqualTo("UPDATE items SET label = 'x' WHERE id > ?");
        assertThat(events).allSatisfy(event -> assertThat(event.duration()).isPositive());
        // one checkout and one release per engine.execute subscription
        assertThat(recorder.acquired).hasSize(8).allSatisfy(waited -> assertThat(waited.isNegative()).isFalse());
        assertThat(recorder.released).hasSize(8).allSatisfy(held -> assertThat(held).isPositive());
        assertThat(recorder.acquireFailures).isEmpty();
    }

    @Test
    void statementsInsideAScopeShareOneCheckout() {
        Recorder recorder = new Recorder();
        Engine engine = engineWith(recorder);
        engine.transaction(conn -> conn.execute(text("SELECT 1")).scalar(Integer.class)
                        .then(conn.execute(text("WITH RECURSIVE s (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s "
                                + "WHERE n < 50) SELECT n FROM s")).all())
                        .delayElement(Duration.ofMillis(150)))
                .as(StepVerifier::create).assertNext(rows -> assertThat(rows).hasSize(50)).verifyComplete();
        assertThat(recorder.statements()).extracting(StatementEvent::kind, StatementEvent::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(StatementKind.SELECT, 1L),
                        org.assertj.core.groups.Tuple.tuple(StatementKind.SELECT, 50L));
        assertThat(recorder.acquired).hasSize(1);
        assertThat(recorder.released).singleElement()
                .satisfies(held -> assertThat(held).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
    }

    @Test
    void aFailingStatementIsReportedAsAnErrorWithTheErrorTheSubscriberSaw() {
        Recorder recorder = new Recorder();
        Engine engine = engineWith(recorder);
        engine.execute(text("SELECT * FROM no_such_table")).all()
                .as(StepVerifier::create).verifyError(ProgrammingException.class);
        StatementEvent event = recorder.statements().get(0);
        assertThat(recorder.statements()).hasSize(1);
        assertThat(event.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(event.outcome()).isEqualTo(StatementEvent.Outcome.ERROR);
        assertThat(event.error()).isInstanceOf(ProgrammingException.class).hasMessageContaining("no_such_table");
        // r2dbc-mysql hands the server's error over inside a result: an answer arrived, with no rows
        assertThat(event.rows()).isZero();
        assertThat(recorder.released).hasSize(1);
    }

    @Test
    void aCancelledStreamIsReportedAsCancelledWithTheRowsReadSoFar() {
        Recorder recorder = new Recorder();
        Engine engine = engineWith(recorder);
        engine.stream(text(MANY_ROWS)).take(5)
                .as(StepVerifier::create).expectNextCount(5).verifyComplete();
        assertThat(recorder.statements()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(StatementKind.SELECT);
            assertThat(event.outcome()).isEqualTo(StatementEvent.Outcome.CANCELLED);
            assertThat(event.error()).isNull();
            assertThat(event.rows()).isBetween(5L, 9_999L);
        });
        // the release (with its check of the cancelled connection) ends after the subscriber's
        // completion, so wait for it
        awaitReleased(recorder, 1);
    }

    @Test
    void aTimedOutStatementIsCancelled() {
        Recorder recorder = new Recorder();
        Engine engine = engineWith(recorder);
        engine.execute(text("SELECT 1")).scalar(Integer.class).block(); // an idle connection: no connect in the timeout
        recorder.statements.clear();
        recorder.released.clear();
        engine.execute(text("SELECT SLEEP(5)")).scalar(Integer.class).timeout(Duration.ofMillis(200))
                .as(StepVerifier::create).verifyError(java.util.concurrent.TimeoutException.class);
        assertThat(recorder.statements()).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(StatementEvent.Outcome.CANCELLED);
            assertThat(event.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        });
        awaitReleased(recorder, 1);
    }

    @Test
    void aPoolTimeoutIsReportedAsAFailedAcquire() {
        Recorder recorder = new Recorder();
        Engine engine = db.newEngine(EngineOptions.builder().poolSize(1).maxOverflow(0)
                .poolTimeout(Duration.ofMillis(200)).listener(recorder).build());
        Mono<Integer> holder = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Integer.class)
                .delayElement(Duration.ofMillis(800)));
        Mono.zip(holder, Mono.delay(Duration.ofMillis(50)).then(engine.execute(text("SELECT 2")).scalar(Integer.class)))
                .as(StepVerifier::create).verifyError(PoolTimeoutException.class);
        assertThat(recorder.acquireFailures).singleElement().isInstanceOf(PoolTimeoutException.class);
        assertThat(recorder.acquireFailureWaits).singleElement()
                .satisfies(waited -> assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
        assertThat(recorder.acquired).hasSize(1);
        awaitReleased(recorder, 1);
    }

    @Test
    void aFailedConnectIsReportedAsAFailedAcquire() {
        Recorder recorder = new Recorder();
        Engine engine = db.newEngine("mysql://root@127.0.0.1:1/nothing",
                EngineOptions.builder().poolKind(PoolKind.NULL).listener(recorder).build());
        engine.execute(text("SELECT 1")).scalar(Integer.class)
                .as(StepVerifier::create).verifyError(OperationalException.class);
        assertThat(recorder.acquireFailures).singleElement().isInstanceOf(OperationalException.class);
        assertThat(recorder.acquired).isEmpty();
        assertThat(recorder.released).isEmpty();
        assertThat(recorder.statements()).isEmpty();
    }

    @Test
    void aThrowingListenerBreaksNothingAndIsLoggedOnce() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger engineLogger = (Logger) LoggerFactory.getLogger(Echo.LOGGER_NAME);
        engineLogger.addAppender(log);
        try {
            EngineListener throwing = new EngineListener() {
                @Override
                public void connectionAcquired(Duration waited) {
                    throw new IllegalStateException("acquired");
                }

                @Override
                public void connectionAcquireFailed(Duration waited, Throwable error) {
                    throw new IllegalStateException("acquire failed");
                }

                @Override
                public void connectionReleased(Duration held) {
                    throw new IllegalStateException("released");
                }

                @Override
                public void statementFinished(StatementEvent event) {
                    throw new IllegalStateException("statement");
                }
            };
            Engine engine = db.newEngine(EngineOptions.builder().name("throwing").poolSize(1).maxOverflow(0)
                    .poolTimeout(Duration.ofMillis(200)).listener(throwing).build());
            engine.execute(text("SELECT 41 + 1")).scalar(Integer.class)
                    .as(StepVerifier::create).expectNext(42).verifyComplete();
            engine.execute(text("SELECT * FROM no_such_table")).all()
                    .as(StepVerifier::create).verifyError(ProgrammingException.class);
            engine.stream(text(MANY_ROWS)).take(3).as(StepVerifier::create).expectNextCount(3).verifyComplete();
            awaitIdle(engine); // the release checks the cancelled connection after the stream completed
            engine.transaction(conn -> conn.execute(text("INSERT INTO items (id, label) VALUES (100, 'kept')")).rowcount())
                    .as(StepVerifier::create).expectNext(1L).verifyComplete();
            Mono.zip(engine.connect(conn -> Mono.delay(Duration.ofMillis(600))),
                            Mono.delay(Duration.ofMillis(50)).then(engine.execute(text("SELECT 1")).scalar(Integer.class)))
                    .as(StepVerifier::create).verifyError(PoolTimeoutException.class);
            engine.execute(text("SELECT label FROM items WHERE id = 100")).scalar(String.class)
                    .as(StepVerifier::create).expectNext("kept").verifyComplete();

            List<ILoggingEvent> warnings = log.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
            assertThat(warnings).singleElement().satisfies(warning -> {
                assertThat(warning.getFormattedMessage()).contains("[throwing]", "listener", "threw", "connectionAcquired");
                assertThat(warning.getThrowableProxy().getMessage()).isEqualTo("acquired");
            });
        } finally {
            engineLogger.detachAppender(log);
        }
    }

    @Test
    void withoutAListenerTheEngineHoldsNone() {
        EngineOptions options = EngineOptions.builder().build();
        assertThat(options.listener()).isNull();
        DefaultEngine engine = (DefaultEngine) db.newEngine(options);
        assertThat(engine.listener()).isNull();
        engine.execute(text("SELECT 1")).scalar(Integer.class).as(StepVerifier::create).expectNext(1).verifyComplete();
    }

    @Test
    void optionsKeepTheListenerThroughToBuilderAndWithListenerReplacesIt() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        EngineOptions options = EngineOptions.defaults().withListener(first);
        assertThat(options.listener()).isSameAs(first);
        assertThat(options.toBuilder().poolSize(2).build().listener()).isSameAs(first);
        assertThat(options.withListener(second).listener()).isSameAs(second);
        assertThat(options.withListener(null).listener()).isNull();
        assertThat(EngineOptions.defaults().listener()).isNull();
        assertThat(options.toString()).contains("listener=" + Recorder.class.getName());
        assertThat(EngineOptions.defaults().toString()).doesNotContain("listener");
    }

    private static void awaitIdle(Engine engine) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (engine.poolStatus().checkedOut() > 0 && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(10)).block();
        }
        assertThat(engine.poolStatus().checkedOut()).isZero();
    }

    private static void awaitReleased(Recorder recorder, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (recorder.released.size() < count && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(10)).block();
        }
        assertThat(recorder.released).hasSize(count);
    }
}
