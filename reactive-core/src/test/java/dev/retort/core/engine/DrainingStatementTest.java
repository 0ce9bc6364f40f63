package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Issue #9 item 14: statements and batches made on a lent connection pass every call to the
 * driver's, and a cancel of their results keeps reading instead of cancelling the driver. Stubs
 * stand in for r2dbc-mysql; no server is involved.
 */
class DrainingStatementTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean driverCancelled = new AtomicBoolean();
    private final Flux<Result> driverResults = Flux.<Result>never().doOnCancel(() -> driverCancelled.set(true));

    @Test
    void everyCallReachesTheDriversStatementAndTheChainStaysOnTheWrapper() {
        Statement driver = stub(Statement.class);
        Statement statement = new DrainingStatement(driver);

        Statement chained = statement.bind(0, 1).bind("name", "x").bindNull(1, String.class).bindNull("other", Integer.class)
                .add().returnGeneratedValues("id").fetchSize(50);

        assertThat(chained).isSameAs(statement);
        assertThat(calls).containsExactly("bind 0 1", "bind name x", "bindNull 1 class java.lang.String",
                "bindNull other class java.lang.Integer", "add", "returnGeneratedValues [id]", "fetchSize 50");
        assertThat(((Wrapped<?>) statement).unwrap()).isSameAs(driver);
    }

    @Test
    void aCancelOfAStatementsResultsDoesNotCancelTheDriver() {
        Statement statement = new DrainingStatement(stub(Statement.class));
        Flux.from(statement.execute()).subscribe().dispose();
        assertThat(calls).containsExactly("execute");
        assertThat(driverCancelled.get()).isFalse();
    }

    @Test
    void aBatchPassesItsStatementsOnAndACancelDoesNotCancelTheDriver() {
        Batch driver = stub(Batch.class);
        Batch batch = new DrainingBatch(driver);

        assertThat(batch.add("SELECT 1").add("SELECT 2")).isSameAs(batch);
        Flux.from(batch.execute()).subscribe().dispose();

        assertThat(calls).containsExactly("add SELECT 1", "add SELECT 2", "execute");
        assertThat(driverCancelled.get()).isFalse();
        assertThat(((Wrapped<?>) batch).unwrap()).isSameAs(driver);
    }

    /** A driver statement or batch that records its calls; {@code execute()} answers results that never come. */
    private <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("execute")) {
                calls.add("execute");
                return driverResults;
            }
            StringBuilder call = new StringBuilder(method.getName());
            for (Object arg : args == null ? new Object[0] : args) {
                call.append(' ').append(arg instanceof Object[] array ? List.of(array) : arg);
            }
            calls.add(call.toString());
            return proxy;
        }));
    }
}
