package dev.retort.bench;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.sql.Executable;
import dev.retort.orm.session.SessionFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Checks that Retort compiles the benchmark statements to exactly the SQL the raw driver and JDBC
 * send, so that every stack asks the server the same thing, and that each ORM relationship loader
 * sends the number of SELECTs its variant stands for. Fails the run otherwise.
 */
final class SqlCheck {

    private SqlCheck() {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** An ORM variant of suite 4 and the SELECTs it must send. */
    private record Load(String variant, Function<SessionFactory, Mono<Long>> run, int selects) {
    }

    private static final List<Load> LOADS = List.of(
            new Load("ormSelectin", RelationshipBenchmark::selectin, 2),
            new Load("ormJoined", RelationshipBenchmark::joined, 1),
            new Load("ormNPlusOne", RelationshipBenchmark::nPlusOne, 1 + Model.AUTHORS));

    /** Checks the statements; returns what each ORM loader sent: {@code ormSelectin 2 (4), …}, SELECTs (all statements). */
    static String verify(BenchUrl url) {
        Engine engine = Engine.create(url.engineUrl(), EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        try {
            Dialect dialect = engine.dialect().block(TIMEOUT);
            Map<Executable, String> expected = Map.of(
                    Queries.POINT, Queries.POINT_SQL,
                    Queries.pointBuilt(1), Queries.POINT_SQL,
                    Queries.READ, Queries.READ_SQL,
                    Queries.AUTHORS, Queries.AUTHORS_SQL,
                    Queries.BOOKS_OF, Queries.BOOKS_OF_SQL,
                    Queries.booksOf(List.of(1, 2, 3)), Queries.booksInSql(3),
                    dev.retort.orm.Orm.select(Model.Item.class).limit(Model.READ_ROWS).toSelect(), Queries.READ_SQL,
                    Queries.ORM_AUTHORS.toSelect(), Queries.AUTHORS_SQL);
            expected.forEach((statement, sql) -> {
                String compiled = statement.compile(dialect).sql();
                if (!compiled.equals(sql)) {
                    throw new IllegalStateException("Retort compiles\n  " + compiled + "\nbut the baselines send\n  " + sql);
                }
            });
            return loads(engine);
        } finally {
            engine.dispose().block(TIMEOUT);
        }
    }

    /**
     * Runs each ORM variant of suite 4 once on the engine's single connection and compares the
     * server's counters for that connection ({@code SHOW SESSION STATUS}, so other clients of the
     * server do not count) before and after: the SELECTs must be the variant's, and the result the
     * data set's page sum.
     */
    private static String loads(Engine engine) {
        SessionFactory sessions = SessionFactory.of(engine, Model.MAPPING);
        long pages = Model.expectedPages();
        StringBuilder line = new StringBuilder();
        for (Load load : LOADS) {
            Map<String, Long> before = sessionStatus(engine);
            Long result = load.run().apply(sessions).block(TIMEOUT);
            Map<String, Long> after = sessionStatus(engine);
            long selects = after.get("Com_select") - before.get("Com_select");
            long statements = after.get("Questions") - before.get("Questions") - 1; // the second SHOW STATUS counts itself
            if (selects != load.selects() || result == null || result != pages) {
                throw new IllegalStateException(load.variant() + " sent " + selects + " SELECTs and returned " + result
                        + " pages; it should send " + load.selects() + " SELECTs and return " + pages);
            }
            line.append(line.length() == 0 ? "" : ", ").append(load.variant()).append(' ').append(selects)
                    .append(" (").append(statements).append(')');
        }
        return line.toString();
    }

    private static Map<String, Long> sessionStatus(Engine engine) {
        Map<String, Long> values = new LinkedHashMap<>();
        engine.execute(text("SHOW SESSION STATUS WHERE Variable_name IN ('Com_select', 'Questions')")).rows()
                .doOnNext(row -> values.put(String.valueOf(row.get(0)), Long.parseLong(String.valueOf(row.get(1)))))
                .blockLast(TIMEOUT);
        return values;
    }
}
