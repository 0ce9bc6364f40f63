package dev.retort.bench;

import dev.retort.bench.Model.ItemRow;
import dev.retort.bench.Model.SinkItem;
import dev.retort.bench.States.JdbcState;
import dev.retort.bench.States.OrmState;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * Suite 3: {@value Model#BULK_ROWS} rows of 4 columns inserted in one transaction. The rows exist
 * as plain records before the call; each variant turns them into its own input (bindings, maps,
 * entity objects) inside the measured call, as an application would. The target table is
 * {@code ENGINE=BLACKHOLE} when the server has it, so the server's storage cost stays out; otherwise
 * it is a MEMORY table emptied before every call (outside the measurement).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class BulkInsertBenchmark {

    /** The rows and, when the table keeps them, the truncation before each call. */
    @State(Scope.Benchmark)
    public static class Rows {
        /** Rows per insert ({@code -p rows=1000} for a quick run). */
        @Param({"" + Model.BULK_ROWS})
        public int rows;

        List<ItemRow> data;
        java.sql.Connection side;

        @Setup(Level.Trial)
        public void load() throws SQLException {
            data = Model.bulkRows(rows);
            BenchUrl url = BenchUrl.current();
            if (!"BLACKHOLE".equalsIgnoreCase(Fixture.sinkEngine(url))) {
                side = Fixture.open(url);
            }
        }

        @Setup(Level.Invocation)
        public void empty() throws SQLException {
            if (side != null) {
                try (java.sql.Statement statement = side.createStatement()) {
                    statement.execute("TRUNCATE TABLE bench_sink");
                }
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            if (side != null) {
                side.close();
            }
        }
    }

    /** The driver's {@code Statement.add()} per row: one round trip per row. */
    @Benchmark
    public Long raw(RawState raw, Rows rows) {
        return Raw.insertAddLoop(raw.pool, rows.data).block();
    }

    /** A hand-built multi-row INSERT through the raw driver: the limit for Retort's rewrite. */
    @Benchmark
    public Long rawMultiRow(RawState raw, Rows rows) {
        return Raw.insertMultiRow(raw.pool, rows.data).block();
    }

    /** {@code engine.transaction(c -> c.execute(insert(SINK), listOfMaps).rowcount())}: executemany, rewritten. */
    @Benchmark
    public Long core(RetortState retort, Rows rows) {
        List<Map<String, Object>> parameters = new ArrayList<>(rows.data.size());
        for (ItemRow row : rows.data) {
            parameters.add(Map.of("id", row.id(), "name", row.name(), "amount", row.amount(), "created", row.created()));
        }
        return retort.engine.transaction(connection -> connection.execute(Queries.BULK, parameters).rowcount()).block();
    }

    /** {@code sessions.inTransaction(s -> add 10,000 new objects)}: the flush before commit inserts them. */
    @Benchmark
    public Integer orm(OrmState orm, Rows rows) {
        return orm.sessions.inTransaction(session -> Mono.fromSupplier(() -> {
            for (ItemRow row : rows.data) {
                session.add(new SinkItem(row));
            }
            return rows.data.size();
        })).block();
    }

    /** {@code addBatch()} per row and one {@code executeBatch()} with {@code rewriteBatchedStatements=true}. */
    @Benchmark
    public long jdbc(JdbcState jdbc, Rows rows) throws SQLException {
        return Jdbc.insertBatch(jdbc.dataSource, rows.data);
    }
}
