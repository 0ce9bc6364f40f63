package dev.retort.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Netty's buffer-leak reports ({@code LEAK: …} on {@code io.netty.util.ResourceLeakDetector}),
 * attached by {@code logback-test.xml}. {@link DatabaseExtension} fails the test class after which a
 * report was seen. Netty notices a leak when the leaked buffer is garbage-collected, so the class
 * that fails may come after the one that leaked, unless {@link #sweep()} ran at the end of the
 * class that leaked (the extension runs it after every class at paranoid level, and after the
 * classes marked {@link KnownDriverReadLeaks} at every level); the report names the allocation
 * site. Sampling follows {@code -Dio.netty.leakDetection.level} (Netty's default samples; paranoid
 * checks every buffer, see docs/RELIABILITY.md).
 */
public final class LeakReports extends AppenderBase<ILoggingEvent> {

    /**
     * Where the buffers a socket read lands in are allocated, in the report's "Created at" record:
     * the read buffer itself, or the decoder's cumulation buffer, into which a packet that spans two
     * reads is copied before r2dbc-mysql slices its row messages from it.
     */
    private static final List<String> READ_BUFFER_SITES =
            List.of("MaxMessageHandle.allocate(", "ByteToMessageDecoder.expandCumulation(");
    private static final List<Report> REPORTS = new CopyOnWriteArrayList<>();
    private static final int SWEEP_ROUNDS = 2;
    /** Tracking a new buffer is when Netty polls for collected ones; at the sampling levels 1 in 128 is tracked. */
    private static final int SWEEP_ALLOCATIONS = 1_024;

    private record Report(String text, boolean tolerated) {
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message != null && message.startsWith("LEAK:")) {
            REPORTS.add(new Report(message, false));
        }
    }

    /** Leak reports seen so far in this JVM, tolerated ones included. */
    public static int count() {
        return REPORTS.size();
    }

    /** Forgets the reports after the first {@code count} (for the harness's own self-test, which leaks on purpose). */
    static void forgetSince(int count) {
        while (REPORTS.size() > count) {
            REPORTS.remove(REPORTS.size() - 1);
        }
    }

    /**
     * Makes Netty report now the buffers leaked so far that nothing references any more: collects
     * garbage, then allocates and releases buffers, because Netty looks at the collected ones only
     * when it starts tracking a new one. Blocks the calling thread for the GC, tens of milliseconds.
     */
    public static void sweep() {
        int allocations = ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID ? 16 : SWEEP_ALLOCATIONS;
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            System.gc();
            try {
                Thread.sleep(5); // the reference handler thread enqueues what the GC found
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < allocations; i++) {
                UnpooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
            }
        }
    }

    /**
     * Marks the reports since {@code mark} whose buffer a socket read landed in as tolerated: the
     * driver leak of docs/RELIABILITY.md item 14 (row messages of a transaction cancelled by a timer,
     * sliced from the read or cumulation buffer and dropped unreleased by r2dbc-mysql 1.4.3), which Retort cannot
     * contain yet. Every other report still fails. Returns how many were marked.
     */
    static int tolerateDriverReadLeaksSince(int mark) {
        int tolerated = 0;
        for (int i = mark; i < REPORTS.size(); i++) {
            Report report = REPORTS.get(i);
            if (!report.tolerated() && isReadBufferLeak(report.text())) {
                REPORTS.set(i, new Report(report.text(), true));
                tolerated++;
            }
        }
        return tolerated;
    }

    static boolean isReadBufferLeak(String report) {
        int created = report.indexOf("Created at:");
        return created >= 0 && READ_BUFFER_SITES.stream().anyMatch(site -> report.indexOf(site, created) >= 0);
    }

    /**
     * Fails when a leak report that is not tolerated was seen in this JVM.
     *
     * @throws AssertionError with the first such report
     */
    public static void assertNone() {
        List<String> failing = REPORTS.stream().filter(report -> !report.tolerated()).map(Report::text).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError(failing.size() + " Netty buffer leak report(s) so far; the first:\n" + failing.get(0));
        }
    }
}
