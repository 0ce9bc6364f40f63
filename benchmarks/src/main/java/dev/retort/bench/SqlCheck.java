package dev.retort.bench;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.sql.Executable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks that Retort compiles the benchmark statements to exactly the SQL the raw driver and JDBC
 * send, so that every stack asks the server the same thing. Fails the run otherwise.
 */
final class SqlCheck {

    private SqlCheck() {
    }

    static void verify(BenchUrl url) {
        Engine engine = Engine.create(url.engineUrl(), EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        try {
            Dialect dialect = engine.dialect().block(Duration.ofSeconds(30));
            Map<Executable, String> expected = Map.of(
                    Queries.POINT, Queries.POINT_SQL,
                    Queries.pointBuilt(1), Queries.POINT_SQL,
                    Queries.READ, Queries.READ_SQL,
                    Queries.AUTHORS, Queries.AUTHORS_SQL,
                    Queries.BOOKS_OF, Queries.BOOKS_OF_SQL,
                    Queries.booksOf(List.of(1, 2, 3)), Queries.booksInSql(3),
                    dev.retort.orm.Orm.select(Model.Item.class).limit(Model.READ_ROWS).toSelect(), Queries.READ_SQL);
            expected.forEach((statement, sql) -> {
                String compiled = statement.compile(dialect).sql();
                if (!compiled.equals(sql)) {
                    throw new IllegalStateException("Retort compiles\n  " + compiled + "\nbut the baselines send\n  " + sql);
                }
            });
        } finally {
            engine.dispose().block(Duration.ofSeconds(30));
        }
    }
}
