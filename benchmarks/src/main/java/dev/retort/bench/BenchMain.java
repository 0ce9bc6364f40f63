package dev.retort.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar [JMH options] [--out DIR]}: resolves the
 * server ({@value BenchUrl#ENVIRONMENT}, else an embedded MariaDB started here), creates the data
 * set once, runs the JMH suites with {@code -prof gc}, and writes the JMH JSON and a markdown
 * summary with ratios to {@code DIR} (default: {@code results/} next to the jar).
 *
 * <p>JMH options work as usual and win over the defaults: a regular expression selects suites
 * ({@code PointSelect}), {@code -wi 0 -i 1 -r 200ms -f 0} makes a smoke run, {@code -p}, {@code -prof}
 * and so on.
 */
public final class BenchMain {

    /** Every suite. */
    private static final String ALL = "dev\\.retort\\.bench\\..*Benchmark\\.";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if ("--out".equals(args[i]) && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                jmhArgs.add(args[i]);
            }
        }
        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        if (cli.shouldHelp()) {
            System.out.println("Usage: java -jar benchmarks.jar [JMH options] [--out DIR]\n"
                    + "Server: " + BenchUrl.ENVIRONMENT + "=mysql://user:pass@host:3306/db, else an embedded MariaDB "
                    + EmbeddedMariaDb.VERSION + ".\n");
            cli.showHelp();
            return;
        }
        if (cli.shouldList() || cli.shouldListWithParams()) {
            ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
            if (cli.getIncludes().isEmpty()) {
                options.include(ALL);
            }
            new Runner(options.build()).list();
            return;
        }
        if (out == null) {
            out = defaultOutput();
        }
        Files.createDirectories(out);

        String environmentUrl = System.getenv(BenchUrl.ENVIRONMENT);
        boolean embedded = environmentUrl == null || environmentUrl.isBlank();
        long started = System.nanoTime();
        EmbeddedMariaDb server = null;
        try {
            String url;
            if (embedded) {
                System.out.println("# " + BenchUrl.ENVIRONMENT + " is not set: starting an embedded MariaDB "
                        + EmbeddedMariaDb.VERSION);
                server = EmbeddedMariaDb.start();
                url = server.url();
            } else {
                url = environmentUrl;
            }
            BenchUrl bench = BenchUrl.parse(url);
            System.out.println("# " + Stacks.CONNECTIONS + " connections per stack; " + Stacks.loops());
            System.out.println("# Database: " + bench.masked());
            Fixture.ServerInfo info = Fixture.prepare(bench);
            System.out.println("# Server " + info.version() + "; bulk-insert table ENGINE=" + info.sinkEngine()
                    + (info.blackhole() ? "" : " (no BLACKHOLE on this server: emptied before each insert)"));
            System.out.println("# ORM relationship loads, SELECTs (all statements incl. BEGIN/ROLLBACK): " + SqlCheck.verify(bench));
            String loops = LoopCheck.run(bench);
            System.out.println("# Event loops: " + loops);
            System.setProperty(BenchUrl.PROPERTY, url); // for -f 0: the benchmarks run in this JVM

            List<String> forkArgs = new ArrayList<>(cli.getJvmArgsAppend().orElse(List.of()));
            forkArgs.add("-Xms2g");
            forkArgs.add("-Xmx2g");
            if (embedded) {
                forkArgs.add("-D" + BenchUrl.PROPERTY + "=" + url); // no password: the embedded server's root
            }
            for (String property : List.of("retort.bench.colocate", "retort.bench.connections")) {
                if (System.getProperty(property) != null) {
                    forkArgs.add("-D" + property + "=" + System.getProperty(property));
                }
            }
            ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                    .jvmArgsAppend(forkArgs.toArray(String[]::new));
            if (cli.getIncludes().isEmpty()) {
                options.include(ALL);
            }
            if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals("gc") || p.getKlass().endsWith("GCProfiler"))) {
                options.addProfiler(GCProfiler.class);
            }
            if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().endsWith("CpuProfiler"))) {
                options.addProfiler(CpuProfiler.class);
            }
            if (embedded && cli.getProfilers().stream().noneMatch(p -> p.getKlass().endsWith("StatementsProfiler"))) {
                options.addProfiler(StatementsProfiler.class); // the embedded server serves this run alone
            }
            if (!cli.getResult().hasValue()) {
                options.result(out.resolve("jmh-result.json").toString());
            }
            if (!cli.getResultFormat().hasValue()) {
                options.resultFormat(ResultFormatType.JSON);
            }
            if (!cli.shouldFailOnError().hasValue()) {
                options.shouldFailOnError(true);
            }
            Summary.Run run = Summary.Run.begin(String.join(" ", args), info, loops, bench.masked(), embedded);
            Collection<RunResult> results = new Runner(options.build()).run();
            String markdown = Summary.markdown(results, run.end(Duration.ofNanos(System.nanoTime() - started)));
            Path summary = out.resolve("summary.md");
            Files.writeString(summary, markdown);
            System.out.println();
            System.out.println(markdown);
            System.out.println("# Wrote " + summary + " and " + (cli.getResult().hasValue() ? cli.getResult().get()
                    : out.resolve("jmh-result.json")));
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }


    /** {@code results/} beside the jar ({@code benchmarks/target/results}), else under the working directory. */
    private static Path defaultOutput() {
        try {
            Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.getParent().resolve("results");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("benchmark-results");
    }
}
