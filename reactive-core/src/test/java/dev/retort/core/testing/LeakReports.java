package dev.retort.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts Netty's buffer-leak reports ({@code LEAK: …} on {@code io.netty.util.ResourceLeakDetector}),
 * attached by {@code logback-test.xml}. {@link DatabaseExtension} fails the test class after which a
 * report was seen. Netty notices a leak when the leaked buffer is garbage-collected, so the class
 * that fails may come after the one that leaked, unless {@link #sweep()} ran after each class (the
 * extension calls it; it works at the paranoid level); the report names the
 * allocation site. Sampling
 * follows {@code -Dio.netty.leakDetection.level} (Netty's default samples; paranoid checks every
 * buffer, see docs/RELIABILITY.md).
 */
public final class LeakReports extends AppenderBase<ILoggingEvent> {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicReference<String> FIRST = new AtomicReference<>();
    private static final int SWEEP_ROUNDS = 2;
    private static final int SWEEP_ALLOCATIONS = 16;

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
     * At Netty's paranoid level, makes Netty report now the buffers leaked so far that nothing
     * references any more: collects garbage, then allocates and releases buffers, because Netty
     * looks at the collected ones only when it starts tracking a new one (at paranoid level, every
     * allocation). Blocks the calling thread for the GC, tens of milliseconds. At the sampling levels it does
     * nothing: there, in a CI run, it surfaced one sampled leak of a database connection's network
     * read buffer in the soak, the kind of driver leak Retort cannot contain yet (docs/RELIABILITY.md,
     * item 14), which would fail builds now and then; paranoid runs are where those are counted.
     */
    public static void sweep() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            return;
        }
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            System.gc();
            try {
                Thread.sleep(5); // the reference handler thread enqueues what the GC found
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < SWEEP_ALLOCATIONS; i++) {
                UnpooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
            }
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
