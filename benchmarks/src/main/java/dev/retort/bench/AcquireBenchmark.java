package dev.retort.bench;

import dev.retort.bench.States.JdbcState;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortNoTimeoutState;
import dev.retort.bench.States.RetortState;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/** Suite 5b: pool checkout and release with no statement. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class AcquireBenchmark {

    /** {@code usingWhen(pool.create(), c -> Mono.just(1), Connection::close)}. */
    @Benchmark
    public Integer raw(RawState raw) {
        return Raw.acquire(raw.pool).block();
    }

    /** {@code engine.connect(c -> Mono.just(1))}. */
    @Benchmark
    public Integer core(RetortState retort) {
        return retort.engine.connect(connection -> Mono.just(1)).block();
    }

    /** {@code engine.connect(c -> Mono.just(1))} on an engine with {@code poolTimeout(null)}. */
    @Benchmark
    public Integer coreNoPoolTimeout(RetortNoTimeoutState retort) {
        return retort.engine.connect(connection -> Mono.just(1)).block();
    }

    /** {@code dataSource.getConnection()} and {@code close()}. */
    @Benchmark
    public int jdbc(JdbcState jdbc) throws SQLException {
        return Jdbc.acquire(jdbc.dataSource);
    }
}
