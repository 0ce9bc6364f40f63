package dev.retort.core.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets BlockHound tolerate the one lock of Netty 4.2's default buffer allocator that Netty's own
 * BlockHound rules miss.
 *
 * <p>When an event loop finds every magazine of {@code AdaptivePoolingAllocator} busy, it grows the
 * magazine array ({@code MagazineGroup.tryExpandMagazines}) and frees the old magazines, taking each
 * one's {@code StampedLock} for writing. Another thread may hold that lock for the few instructions of
 * an allocation, so the write lock can park: BlockHound reports it, and the error thrown on the event
 * loop closes the database connection whose read needed the buffer ({@code Connection unexpectedly
 * closed}). It is a short critical section that never waits on IO (Armeria's tests allow it too,
 * line/armeria#6344). Seen in the cancel storm at Netty's paranoid leak level, where allocation is
 * slow enough for the contention to happen. Registered through
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    }
}
