package dev.retort.core.reliability;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue #9, item 15: a checkout cancelled in the instant its connection arrives must not leave one
 * connection with two borrowers. r2dbc-pool 1.0.2 gives the slot back on a cancel that reaches its
 * acquisition after the hand-over, so the cancelled caller's work (which Reactor's
 * {@code usingWhen} runs once it has the connection) and the next borrower shared the connection:
 * in the soak an autocommit INSERT ran inside another borrower's transaction and was rolled back
 * with it. Here 8 callers on a pool of 2 each take a connection, claim its session with
 * {@code SET @owner = <own token>}, hold it 1 ms and read {@code @owner} back, while a timeout of
 * 0–6 ms cancels most of them: while waiting for the connection, as it arrives, or while holding
 * it. Statements run only while the connection is lent (a given-back connection refuses them), so
 * reading another caller's token means two callers held one connection at once. Afterwards nothing
 * may be checked out. On the code before {@code CheckoutHandoff} two runs (8 and 32 callers) each
 * ended with a connection the pool still counted as checked out, though no session was claimed
 * twice in them: the race is rare at this scale, and {@link dev.retort.core.engine.CheckoutHandoffTest}
 * forces it. Figures are printed with the prefix {@code RELIABILITY checkout-race}.
 */
@DatabaseTest
class CheckoutCancelRaceTest {

    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("retort.checkoutrace.seconds", 8));
    private static final int CALLERS = 8;

    private final TestDatabase db;

    CheckoutCancelRaceTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aConnectionIsNeverLentToTwoCallersAtOnce() {
        Engine engine = db.newEngine(EngineOptions.builder().name("checkout-race").poolSize(2).maxOverflow(0)
                .poolTimeout(Duration.ofSeconds(10)).build());
        AtomicLong tokens = new AtomicLong();
        AtomicInteger lentTwice = new AtomicInteger();
        LongAdder completed = new LongAdder();
        LongAdder cancelled = new LongAdder();
        long deadline = System.nanoTime() + RUN.toNanos();
        try {
            Flux.range(0, CALLERS)
                    .flatMap(caller -> Mono.defer(() -> oneCheckout(engine, tokens.incrementAndGet(), lentTwice)
                                    .timeout(Duration.ofNanos(ThreadLocalRandom.current().nextLong(6_000_000)))
                                    .doOnSuccess(token -> completed.increment())
                                    .onErrorResume(TimeoutException.class, timedOut -> {
                                        cancelled.increment();
                                        return Mono.empty();
                                    }))
                            .repeat(() -> System.nanoTime() < deadline), CALLERS)
                    .then()
                    .block(RUN.plusSeconds(60));
            Mono.delay(Duration.ofMillis(200)).block();
            System.out.printf("RELIABILITY checkout-race: %d checkouts completed, %d cancelled by a 0-6 ms timeout, "
                    + "%d sessions claimed by two callers at once; pool afterwards %s%n", completed.sum(),
                    cancelled.sum(), lentTwice.get(), engine.poolStatus());
            assertThat(lentTwice.get()).as("sessions claimed by two callers at once").isZero();
            assertThat(cancelled.sum()).as("checkouts cancelled").isPositive();
            assertThat(completed.sum()).as("checkouts completed").isPositive();
            assertThat(engine.poolStatus().checkedOut()).isZero();
        } finally {
            engine.dispose().block(Duration.ofSeconds(30));
        }
    }

    private static Mono<Long> oneCheckout(Engine engine, long token, AtomicInteger lentTwice) {
        return engine.connect(conn -> conn.execute(text("SET @owner = :token"), Map.of("token", token)).rowcount()
                .then(Mono.delay(Duration.ofMillis(1)))
                .then(conn.execute(text("SELECT @owner")).scalar(Long.class))
                .doOnNext(owner -> {
                    if (owner != token) {
                        lentTwice.incrementAndGet();
                    }
                }));
    }
}
