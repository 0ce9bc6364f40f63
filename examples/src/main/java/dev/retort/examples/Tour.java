package dev.retort.examples;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.engine.EngineUrl;
import dev.retort.core.pool.PoolKind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * One run of the tour: creates a scratch database on the server, runs the chosen days in it, drops
 * it, and keeps the verdict. Each day gets this object to print, make engines on the scratch
 * database and report steps that did not behave as expected.
 *
 * <p>The tour is an application, so it waits for each step with {@code block()}; the steps
 * themselves are ordinary reactive pipelines.
 */
final class Tour {

    /** Longest a single step may take before the tour gives up on it. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final PrintStream out;
    private final EngineUrl url;
    private final List<String> failures = new ArrayList<>();

    private Tour(PrintStream out, EngineUrl url) {
        this.out = out;
        this.url = url;
    }

    /**
     * Runs {@code days} in a new scratch database on the server of {@code serverUrl} and drops it.
     *
     * @return {@link Main#OK} when every step behaved as expected, else {@link Main#FAILED}
     */
    static int run(PrintStream out, String serverUrl, List<Integer> days) {
        String scratch = "retort_tour_" + ProcessHandle.current().pid();
        Engine admin = Engine.create(serverUrl, EngineOptions.builder().poolKind(PoolKind.NULL).name("admin").build());
        Tour tour = new Tour(out, EngineUrl.parse(serverUrl).withDatabase(scratch));
        try {
            String version = tour.await(admin.execute(text("SELECT VERSION()")).scalar(String.class));
            tour.await(admin.execute(text("DROP DATABASE IF EXISTS `" + scratch + "`")).rowcount()
                    .then(admin.execute(text("CREATE DATABASE `" + scratch + "` CHARACTER SET utf8mb4")).rowcount()));
            out.println("Server " + version + "; scratch database " + scratch + " created");
        } catch (RuntimeException e) {
            out.println("❌ Cannot prepare the scratch database " + scratch + ": " + firstLine(e));
            dispose(admin);
            return Main.FAILED;
        }
        try {
            for (int day : days) {
                switch (day) {
                    case 1 -> new Day1(tour).run();
                    case 2 -> new Day2(tour).run();
                    case 3 -> new Day3(tour).run();
                    case 4 -> new Day4(tour).run();
                    case 5 -> new Day5(tour).run();
                    case 6 -> new Day6(tour).run();
                    case 7 -> new Day7(tour).run();
                    case 8 -> new Day8(tour).run();
                    case 9 -> new Day9(tour).run();
                    default -> throw new IllegalArgumentException("No day " + day);
                }
            }
        } finally {
            try {
                tour.await(admin.execute(text("DROP DATABASE IF EXISTS `" + scratch + "`")).rowcount());
                out.println("\nScratch database " + scratch + " dropped");
            } catch (RuntimeException e) {
                tour.fail("dropping the scratch database " + scratch, e);
            }
            dispose(admin);
        }
        return tour.verdict();
    }

    private int verdict() {
        if (failures.isEmpty()) {
            out.println("Tour finished: every step behaved as expected.");
            return Main.OK;
        }
        out.println("Tour finished with " + failures.size() + " unexpected step(s):");
        failures.forEach(failure -> out.println("  - " + failure));
        return Main.FAILED;
    }

    /** An engine on the scratch database with echo on, labelled {@code name} in the logs. */
    Engine engine(String name, UnaryOperator<EngineOptions.Builder> options) {
        return Engine.create(url, options.apply(EngineOptions.builder().echo(true).name(name)).build());
    }

    void println(String line) {
        out.println(line);
    }

    void section(String title) {
        out.println();
        out.println("=== " + title + " ===");
    }

    /** Waits for a step's result (the application's main thread may block). */
    <T> T await(Mono<T> step) {
        return step.block(STEP_TIMEOUT);
    }

    /** Records a step that did not behave as expected when {@code ok} is false; returns {@code ok}. */
    boolean expect(boolean ok, String step, String why) {
        if (!ok) {
            out.println("⚠️  Unexpected in " + step + ": " + why);
            failures.add(step + ": " + why);
        }
        return ok;
    }

    /** Records a step that failed with an error it should not have had. */
    void fail(String step, Throwable error) {
        expect(false, step, error.getClass().getSimpleName() + ": " + firstLine(error));
    }

    /** The first line of an error's message (Retort appends the SQL and parameters on further lines). */
    static String firstLine(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Closes engines, waiting for their pools to close. */
    static void dispose(Engine... engines) {
        for (Engine engine : engines) {
            engine.dispose().block(STEP_TIMEOUT);
        }
    }
}
