package dev.retort.bench;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which event-loop threads serve a warmed pool's connections: N statements that each hold their
 * connection for 100 ms run at once, and each reports the thread its row arrived on. Printed before
 * a run and written into the summary, because a pool whose connections share one loop
 * (r2dbc-pool#190) caps concurrent throughput at one core.
 */
final class LoopCheck {

    private static final String HOLD = "SELECT SLEEP(0.1)";

    private LoopCheck() {
    }

    static String run(BenchUrl url) {
        Engine engine = Stacks.engine(url);
        String retort;
        try {
            retort = describe(i -> engine.execute(text(HOLD)).rows()
                    .map(row -> Thread.currentThread().getName()).last());
        } finally {
            engine.dispose().block(Duration.ofSeconds(30));
        }
        ConnectionPool pool = Stacks.rawPool(url);
        String raw;
        try {
            raw = describe(i -> Raw.withConnection(pool, connection -> Flux.from(connection.createStatement(HOLD).execute())
                    .concatMap(result -> result.map((row, metadata) -> Thread.currentThread().getName()))
                    .last()));
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(30));
        }
        return Stacks.loops() + ". Retort: " + retort + "; raw: " + raw;
    }

    private static String describe(IntFunction<Mono<String>> probe) {
        List<String> threads = Flux.range(0, Stacks.CONNECTIONS).flatMap(probe::apply, Stacks.CONNECTIONS)
                .collectList().block(Duration.ofSeconds(60));
        Map<String, Integer> perThread = new TreeMap<>();
        threads.forEach(thread -> perThread.merge(thread, 1, Integer::sum));
        return Stacks.CONNECTIONS + " connections on " + perThread.size() + " loop(s) " + perThread;
    }
}
