package dev.retort.core.engine;

import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A checkout shielded from a cancel that arrives once the connection has been handed over.
 *
 * <p>r2dbc-pool 1.0.2 gives the pooled slot back whenever its acquisition is cancelled, even after
 * it emitted the connection: the {@code discardOnCancel} around each acquisition in
 * {@code ConnectionPool#create} releases the slot on any cancel. A caller cancelled in the instant
 * its connection arrived then went on using it (Reactor's {@code usingWhen} runs the work once it
 * has the resource), while the pool had already lent it to the next borrower: two units of work
 * on one connection. The soak test saw this about once a minute at 64 in flight with 10% cancelled.
 * An autocommit INSERT ran inside another borrower's transaction, reported success, and was rolled
 * back with that transaction. akka-persistence-r2dbc#48 met the same behaviour.
 *
 * <p>Here the hand-over and the cancel race on one state, and the first one wins:
 * <ul>
 *   <li>A cancel that wins is passed upstream: nothing was handed over, and giving back what the
 *       acquisition holds is the source's job. r2dbc-pool releases its slot on that cancel, even
 *       for a connection already on its way, and the NULL source closes a connection that arrives
 *       after it. Such a connection reaching this step is therefore discarded, not closed. Closing it
 *       would run r2dbc-pool's release again, and its release hooks (the driver's
 *       {@code preRelease}, a ROLLBACK when the server shows a transaction open) on a physical
 *       connection that may already be lent to someone else.</li>
 *   <li>A cancel that loses is not passed upstream. The caller has the connection and gives it
 *       back itself.</li>
 * </ul>
 * It must be the last step of the checkout. An operator between it and the caller that drops a
 * value arriving after a cancel (as {@code retryWhen} does) would lose a connection the caller
 * was meant to release. No IO here; subscribing subscribes the checkout.
 */
final class CheckoutHandoff<T> extends Mono<T> {

    private final Mono<? extends T> checkout;

    CheckoutHandoff(Mono<? extends T> checkout) {
        this.checkout = checkout;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        checkout.subscribe(new HandoffSubscriber<>(actual));
    }

    /** The state is the {@link AtomicInteger}: waiting, handed over or cancelled. */
    private static final class HandoffSubscriber<T> extends AtomicInteger implements CoreSubscriber<T>, Subscription {

        private static final int WAITING = 0;
        private static final int HANDED_OVER = 1;
        private static final int CANCELLED = 2;

        private final CoreSubscriber<? super T> actual;
        private Subscription upstream;

        HandoffSubscriber(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(upstream, subscription)) {
                upstream = subscription;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T connection) {
            if (compareAndSet(WAITING, HANDED_OVER)) {
                actual.onNext(connection);
            } else {
                // the source gives it back (see the class comment); a discard hook may look at it
                Operators.onDiscard(connection, actual.currentContext());
            }
        }

        @Override
        public void onError(Throwable error) {
            if (get() == CANCELLED) {
                Operators.onErrorDropped(error, actual.currentContext());
            } else {
                actual.onError(error);
            }
        }

        @Override
        public void onComplete() {
            if (get() != CANCELLED) {
                actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            if (compareAndSet(WAITING, CANCELLED)) {
                upstream.cancel();
            }
        }
    }
}
