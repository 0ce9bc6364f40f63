package dev.retort.core.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets BlockHound tolerate two short critical sections that the rules of Netty and Reactor miss.
 * Both guard a few instructions and never wait on IO, but can park when another thread holds the
 * lock at that moment, and BlockHound's error thrown from inside the park does harm of its own:
 *
 * <ul>
 *   <li>Netty 4.2's {@code AdaptivePoolingAllocator}: when an event loop finds every magazine busy,
 *       {@code MagazineGroup.tryExpandMagazines} grows the array and frees the old magazines, taking
 *       each one's {@code StampedLock} for writing. The error on the event loop closed the database
 *       connection whose read needed the buffer ({@code Connection unexpectedly closed}), in the
 *       cancel storm at Netty's paranoid leak level. Armeria's tests allow it too (line/armeria#6344).
 *   <li>The JDK's {@code ScheduledThreadPoolExecutor} behind {@code Schedulers.parallel()}: a timer
 *       cancelled with the remove-on-cancel policy leaves its queue through
 *       {@code DelayedWorkQueue.remove}, under the queue's {@code ReentrantLock}. Reactor allows
 *       {@code offer}, {@code take} and the cancel of its one-shot tasks, not this path for other
 *       callers (a periodic task, such as a pool's background eviction, disposed on an event loop).
 *       An error thrown from inside the lock's park leaves a dead waiter in the lock's queue: the
 *       next waiter is never woken. In one clean-clone CI run that froze a parallel worker's queue,
 *       and every {@code Mono.delay} on it, for good ({@code RetortMetricsTest} hung in
 *       {@code Mono.delay(10 ms).block()}; the event loop's thread dump still named that lock as
 *       its park blocker).
 * </ul>
 *
 * Registered through {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}.
 */
public final class ShortLockBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove");
    }
}
