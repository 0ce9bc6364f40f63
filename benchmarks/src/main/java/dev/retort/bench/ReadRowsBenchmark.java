package dev.retort.bench;

import dev.retort.bench.Model.Item;
import dev.retort.bench.Model.ItemRow;
import dev.retort.bench.States.JdbcState;
import dev.retort.bench.States.OrmState;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortState;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Suite 2: {@value Model#READ_ROWS} rows of 4 columns into a list of objects, one query at a time. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadRowsBenchmark {

    @Benchmark
    public List<ItemRow> raw(RawState raw) {
        return Raw.read(raw.pool).block();
    }

    /** {@code engine.execute(select(4 columns).limit(1000)).map(row -> new ItemRow(row.get(ITEMS.id), …))}. */
    @Benchmark
    public List<ItemRow> core(RetortState retort) {
        return retort.engine.execute(Queries.READ).map(Queries::item).collectList().block();
    }

    /** {@code sessions.withSession(s -> s.scalars(select(Item.class).limit(1000)).collectList())}. */
    @Benchmark
    public List<Item> orm(OrmState orm) {
        return orm.sessions.withSession(session -> session.scalars(dev.retort.orm.Orm.select(Item.class)
                .limit(Model.READ_ROWS)).collectList()).block();
    }

    @Benchmark
    public List<ItemRow> jdbc(JdbcState jdbc) throws SQLException {
        return Jdbc.read(jdbc.dataSource);
    }
}
