package dev.retort.core.engine;

import io.r2dbc.spi.Result;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Keeps reading a statement's driver {@code Result}s after its subscriber cancelled, instead of
 * cancelling the driver's stream of results.
 *
 * <p>Why: r2dbc-mysql 1.4.3 cuts an answer into one {@code Result} per statement result with
 * reactor-core's {@code windowUntil}. When the stream of results is cancelled before the current
 * window reached its subscriber, {@code windowUntil} cancels that window and hands every row message
 * that still arrives for it, and the ones it already queued, to the discard hook of the cancelling
 * subscriber's context (or of an empty one). The driver registers its releasing hook only inside the
 * windows, so those row messages were never released: the Netty LEAK reports of
 * docs/RELIABILITY.md item 14 (asyncer-io/r2dbc-mysql#141). A discard hook of Retort's own cannot
 * release them: hooks compose, so it would also run where the driver already releases.
 *
 * <p>When: the subscriber's cancel is not passed on. This subscription asks the driver for every
 * remaining {@code Result} instead, and reads each one to its end without mapping its rows
 * ({@code getRowsUpdated()}, which releases them), the same work the driver does for the rows of the
 * result being read when it was cancelled. Nothing more reaches the subscriber: no value, no
 * completion, no error. The connection's reset after the cancel queues behind this reading, as it
 * queued behind the driver's own before.
 */
final class DrainResultsOnCancel<R extends Result> implements CoreSubscriber<R>, Subscription {

    private final CoreSubscriber<? super R> actual;
    private Subscription upstream;
    private volatile boolean cancelled;

    private DrainResultsOnCancel(CoreSubscriber<? super R> actual) {
        this.actual = actual;
    }

    static <R extends Result> Flux<R> wrap(Flux<R> results) {
        return Flux.from(subscriber -> results.subscribe(new DrainResultsOnCancel<>(Operators.toCoreSubscriber(subscriber))));
    }

    /** Reads a result nobody will read to its end, so the driver releases its rows. */
    static void drain(Result result) {
        Flux.from(result.getRowsUpdated()).subscribe(count -> { }, failed -> { });
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        upstream = subscription;
        actual.onSubscribe(this);
    }

    @Override
    public void onNext(R result) {
        if (cancelled) {
            drain(result);
            return;
        }
        actual.onNext(result);
    }

    @Override
    public void onError(Throwable error) {
        if (!cancelled) {
            actual.onError(error);
        }
    }

    @Override
    public void onComplete() {
        if (!cancelled) {
            actual.onComplete();
        }
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    @Override
    public void request(long n) {
        upstream.request(n);
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            upstream.request(Long.MAX_VALUE);
        }
    }
}
