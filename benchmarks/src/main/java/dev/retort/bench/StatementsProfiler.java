package dev.retort.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code server.statements.norm} (and per command: {@code server.select.norm}, {@code …begin},
 * {@code …commit}, {@code …rollback}, {@code …insert}): statements the server received per
 * operation, from its global {@code Questions} and {@code Com_*} counters read before and after
 * each iteration. Only meaningful when nothing else talks to the server, so {@link BenchMain}
 * enables it for the embedded server alone; usable as {@code -prof dev.retort.bench.StatementsProfiler}
 * against any dedicated server.
 */
public final class StatementsProfiler implements InternalProfiler {

    static final String NAME = "server.statements.norm";

    private static final Map<String, String> COUNTERS = new LinkedHashMap<>();

    static {
        COUNTERS.put("Questions", NAME);
        COUNTERS.put("Com_select", "server.select.norm");
        COUNTERS.put("Com_insert", "server.insert.norm");
        COUNTERS.put("Com_begin", "server.begin.norm");
        COUNTERS.put("Com_commit", "server.commit.norm");
        COUNTERS.put("Com_rollback", "server.rollback.norm");
    }

    private Connection connection;
    private Map<String, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "Statements the server received per operation (global status counters; dedicated server only)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        try {
            if (connection == null) {
                BenchUrl url = BenchUrl.current();
                connection = DriverManager.getConnection(Stacks.jdbcUrl(url), Stacks.jdbcProperties(url));
            }
            before = read();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the server's status counters", e);
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        Map<String, Long> after;
        try {
            after = read();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the server's status counters", e);
        }
        long ops = result.getMetadata().getAllOps();
        List<Result> results = new ArrayList<>();
        COUNTERS.forEach((counter, name) -> {
            long delta = after.getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L);
            if ("Questions".equals(counter)) {
                delta -= 1; // the SHOW STATUS that reads "after" counts itself
            }
            results.add(new ScalarResult(name, ops > 0 ? (double) delta / ops : Double.NaN, "stmts/op",
                    AggregationPolicy.AVG));
        });
        return results;
    }

    private Map<String, Long> read() throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
                        + "('Questions', 'Com_select', 'Com_insert', 'Com_begin', 'Com_commit', 'Com_rollback')")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }
}
