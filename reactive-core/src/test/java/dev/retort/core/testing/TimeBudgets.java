package dev.retort.core.testing;

import io.netty.util.ResourceLeakDetector;
import java.time.Duration;

/**
 * Time budgets of tests that assert how long something takes, widened when the driver runs slower
 * for a known reason. With Netty's paranoid leak detection ({@code -Dio.netty.leakDetection.level=paranoid})
 * every buffer records where it is touched, and the driver runs several times slower: budgets are
 * then multiplied by {@link #PARANOID_FACTOR}. {@code -Dretort.test.budgetFactor=N} sets the factor
 * explicitly (for example on a machine known to be slow).
 */
public final class TimeBudgets {

    /**
     * The factor under paranoid leak detection: the cancel storm's 10,000 cancels took 93–109 s there
     * instead of 10–29 s, the 1,000,000-row stream 48–55 s instead of 6–10 s (see docs/RELIABILITY.md).
     */
    public static final double PARANOID_FACTOR = 4;

    private static final double FACTOR = readFactor();

    private TimeBudgets() {
    }

    /** The factor budgets are multiplied by in this JVM. */
    public static double factor() {
        return FACTOR;
    }

    private static double readFactor() {
        String explicit = System.getProperty("retort.test.budgetFactor");
        if (explicit != null && !explicit.isBlank()) {
            return Double.parseDouble(explicit.trim());
        }
        return paranoid() ? PARANOID_FACTOR : 1;
    }

    /** Whether Netty tracks every buffer (paranoid leak detection) in this JVM. */
    public static boolean paranoid() {
        return ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID;
    }

    /** {@code budget} multiplied by this JVM's factor. */
    public static Duration scaled(Duration budget) {
        return FACTOR == 1 ? budget : Duration.ofNanos((long) (budget.toNanos() * FACTOR));
    }
}
