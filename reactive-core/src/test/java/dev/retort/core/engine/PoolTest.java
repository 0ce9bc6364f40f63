package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.exception.OperationalException;
import dev.retort.core.exception.PoolTimeoutException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Pool kinds, sizes, timeouts, recycling and pre-ping against a real server. */
@DatabaseTest
class PoolTest {

    private final TestDatabase db;

    PoolTest(TestDatabase db) {
        this.db = db;
    }

    private static Mono<Long> connectionId(Engine engine) {
        return engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
    }

    /** Kills a server connection from a side engine; made before subscription, since creating an engine loads the driver. */
    private Mono<Long> kill(long connectionId) {
        return killer().execute(text("KILL " + connectionId)).rowcount();
    }

    private Engine killer() {
        return db.newEngine(EngineOptions.builder().poolKind(PoolKind.NULL).name("side").build());
    }

    @Test
    void exhaustionFailsWithinThePoolTimeoutAndThePoolRecovers() {
        Engine engine = db.newEngine(EngineOptions.builder().poolSize(1).maxOverflow(0)
                .poolTimeout(Duration.ofMillis(300)).build());
        Mono<Long> holder = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Long.class)
                .delayElement(Duration.ofMillis(1500)));
        long started = System.nanoTime();
        Mono.zip(holder, Mono.delay(Duration.ofMillis(100)).then(connectionId(engine)))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> {
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
                    assertThat(error).isInstanceOf(PoolTimeoutException.class)
                            .hasMessageContaining("pool timeout of 300 ms")
                            .hasMessageContaining("size 1 with overflow 0")
                            .hasMessageContaining("1 checked out");
                    assertThat(((PoolTimeoutException) error).waited()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
                });
        awaitIdle(engine);
        connectionId(engine).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    }

    private static void awaitIdle(Engine engine) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (engine.poolStatus().checkedOut() > 0 && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(20)).block();
        }
        assertThat(engine.poolStatus().checkedOut()).isZero();
    }

    @Test
    void statusCountsCheckedOutAndIdleConnections() {
        Engine engine = db.newEngine(EngineOptions.builder().poolSize(3).maxOverflow(2).build());
        PoolStatus inside = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Long.class)
                .map(ignored -> engine.poolStatus())).block();
        assertThat(inside.checkedOut()).isEqualTo(1);
        assertThat(inside.maxSize()).isEqualTo(5);
        PoolStatus after = engine.poolStatus();
        assertThat(after.checkedOut()).isZero();
        assertThat(after.idle()).isEqualTo(1);
        assertThat(after.size()).isEqualTo(1);
    }

    @Test
    void queuePoolReusesItsConnection() {
        Engine engine = db.newEngine(EngineOptions.builder().build());
        assertThat(connectionId(engine).block()).isEqualTo(connectionId(engine).block());
    }

    @Test
    void concurrentUseNeverExceedsTheMaximum() {
        Engine engine = db.newEngine(EngineOptions.builder().poolSize(2).maxOverflow(1).build());
        List<Long> ids = Flux.range(0, 40)
                .flatMap(i -> engine.execute(text("SELECT CONNECTION_ID() FROM (SELECT SLEEP(0.01)) s")).scalar(Long.class), 40)
                .collectList().block();
        assertThat(ids).hasSize(40);
        assertThat(ids.stream().distinct().count()).isLessThanOrEqualTo(3);
    }

    @Test
    void nullPoolOpensAndClosesAConnectionPerUse() {
        Engine engine = db.newEngine(EngineOptions.builder().poolKind(PoolKind.NULL).build());
        long first = connectionId(engine).block();
        long second = connectionId(engine).block();
        assertThat(second).isNotEqualTo(first);
        assertThat(engine.poolStatus().size()).isZero();
        assertThat(serverHasConnection(first)).isFalse();
    }

    private boolean serverHasConnection(long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        boolean present;
        do {
            present = db.engine().execute(text("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id))
                    .scalar(Long.class).block() > 0;
            if (present) {
                Mono.delay(Duration.ofMillis(20)).block();
            }
        } while (present && System.nanoTime() < deadline);
        return present;
    }

    @Test
    void staticPoolSharesOneConnectionAndSerialisesUse() {
        Engine engine = db.newEngine(EngineOptions.builder().poolKind(PoolKind.STATIC).build());
        List<Long> ids = Flux.range(0, 10)
                .flatMap(i -> connectionId(engine), 10)
                .collectList().block();
        assertThat(ids).hasSize(10).containsOnly(ids.get(0));
        assertThat(engine.poolStatus().maxSize()).isEqualTo(1);
    }

    @Test
    void recycleReplacesOldConnections() {
        Engine engine = db.newEngine(EngineOptions.builder().poolRecycle(Duration.ofMillis(300)).build());
        long first = connectionId(engine).block();
        Mono.delay(Duration.ofMillis(700)).block();
        long second = connectionId(engine).block();
        assertThat(second).isNotEqualTo(first);
        assertThat(serverHasConnection(first)).isFalse();
    }

    @Test
    void prePingReplacesAKilledIdleConnection() {
        Engine engine = db.newEngine(EngineOptions.builder().prePing(true).build());
        long first = connectionId(engine).block();
        kill(first).block();
        connectionId(engine).as(StepVerifier::create)
                .assertNext(second -> assertThat(second).isNotEqualTo(first))
                .verifyComplete();
    }

    @Test
    void withoutPrePingTheLocalCheckStillDropsAConnectionTheServerClosed() {
        Engine engine = db.newEngine(EngineOptions.builder().prePing(false).build());
        long first = connectionId(engine).block();
        kill(first).block();
        Mono.delay(Duration.ofMillis(200)).block();
        connectionId(engine).as(StepVerifier::create)
                .assertNext(second -> assertThat(second).isNotEqualTo(first))
                .verifyComplete();
    }

    @Test
    void aConnectionKilledWhileCheckedOutFailsClearlyAndIsReplaced() {
        Engine engine = db.newEngine(EngineOptions.builder().build());
        Engine side = killer();
        engine.connect(conn -> conn.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class)
                        .flatMap(id -> side.execute(text("KILL " + id)).rowcount())
                        .then(conn.execute(text("SELECT 1")).scalar(Long.class)))
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(OperationalException.class)
                        .hasMessageContaining("[SQL: SELECT 1]"));
        awaitIdle(engine);
        connectionId(engine).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    }

    @Test
    void disposeClosesIdleConnectionsAndRefusesNewCheckouts() {
        Engine engine = db.newEngine(EngineOptions.builder().build());
        long id = connectionId(engine).block();
        engine.dispose().as(StepVerifier::create).verifyComplete();
        assertThat(serverHasConnection(id)).isFalse();
        assertThat(engine.poolStatus().size()).isZero();
        connectionId(engine).as(StepVerifier::create).expectError().verify(Duration.ofSeconds(5));
    }

    @Test
    void disposeWaitsForCheckedOutConnections() {
        for (PoolKind kind : PoolKind.values()) {
            Engine engine = db.newEngine(EngineOptions.builder().poolKind(kind).build());
            reactor.core.publisher.Sinks.One<Long> inside = reactor.core.publisher.Sinks.one();
            Mono<Long> holder = engine.connect(conn -> conn.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class)
                    .doOnNext(inside::tryEmitValue)
                    .delayElement(Duration.ofMillis(500)));
            reactor.core.Disposable held = holder.subscribe();
            long id = inside.asMono().block(Duration.ofSeconds(5));
            long started = System.nanoTime();
            engine.dispose().as(StepVerifier::create).verifyComplete();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(kind.name()).isGreaterThan(Duration.ofMillis(300));
            assertThat(serverHasConnection(id)).as(kind.name()).isFalse();
            held.dispose();
        }
    }

    @Test
    void cancellingWhileWaitingForAConnectionLeavesTheQueue() {
        Engine engine = db.newEngine(EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        Mono<Long> holder = engine.connect(conn -> conn.execute(text("SELECT 1")).scalar(Long.class)
                .delayElement(Duration.ofMillis(800)));
        reactor.core.Disposable held = holder.subscribe();
        reactor.core.Disposable waiting = Mono.delay(Duration.ofMillis(100)).then(connectionId(engine)).subscribe();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (engine.poolStatus().pending() == 0 && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(10)).block();
        }
        assertThat(engine.poolStatus().pending()).isEqualTo(1);
        waiting.dispose();
        awaitIdle(engine);
        assertThat(engine.poolStatus().pending()).isZero();
        assertThat(held.isDisposed()).isTrue();
        connectionId(engine).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    }
}
