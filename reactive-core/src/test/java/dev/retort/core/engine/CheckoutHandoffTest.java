package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

/**
 * Issue #9, item 15: a checkout cancelled as its connection arrives. The acquisition here is a
 * hand-driven publisher, so the connection can be emitted before, after or at the same time as the
 * cancel; r2dbc-pool 1.0.2 would give the slot back on a cancel that came after the hand-over,
 * while the caller used the connection (the soak's lost autocommit write). A connection that
 * arrives after a cancel that won is the acquisition's to give back: it is discarded here, never
 * handed over and never closed a second time.
 */
class CheckoutHandoffTest {

    private final List<Connection> discarded = new CopyOnWriteArrayList<>();

    @Test
    void aCancelBeforeTheConnectionArrivesStopsTheAcquisitionAndALateConnectionIsDiscardedNotHandedOver() {
        HandDriven acquisition = new HandDriven();
        Holder holder = subscribe(acquisition);

        holder.cancel();
        Connection late = connection();
        acquisition.emit(late);

        assertThat(acquisition.cancelled).isTrue();
        assertThat(holder.received).isNull();
        assertThat(discarded).containsExactly(late);
    }

    @Test
    void aCancelAfterTheHandOverIsNotPassedToTheAcquisition() {
        HandDriven acquisition = new HandDriven();
        Holder holder = subscribe(acquisition);
        Connection connection = connection();

        acquisition.emit(connection);
        holder.cancel();

        assertThat(holder.received).isSameAs(connection);
        assertThat(acquisition.cancelled).as("r2dbc-pool would release the slot on this cancel").isFalse();
        assertThat(discarded).isEmpty();
    }

    @Test
    void anErrorAfterTheCancelIsDroppedAndAnErrorBeforeItReachesTheSubscriber() {
        HandDriven cancelledFirst = new HandDriven();
        Holder quiet = subscribe(cancelledFirst);
        quiet.cancel();
        cancelledFirst.fail(new IllegalStateException("late"));
        assertThat(quiet.error).isNull();

        HandDriven failing = new HandDriven();
        Holder told = subscribe(failing);
        failing.fail(new IllegalStateException("pool timeout"));
        assertThat(told.error).hasMessage("pool timeout");
    }

    @Test
    void racingTheHandOverAgainstTheCancelGivesEachConnectionToExactlyOneSide() throws Exception {
        for (int round = 0; round < 5_000; round++) {
            discarded.clear();
            HandDriven acquisition = new HandDriven();
            Holder holder = subscribe(acquisition);
            Connection connection = connection();
            CyclicBarrier start = new CyclicBarrier(2);
            Thread canceller = new Thread(() -> {
                await(start);
                holder.cancel();
            });
            canceller.start();
            await(start);
            acquisition.emit(connection);
            canceller.join();

            boolean handedOver = holder.received == connection;
            boolean dropped = discarded.contains(connection);
            assertThat(handedOver ^ dropped).as("round %d: handed over %s, discarded %s", round, handedOver, dropped)
                    .isTrue();
            // the acquisition is cancelled only when nobody got the connection
            assertThat(acquisition.cancelled).as("round %d", round).isEqualTo(!handedOver);
        }
    }

    private Holder subscribe(HandDriven acquisition) {
        Holder holder = new Holder();
        new CheckoutHandoff<>(Mono.fromDirect(acquisition)).doOnDiscard(Connection.class, discarded::add).subscribe(holder);
        return holder;
    }

    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(CheckoutHandoffTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "stub connection";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
    }

    /** The subscriber a checkout hands its connection to. */
    private static final class Holder extends BaseSubscriber<Connection> {
        volatile Connection received;
        volatile Throwable error;

        @Override
        protected void hookOnNext(Connection value) {
            received = value;
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error = throwable;
        }
    }

    /**
     * An acquisition that emits when told, like r2dbc-pool's: it keeps emitting after a cancel
     * (a connection already on its way is not called back).
     */
    private static final class HandDriven implements Publisher<Connection> {
        private final AtomicReference<Subscriber<? super Connection>> subscriber = new AtomicReference<>();
        volatile boolean cancelled;

        @Override
        public void subscribe(Subscriber<? super Connection> s) {
            subscriber.set(s);
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }

        void emit(Connection connection) {
            subscriber.get().onNext(connection);
            subscriber.get().onComplete();
        }

        void fail(Throwable error) {
            subscriber.get().onError(error);
        }
    }
}
