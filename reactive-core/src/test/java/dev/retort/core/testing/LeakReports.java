package dev.retort.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts Netty's buffer-leak reports ({@code LEAK: …} on {@code io.netty.util.ResourceLeakDetector}),
 * attached by {@code logback-test.xml}. {@link DatabaseExtension} fails the test class after which a
 * report was seen. Netty notices a leak when the leaked buffer is garbage-collected, so the class
 * that fails may come after the one that leaked; the report names the allocation site. Sampling
 * follows {@code -Dio.netty.leakDetection.level} (Netty's default samples; paranoid checks every
 * buffer, see docs/RELIABILITY.md).
 */
public final class LeakReports extends AppenderBase<ILoggingEvent> {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicReference<String> FIRST = new AtomicReference<>();

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message != null && message.startsWith("LEAK:")) {
            COUNT.incrementAndGet();
            FIRST.compareAndSet(null, message);
        }
    }

    /** Leak reports seen so far in this JVM. */
    public static int count() {
        return COUNT.get();
    }

    /** Forgets the reports after the first {@code count} (for the harness's own self-test, which leaks on purpose). */
    static void forgetSince(int count) {
        COUNT.set(count);
        if (count == 0) {
            FIRST.set(null);
        }
    }

    /**
     * Fails when any leak report was seen in this JVM.
     *
     * @throws AssertionError with the first report
     */
    public static void assertNone() {
        if (COUNT.get() > 0) {
            throw new AssertionError(COUNT.get() + " Netty buffer leak report(s) so far; the first:\n" + FIRST.get());
        }
    }
}
