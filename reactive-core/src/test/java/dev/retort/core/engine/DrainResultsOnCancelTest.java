package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue #9 item 14: a cancel of a statement's results keeps reading the driver's results instead of
 * cancelling them, and every result that still arrives is read to its end. A hand-driven source
 * stands in for r2dbc-mysql; no server is involved.
 */
class DrainResultsOnCancelTest {

    @Test
    void beforeACancelEverythingPassesThrough() {
        ManualResults source = new ManualResults();
        List<Object> received = new CopyOnWriteArrayList<>();
        DrainResultsOnCancel.wrap(Flux.from(source)).subscribe(received::add, received::add, () -> received.add("complete"));
        StubResult first = new StubResult();

        source.subscriber.onNext(first);
        source.subscriber.onComplete();

        assertThat(received).containsExactly(first, "complete");
        assertThat(first.drained.get()).isFalse();
        assertThat(source.requested.get()).isEqualTo(Long.MAX_VALUE); // subscribe(...) asks for everything
    }

    @Test
    void aCancelAsksForEveryRemainingResultInsteadOfCancellingTheDriver() {
        ManualResults source = new ManualResults();
        List<Object> received = new CopyOnWriteArrayList<>();
        Disposable subscription = DrainResultsOnCancel.wrap(Flux.from(source)).limitRate(1)
                .subscribe(received::add, received::add, () -> received.add("complete"));
        assertThat(source.requested.get()).isEqualTo(1L);

        subscription.dispose();

        assertThat(source.cancelled.get()).as("the driver's results cancelled").isFalse();
        assertThat(source.requested.get()).isEqualTo(Long.MAX_VALUE);

        StubResult late = new StubResult();
        source.subscriber.onNext(late);
        source.subscriber.onError(new IllegalStateException("the statement was killed"));
        source.subscriber.onComplete();

        assertThat(late.drained.get()).as("a result arriving after the cancel is read to its end").isTrue();
        assertThat(received).as("nothing reaches the subscriber after its cancel").isEmpty();
    }

    @Test
    void theDrainReadsTheRowCountsWhichReleasesTheRows() {
        StubResult result = new StubResult();
        DrainResultsOnCancel.drain(result);
        assertThat(result.drained.get()).isTrue();
    }

    /** A publisher of driver results driven by hand, as r2dbc-mysql would emit them. */
    private static final class ManualResults implements Publisher<Result> {
        volatile Subscriber<? super Result> subscriber;
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void subscribe(Subscriber<? super Result> s) {
            subscriber = s;
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        }
    }

    /** A result that records whether its row counts were read (how the drain consumes it). */
    private static final class StubResult implements Result {
        final AtomicBoolean drained = new AtomicBoolean();

        @Override
        public Publisher<Long> getRowsUpdated() {
            return Mono.fromSupplier(() -> {
                drained.set(true);
                return 0L;
            });
        }

        @Override
        public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Result filter(Predicate<Segment> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mappingFunction) {
            throw new UnsupportedOperationException();
        }
    }
}
