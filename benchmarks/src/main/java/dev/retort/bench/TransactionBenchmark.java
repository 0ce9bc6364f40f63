package dev.retort.bench;

import dev.retort.bench.Model.ItemRow;
import dev.retort.bench.States.JdbcState;
import dev.retort.bench.States.Keys;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortState;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Suite 5a: a transaction around one point select (checkout, BEGIN, SELECT, COMMIT, release). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransactionBenchmark {

    /** {@code beginTransaction()}, the select, {@code commitTransaction()}. */
    @Benchmark
    public ItemRow raw(RawState raw, Keys keys) {
        return Raw.transaction(raw.pool, keys.next()).block();
    }

    /** {@code engine.transaction(c -> c.execute(POINT, id).first())}. */
    @Benchmark
    public ItemRow core(RetortState retort, Keys keys) {
        int id = keys.next();
        return retort.engine.transaction(connection -> connection.execute(Queries.POINT, Map.of("id", id)).first()
                .map(Queries::item)).block();
    }

    /** {@code setAutoCommit(false)}, the select, {@code commit()}; HikariCP restores autocommit at close. */
    @Benchmark
    public ItemRow jdbc(JdbcState jdbc, Keys keys) throws SQLException {
        return Jdbc.transaction(jdbc.dataSource, keys.next());
    }
}
