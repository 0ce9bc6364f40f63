package dev.retort.core.metrics;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.exception.PoolTimeoutException;
import dev.retort.core.exception.ProgrammingException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Micrometer meters of an engine, after known work on a real server. */
@DatabaseTest
class RetortMetricsTest {

    private static final String DIGITS = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 "
            + "UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 "
            + "UNION ALL SELECT 9)";
    private static final String MANY_ROWS = "SELECT a.d + b.d * 10 + c.d * 100 + e.d * 1000 AS n FROM " + DIGITS
            + " a CROSS JOIN " + DIGITS + " b CROSS JOIN " + DIGITS + " c CROSS JOIN " + DIGITS + " e";

    private final TestDatabase db;
    private final MeterRegistry registry = new SimpleMeterRegistry();

    RetortMetricsTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void createTable(TestDatabase db) {
        db.engine().execute(text("CREATE TABLE events (id INT PRIMARY KEY, label VARCHAR(20))")).rowcount().block();
    }

    /** The README's three lines, on a pool the test can size. */
    private Engine instrumented(String name, EngineOptions.Builder options) {
        RetortMetrics metrics = RetortMetrics.create(registry, name);
        Engine engine = db.newEngine(options.name(name).build().withListener(metrics.listener()));
        metrics.bindPool(engine);
        return engine;
    }

    private @Nullable Timer statements(String name, String kind, String outcome) {
        return registry.find(RetortMetrics.STATEMENTS).tags("name", name, "kind", kind, "outcome", outcome).timer();
    }

    private long count(@Nullable Timer timer) {
        return timer == null ? 0 : timer.count();
    }

    private double gauge(String meter, String name) {
        return registry.get(meter).tag("name", name).gauge().value();
    }

    @Test
    void statementsAreTimedByKindAndOutcome() {
        Engine engine = instrumented("stmts", EngineOptions.builder());
        int selects = 7;
        Flux.range(0, selects).concatMap(i -> engine.execute(text("SELECT :i"), java.util.Map.of("i", i)).scalar(Long.class))
                .as(StepVerifier::create).expectNextCount(selects).verifyComplete();
        engine.execute(text("INSERT INTO events (id, label) VALUES (1, 'a')")).rowcount().block();
        engine.execute(text("INSERT INTO events (id, label) VALUES (2, 'b')")).rowcount().block();
        engine.execute(text("UPDATE events SET label = 'c' WHERE id = 1")).rowcount().block();
        engine.execute(text("DELETE FROM events")).rowcount().block();
        engine.execute(text("CREATE TABLE IF NOT EXISTS events_ddl (id INT)")).rowcount().block();
        engine.execute(text("SET @x = 1")).rowcount().block();

        assertThat(count(statements("stmts", "select", "success"))).isEqualTo(selects);
        assertThat(count(statements("stmts", "insert", "success"))).isEqualTo(2);
        assertThat(count(statements("stmts", "update", "success"))).isEqualTo(1);
        assertThat(count(statements("stmts", "delete", "success"))).isEqualTo(1);
        assertThat(count(statements("stmts", "ddl", "success"))).isEqualTo(1);
        assertThat(count(statements("stmts", "other", "success"))).isEqualTo(1);
        assertThat(registry.find(RetortMetrics.STATEMENTS).tag("name", "stmts").timers())
                .extracting(timer -> timer.getId().getTag("outcome")).containsOnly("success");
        assertThat(statements("stmts", "select", "success").totalTime(TimeUnit.NANOSECONDS)).isPositive();
        // no meter carries SQL
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .allSatisfy(tag -> assertThat(tag.getKey()).isIn("name", "kind", "outcome")));

        int checkouts = selects + 6;
        assertThat(registry.get(RetortMetrics.POOL_ACQUIRE).tags("name", "stmts", "outcome", "success").timer().count())
                .isEqualTo(checkouts);
        assertThat(registry.get(RetortMetrics.POOL_USAGE).tag("name", "stmts").timer().count()).isEqualTo(checkouts);
    }

    @Test
    void anErrorAndACancelHaveTheirOwnOutcomes() {
        Engine engine = instrumented("outcomes", EngineOptions.builder());
        engine.execute(text("SELECT * FROM no_such_table")).all()
                .as(StepVerifier::create).verifyError(ProgrammingException.class);
        engine.execute(text("INSERT INTO no_such_table VALUES (1)")).rowcount()
                .as(StepVerifier::create).verifyError(ProgrammingException.class);
        engine.stream(text(MANY_ROWS)).take(5).as(StepVerifier::create).expectNextCount(5).verifyComplete();

        assertThat(count(statements("outcomes", "select", "error"))).isEqualTo(1);
        assertThat(count(statements("outcomes", "insert", "error"))).isEqualTo(1);
        assertThat(count(statements("outcomes", "select", "cancelled"))).isEqualTo(1);
        assertThat(count(statements("outcomes", "select", "success"))).isZero();
        awaitIdle(engine);
    }

    @Test
    void poolGaugesFollowCheckouts() {
        Engine engine = instrumented("gauges", EngineOptions.builder().poolSize(2).maxOverflow(3));
        assertThat(gauge(RetortMetrics.POOL_ACQUIRED, "gauges")).isZero();
        assertThat(gauge(RetortMetrics.POOL_SIZE, "gauges")).isZero();
        assertThat(gauge(RetortMetrics.POOL_MAX, "gauges")).isEqualTo(5);

        double[] inside = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Long.class)
                .map(ignored -> new double[] {gauge(RetortMetrics.POOL_ACQUIRED, "gauges"),
                        gauge(RetortMetrics.POOL_IDLE, "gauges"), gauge(RetortMetrics.POOL_SIZE, "gauges"),
                        gauge(RetortMetrics.POOL_PENDING, "gauges")}))
                .block();
        assertThat(inside).containsExactly(1, 0, 1, 0);
        assertThat(gauge(RetortMetrics.POOL_ACQUIRED, "gauges")).isZero();
        assertThat(gauge(RetortMetrics.POOL_IDLE, "gauges")).isEqualTo(1);
        assertThat(gauge(RetortMetrics.POOL_SIZE, "gauges")).isEqualTo(1);
        PoolStatus status = engine.poolStatus();
        assertThat(gauge(RetortMetrics.POOL_PENDING, "gauges")).isEqualTo(status.pending()).isZero();
    }

    @Test
    void aPoolTimeoutIsTaggedTimeout() {
        Engine engine = instrumented("timeout", EngineOptions.builder().poolSize(1).maxOverflow(0)
                .poolTimeout(Duration.ofMillis(300)));
        Mono<Long> holder = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Long.class)
                .delayElement(Duration.ofMillis(1000)));
        Mono<Long> waiter = Mono.delay(Duration.ofMillis(50)).then(engine.execute(text("SELECT 2")).scalar(Long.class));
        StepVerifier.create(Mono.zip(holder, waiter)).verifyError(PoolTimeoutException.class);

        Timer timeouts = registry.get(RetortMetrics.POOL_ACQUIRE).tags("name", "timeout", "outcome", "timeout").timer();
        assertThat(timeouts.count()).isEqualTo(1);
        assertThat(timeouts.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(250);
        assertThat(registry.get(RetortMetrics.POOL_ACQUIRE).tags("name", "timeout", "outcome", "success").timer().count())
                .isEqualTo(1);
        awaitIdle(engine);
    }

    @Test
    void pendingGaugeShowsAWaitingCaller() {
        Engine engine = instrumented("pending", EngineOptions.builder().poolSize(1).maxOverflow(0));
        Mono<Double> seen = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Long.class)
                .then(Mono.delay(Duration.ofMillis(100)).map(tick -> gauge(RetortMetrics.POOL_PENDING, "pending"))));
        Mono<Long> waiter = Mono.delay(Duration.ofMillis(30)).then(engine.execute(text("SELECT 2")).scalar(Long.class));
        StepVerifier.create(Mono.zip(seen, waiter))
                .assertNext(both -> {
                    assertThat(both.getT1()).isEqualTo(1);
                    assertThat(both.getT2()).isEqualTo(2);
                })
                .verifyComplete();
        assertThat(gauge(RetortMetrics.POOL_PENDING, "pending")).isZero();
    }

    @Test
    void aConnectFailureIsTaggedError() {
        RetortMetrics metrics = RetortMetrics.create(registry, "unreachable");
        Engine engine = db.newEngine("mysql://root@127.0.0.1:1/nothing",
                EngineOptions.builder().poolKind(PoolKind.NULL).listener(metrics.listener()).build());
        metrics.bindPool(engine);
        engine.execute(text("SELECT 1")).scalar(Long.class).as(StepVerifier::create).verifyError(OperationalException.class);
        assertThat(registry.get(RetortMetrics.POOL_ACQUIRE).tags("name", "unreachable", "outcome", "error").timer().count())
                .isEqualTo(1);
        // the NULL pool has no maximum
        assertThat(registry.find(RetortMetrics.POOL_MAX).tag("name", "unreachable").gauge()).isNull();
        assertThat(registry.find(RetortMetrics.POOL_SIZE).tag("name", "unreachable").gauge()).isNotNull();
    }

    @Test
    void usageTimesHowLongAConnectionWasHeld() {
        Engine engine = instrumented("usage", EngineOptions.builder());
        engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Long.class).delayElement(Duration.ofMillis(200)))
                .block();
        Timer usage = registry.get(RetortMetrics.POOL_USAGE).tag("name", "usage").timer();
        assertThat(usage.count()).isEqualTo(1);
        assertThat(usage.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void extraTagsAreOnEveryMeterAndCloseRemovesThem() {
        RetortMetrics metrics = RetortMetrics.create(registry, "tagged", Tags.of("region", "eu"));
        Engine engine = db.newEngine(EngineOptions.builder().name("tagged").listener(metrics.listener()).build());
        metrics.bindPool(engine);
        engine.execute(text("SELECT 1")).scalar(Long.class).block();
        assertThat(registry.find("retort.pool.acquired").tags("name", "tagged", "region", "eu").gauge()).isNotNull();
        assertThat(registry.find(RetortMetrics.STATEMENTS).tags("name", "tagged", "region", "eu").timer()).isNotNull();
        assertThat(metrics.name()).isEqualTo("tagged");

        metrics.close();
        assertThat(registry.getMeters()).extracting(Meter::getId)
                .noneSatisfy(id -> assertThat(id.getTag("name")).isEqualTo("tagged"));
        engine.execute(text("SELECT 1")).scalar(Long.class).block();
        assertThat(registry.find(RetortMetrics.STATEMENTS).tag("name", "tagged").timer()).isNull();
    }

    @Test
    void oneInstanceBindsOnePool() {
        RetortMetrics metrics = RetortMetrics.create(registry, "once");
        Engine engine = db.newEngine(EngineOptions.builder().build());
        metrics.bindPool(engine);
        assertThatThrownBy(() -> metrics.bindPool(engine)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one RetortMetrics per engine");
        assertThatThrownBy(() -> RetortMetrics.create(registry, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(metrics.listener()).isSameAs(metrics.listener());
    }

    private static void awaitIdle(Engine engine) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (engine.poolStatus().checkedOut() > 0 && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(10)).block();
        }
        assertThat(engine.poolStatus().checkedOut()).isZero();
    }
}
