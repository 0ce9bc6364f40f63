package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.exception.InvalidRequestException;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Issue #9: the check that a connection is still lent and the driver's enqueue are one step, and
 * the release closes that gate before anything else. A stub driver records, in order, each request
 * at the moment it is queued (when its publisher is subscribed, as r2dbc-mysql does) and lets a test
 * start the release at the worst moment: after the statement was checked, before it was queued.
 * No server is involved; the interleavings are forced, not hoped for.
 */
class ConnectionGateTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<String> queued = new CopyOnWriteArrayList<>();
    /** Run once when the driver is asked for the named call, before its publisher exists. */
    private final AtomicReference<String> hookOn = new AtomicReference<>();
    private final AtomicReference<Runnable> hook = new AtomicReference<>();
    private final DefaultEngine engine = DefaultEngine.create(EngineUrl.parse("mysql://stub@127.0.0.1:1/stub"),
            EngineOptions.defaults());

    @AfterEach
    void dispose() {
        engine.dispose().block(WAIT);
    }

    @Test
    void aStatementCheckedBeforeTheReleaseIsQueuedBeforeTheReleasesRollback() {
        DefaultConnection conn = lent();
        conn.begin().block(WAIT);
        Mono<Boolean> release = conn.reset().doOnSuccess(reusable -> queued.add("(released)")).cache();
        hookAt("createStatement", release::subscribe);

        assertThat(conn.execute(text("INSERT INTO t VALUES (1)")).rowcount().block(WAIT)).isEqualTo(1L);

        assertThat(release.block(WAIT)).isTrue();
        // the statement was still being read when the release went on: the ping waits behind it
        assertThat(queued).containsExactly("BEGIN", "INSERT INTO t VALUES (1)", "ROLLBACK", "PING", "(released)");
    }

    @Test
    void aStatementStartedAfterTheReleaseBeganIsRefusedAndNeverQueued() {
        DefaultConnection conn = lent();
        conn.begin().block(WAIT);
        assertThat(conn.reset().block(WAIT)).isTrue();

        StepVerifier.create(conn.execute(text("INSERT INTO t VALUES (1)")).rowcount())
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("given back to the pool"))
                .verify(WAIT);
        assertThat(queued).containsExactly("BEGIN", "ROLLBACK");
    }

    @Test
    void aStatementChainedInATransactionThatIsBeingGivenBackIsRefused() {
        // the chained statement is checked after the release closed the gate: refused, the
        // transaction rolled back, nothing of the chain reaches the driver after the ROLLBACK
        DefaultConnection conn = lent();
        conn.begin().block(WAIT);
        Mono<Boolean> release = conn.reset().cache();
        Mono<Long> chain = conn.execute(text("INSERT INTO t VALUES (1)")).rowcount()
                .doOnNext(count -> release.subscribe())
                .then(conn.execute(text("INSERT INTO t VALUES (2)")).rowcount());

        StepVerifier.create(chain).expectError(InvalidRequestException.class).verify(WAIT);
        assertThat(release.block(WAIT)).isTrue();
        assertThat(queued).containsExactly("BEGIN", "INSERT INTO t VALUES (1)", "ROLLBACK");
    }

    @Test
    void aCommitCheckedBeforeTheReleaseIsQueuedBeforeTheConnectionIsGivenBack() {
        DefaultConnection conn = lent();
        conn.begin().block(WAIT);
        Mono<Boolean> release = conn.reset().doOnSuccess(reusable -> queued.add("(released)")).cache();
        hookAt("commitTransaction", release::subscribe);

        conn.commit().block(WAIT);

        assertThat(release.block(WAIT)).isTrue();
        // the release found the transaction ended by the COMMIT: nothing to roll back
        assertThat(queued).containsExactly("BEGIN", "COMMIT", "(released)");
    }

    @Test
    void aCommitRefusedDuringTheReleaseLeavesTheTransactionToTheReleasesRollback() {
        DefaultConnection conn = lent();
        conn.begin().block(WAIT);
        Mono<Boolean> release = conn.reset().cache();
        AtomicReference<Throwable> commitError = new AtomicReference<>();
        // while a statement is inside the gate, the release starts (and waits for it) and a COMMIT
        // is attempted: refused, so the transaction is still there for the release to roll back
        hookAt("createStatement", () -> {
            release.subscribe();
            conn.commit().subscribe(done -> { }, commitError::set);
        });

        conn.execute(text("INSERT INTO t VALUES (1)")).rowcount().block(WAIT);

        assertThat(release.block(WAIT)).as("the connection may be reused").isTrue();
        assertThat(commitError.get()).isInstanceOf(InvalidRequestException.class);
        assertThat(queued).containsExactly("BEGIN", "INSERT INTO t VALUES (1)", "ROLLBACK", "PING");
    }

    private DefaultConnection lent() {
        return new DefaultConnection(engine, stubDriver(), MySqlDialect.forServer("10.11.0-MariaDB", true), false);
    }

    private void hookAt(String method, Runnable action) {
        hook.set(action);
        hookOn.set(method);
    }

    private void runHook(String method) {
        if (hookOn.compareAndSet(method, null)) {
            hook.getAndSet(null).run();
        }
    }

    /** A publisher that records {@code name} when subscribed (the moment r2dbc-mysql queues a request). */
    private <T> Publisher<T> queues(String name, Publisher<T> answer) {
        return Flux.defer(() -> {
            queued.add(name);
            return answer;
        });
    }

    private Connection stubDriver() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    runHook(method.getName());
                    return switch (method.getName()) {
                        case "beginTransaction" -> queues("BEGIN", Mono.empty());
                        case "commitTransaction" -> queues("COMMIT", Mono.empty());
                        case "rollbackTransaction" -> queues("ROLLBACK", Mono.empty());
                        case "validate" -> queues("PING", Mono.just(true));
                        case "createStatement" -> stubStatement((String) args[0]);
                        case "toString" -> "stub driver connection";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private Statement stubStatement(String sql) {
        Result result = (Result) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Result.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRowsUpdated" -> Mono.just(1L);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> method.getName().equals("execute")
                        ? queues(sql, Mono.just(result))
                        : proxy);
    }
}
