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

    @Test
    void onlyReadBufferLeaksAreTolerated() {
        String read = "LEAK: ByteBuf.release() was not called\nCreated at:\n"
                + "\tio.netty.channel.DefaultMaxMessagesRecvByteBufAllocator$MaxMessageHandle.allocate(DefaultMaxMessagesRecvByteBufAllocator.java:120)\n";
        // Netty prints the access records first and "Created at" last: only the allocation site counts
        String other = "LEAK: ByteBuf.release() was not called\nRecent access records:\n"
                + "#1:\n\tio.netty.channel.DefaultMaxMessagesRecvByteBufAllocator$MaxMessageHandle.allocate(X.java:1)\n"
                + "Created at:\n\tio.netty.buffer.UnpooledByteBufAllocator.directBuffer(UnpooledByteBufAllocator.java:1)\n";
        // a packet that spans two socket reads is copied into the decoder's cumulation buffer first
        String cumulated = "LEAK: ByteBuf.release() was not called\nCreated at:\n"
                + "\tio.netty.buffer.AbstractByteBufAllocator.buffer(AbstractByteBufAllocator.java:96)\n"
                + "\tio.netty.handler.codec.ByteToMessageDecoder.expandCumulation(ByteToMessageDecoder.java:578)\n";
        assertThat(LeakReports.isReadBufferLeak(read)).isTrue();
        assertThat(LeakReports.isReadBufferLeak(cumulated)).isTrue();
        assertThat(LeakReports.isReadBufferLeak(other)).isFalse();
        assertThat(LeakReports.isReadBufferLeak("LEAK: no records")).isFalse();
    }

    private static void leak(UnpooledByteBufAllocator allocator) {
        allocator.directBuffer(64).writeInt(42);
    }
}
