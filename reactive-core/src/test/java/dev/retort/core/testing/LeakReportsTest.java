package dev.retort.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** The leak check really sees a leaked Netty buffer (and forgets this test's own leak afterwards). */
class LeakReportsTest {

    @Test
    void aLeakedBufferIsReported() throws InterruptedException {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        int before = LeakReports.count();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(true);
            for (int round = 0; round < 50 && LeakReports.count() == before; round++) {
                leak(allocator);
                System.gc();
                Thread.sleep(20);
                ByteBuf probe = allocator.directBuffer(8); // tracking a new buffer polls for collected leaks
                probe.release();
            }
            assertThat(LeakReports.count()).as("leak reports after leaking a buffer").isGreaterThan(before);
        } finally {
            ResourceLeakDetector.setLevel(level);
            LeakReports.forgetSince(before);
        }
    }

    /** What the harness runs after each class at paranoid level: one sweep reports a buffer leaked before it. */
    @Test
    void oneSweepReportsABufferLeakedBeforeIt() {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        int before = LeakReports.count();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            leak(new UnpooledByteBufAllocator(true));
            LeakReports.sweep();
            assertThat(LeakReports.count()).as("leak reports after one sweep").isGreaterThan(before);
        } finally {
            ResourceLeakDetector.setLevel(level);
            LeakReports.forgetSince(before);
        }
    }

    private static void leak(UnpooledByteBufAllocator allocator) {
        allocator.directBuffer(64).writeInt(42);
    }
}
