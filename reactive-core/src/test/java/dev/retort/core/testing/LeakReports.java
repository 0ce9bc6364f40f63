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
 * that fails may come after the one that leaked, unless {@link #sweep()} ran at the end of the
 * class that leaked (the extension runs it after every class at paranoid level); the report names
 * the allocation site. Sampling follows {@code -Dio.netty.leakDetection.level} (the build sets
 * paranoid, which checks every buffer; Netty's default samples; see docs/RELIABILITY.md).
 */
public final class LeakReports extends AppenderBase<ILoggingEvent> {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicReference<String> FIRST = new AtomicReference<>();
    private static final int SWEEP_ROUNDS = 2;
    /** Tracking a new buffer is when Netty polls for collected ones; at paranoid level every one is tracked. */
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
     * Makes Netty report now the buffers leaked so far that nothing references any more: collects
     * garbage, then allocates and releases buffers, because Netty looks at the collected ones only
     * when it starts tracking a new one. Meant for Netty's paranoid level, where every buffer is
     * tracked. Blocks the calling thread for the GC, tens of milliseconds.
     */
    static void sweep() {
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            System.gc();
            try {
                Thread.sleep(5); // the reference handler thread enqueues what the GC found
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < SWEEP_ALLOCATIONS; i++) {
                // direct: Netty 4.2 tracks the unpooled allocator's direct buffers, not its heap ones
                UnpooledByteBufAllocator.DEFAULT.directBuffer(1).release();
            }
        }
    }

    /**
     * What the harness runs after a test class: at Netty's paranoid level, {@link #sweep()} so that
     * Netty reports what the class leaked; then {@link #assertNone()}.
     *
     * @throws AssertionError with the first report, when Netty reported a leaked buffer so far
     */
    public static void sweepAndAssertNone() {
        if (ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID) {
            sweep();
        }
        assertNone();
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
