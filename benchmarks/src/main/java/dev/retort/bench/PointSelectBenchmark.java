package dev.retort.bench;

import dev.retort.bench.Model.Item;
import dev.retort.bench.Model.ItemRow;
import dev.retort.bench.States.JdbcState;
import dev.retort.bench.States.Keys;
import dev.retort.bench.States.OrmState;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortNoTimeoutState;
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

/**
 * Suite 1a: one row by primary key, one statement at a time. The score is the latency of one
 * lookup (checkout, statement, row decoded into an object, release).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class PointSelectBenchmark {

    /** raw r2dbc-mysql + r2dbc-pool. */
    @Benchmark
    public ItemRow raw(RawState raw, Keys keys) {
        return Raw.point(raw.pool, keys.next()).block();
    }

    /** Retort Core: {@code engine.execute(select(…).where(id.eq(bindparam("id"))), Map.of("id", id)).first()}. */
    @Benchmark
    public ItemRow core(RetortState retort, Keys keys) {
        return retort.engine.execute(Queries.POINT, Map.of("id", keys.next())).first().map(Queries::item).block();
    }

    /** Retort Core with the statement built for each call: {@code select(…).where(id.eq(id))}. */
    @Benchmark
    public ItemRow coreBuilt(RetortState retort, Keys keys) {
        return retort.engine.execute(Queries.pointBuilt(keys.next())).first().map(Queries::item).block();
    }

    /** Retort Core as {@link #core} on an engine with {@code poolTimeout(null)}. */
    @Benchmark
    public ItemRow coreNoPoolTimeout(RetortNoTimeoutState retort, Keys keys) {
        return retort.engine.execute(Queries.POINT, Map.of("id", keys.next())).first().map(Queries::item).block();
    }

    /** Retort ORM: {@code sessions.withSession(s -> s.get(Item.class, id))}, a new session per lookup. */
    @Benchmark
    public Item orm(OrmState orm, Keys keys) {
        int id = keys.next();
        return orm.sessions.withSession(session -> session.get(Item.class, id)).block();
    }

    /** mysql-connector-j + HikariCP. */
    @Benchmark
    public ItemRow jdbc(JdbcState jdbc, Keys keys) throws SQLException {
        return Jdbc.point(jdbc.dataSource, keys.next());
    }
}
