package dev.retort.bench;

import dev.retort.bench.Model.Item;
import dev.retort.bench.States.JdbcState;
import dev.retort.bench.States.Keys;
import dev.retort.bench.States.OrmState;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Suite 1b: point selects with {@value Stacks#IN_FLIGHT} in flight over a pool of
 * {@link Stacks#CONNECTIONS} connections. Each invocation runs {@value #LOOKUPS} lookups (reactive:
 * {@code flatMap(…, 64)}; JDBC: 64 threads of an executor sharing them) and the score is per lookup,
 * so it is the inverse of throughput.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class PointSelect64Benchmark {

    static final int LOOKUPS = 1024;

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long raw(RawState raw, Keys keys) {
        return concurrently(keys, id -> Raw.point(raw.pool, id).map(item -> item.amount()));
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long core(RetortState retort, Keys keys) {
        return concurrently(keys, id -> retort.engine.execute(Queries.POINT, Map.of("id", id)).first()
                .map(row -> Queries.item(row).amount()));
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long orm(OrmState orm, Keys keys) {
        return concurrently(keys, id -> orm.sessions.withSession(session -> session.get(Item.class, id))
                .map(item -> item.amount));
    }

    @Benchmark
    @OperationsPerInvocation(LOOKUPS)
    public long jdbc(JdbcState jdbc, Keys keys) throws InterruptedException, ExecutionException {
        int first = keys.reserve(LOOKUPS);
        int perThread = LOOKUPS / Stacks.IN_FLIGHT;
        List<Future<Long>> parts = new ArrayList<>(Stacks.IN_FLIGHT);
        for (int t = 0; t < Stacks.IN_FLIGHT; t++) {
            int start = first + t * perThread;
            parts.add(jdbc.executor.submit(() -> {
                long sum = 0;
                for (int i = 0; i < perThread; i++) {
                    sum += Jdbc.point(jdbc.dataSource, keys.at(start + i)).amount();
                }
                return sum;
            }));
        }
        long sum = 0;
        for (Future<Long> part : parts) {
            sum += part.get();
        }
        return sum;
    }

    private static long concurrently(Keys keys, IntFunction<Mono<Integer>> lookup) {
        int first = keys.reserve(LOOKUPS);
        return Flux.range(0, LOOKUPS)
                .flatMap(i -> lookup.apply(keys.at(first + i)), Stacks.IN_FLIGHT)
                .reduce(0L, (sum, amount) -> sum + amount)
                .block();
    }
}
