package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/** Echo logging of statements, parameters, timings, transactions and pool events. */
@DatabaseTest
class EchoTest {

    private final TestDatabase db;
    private final ListAppender<ILoggingEvent> engineLog = new ListAppender<>();
    private final ListAppender<ILoggingEvent> poolLog = new ListAppender<>();

    EchoTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void capture() {
        engineLog.start();
        poolLog.start();
        ((Logger) LoggerFactory.getLogger("dev.retort.engine")).addAppender(engineLog);
        ((Logger) LoggerFactory.getLogger("dev.retort.pool")).addAppender(poolLog);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger("dev.retort.engine")).detachAppender(engineLog);
        ((Logger) LoggerFactory.getLogger("dev.retort.pool")).detachAppender(poolLog);
    }

    private static List<String> infoLines(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream()
                .filter(event -> event.getLevel() == ch.qos.logback.classic.Level.INFO)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void echoLogsStatementsParametersTimingAndTransactions() {
        Engine engine = db.newEngine(EngineOptions.builder().echo(true).name("echoed").build());
        engine.transaction(conn -> conn.execute(text("SELECT :word AS w"), Map.of("word", "visible")).scalar(String.class))
                .as(StepVerifier::create).expectNext("visible").verifyComplete();
        assertThat(infoLines(engineLog))
                .hasSize(5)
                .satisfies(lines -> {
                    assertThat(lines.get(0)).isEqualTo("[echoed] BEGIN");
                    assertThat(lines.get(1)).isEqualTo("[echoed] SELECT ? AS w");
                    assertThat(lines.get(2)).isEqualTo("[echoed] [parameters: [visible]]");
                    assertThat(lines.get(3)).matches("\\[echoed] \\[done in \\d+\\.\\d{3} ms]");
                    assertThat(lines.get(4)).isEqualTo("[echoed] COMMIT");
                });
        assertThat(infoLines(poolLog)).isEmpty();
    }

    @Test
    void withoutEchoNothingIsLoggedAtInfo() {
        Engine engine = db.newEngine(EngineOptions.builder().build());
        engine.execute(text("SELECT 1")).scalar(Integer.class).block();
        assertThat(infoLines(engineLog)).isEmpty();
    }

    @Test
    void hideParametersKeepsValuesOutOfLogsAndErrors() {
        Engine engine = db.newEngine(EngineOptions.builder().echo(true).hideParameters(true).name("hidden").build());
        engine.execute(text("CREATE TABLE secrets (v VARCHAR(20) PRIMARY KEY)")).rowcount().block();
        engine.execute(text("INSERT INTO secrets VALUES (:v)"), Map.of("v", "s3cret-value")).rowcount().block();
        engine.execute(text("INSERT INTO secrets VALUES (:v)"), Map.of("v", "s3cret-value")).rowcount()
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("[SQL: INSERT INTO secrets VALUES (?)]")
                        .hasMessageContaining("[parameters hidden]")
                        .satisfies(e -> assertThat(e.getMessage().replace("Duplicate entry 's3cret-value'", ""))
                                .doesNotContain("s3cret-value")));
        assertThat(infoLines(engineLog)).contains("[hidden] [parameters: hidden]")
                .noneMatch(line -> line.contains("s3cret-value"));
    }

    @Test
    void errorsCarryTheSqlAndParameters() {
        Engine engine = db.newEngine(EngineOptions.builder().build());
        engine.execute(text("SELECT * FROM no_such_table WHERE x = :x"), Map.of("x", 42)).all()
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(dev.retort.core.exception.ProgrammingException.class)
                        .hasMessageContaining("no_such_table")
                        .hasMessageContaining("[SQL: SELECT * FROM no_such_table WHERE x = ?]")
                        .hasMessageContaining("[parameters: [42]]"));
    }

    @Test
    void echoPoolLogsCheckoutCheckinAndInvalidation() throws InterruptedException {
        Engine engine = db.newEngine(EngineOptions.builder().echoPool(true).name("pooled")
                .releaseTimeout(java.time.Duration.ofMillis(300)).build());
        engine.connect(conn -> {
            conn.invalidate();
            return reactor.core.publisher.Mono.just(1);
        }).block();
        engine.execute(text("SELECT 1")).scalar(Integer.class).block();
        Thread.sleep(900); // past the release timeout, after which a connection still open would be killed
        List<String> lines = infoLines(poolLog);
        // an invalidated connection is closed, not killed: it answered, so it closes within the
        // release timeout and no KILL follows
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("[pooled] checkout connection@");
        assertThat(lines.get(1)).startsWith("[pooled] invalidate connection@");
        assertThat(lines.get(2)).startsWith("[pooled] checkout connection@");
        assertThat(lines.get(3)).startsWith("[pooled] checkin connection@");
        assertThat(label(lines.get(1))).isEqualTo(label(lines.get(0)));
        assertThat(label(lines.get(2))).isNotEqualTo(label(lines.get(0)));
    }

    private static String label(String line) {
        return line.replaceAll(".*(connection@[0-9a-f]+).*", "$1");
    }
}
