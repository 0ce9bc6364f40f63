package dev.retort.core.engine;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * One statement watched for the engine's listener: started when made (as the statement is
 * subscribed), rows counted as the reader reads them, and exactly one {@link StatementEvent} at
 * the first of complete, error or cancel. Made only when a listener is set.
 */
final class StatementProbe {

    private final GuardedListener listener;
    private final String sql;
    private final long started = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Rows read plus update counts read; -1 until the first driver result arrives. Written by one signal at a time. */
    private volatile long rows = -1;

    StatementProbe(GuardedListener listener, String sql) {
        this.listener = listener;
        this.sql = sql;
    }

    /** {@code reader} reading through a counting view of each driver result. */
    <X> Function<Result, Publisher<X>> counting(Function<Result, Publisher<X>> reader) {
        return result -> {
            if (rows < 0) {
                rows = 0;
            }
            return reader.apply(new CountingResult(result));
        };
    }

    /** {@code statement} reporting its end to the listener. */
    <X> Flux<X> watch(Flux<X> statement) {
        return statement
                .doOnComplete(() -> finish(StatementEvent.Outcome.SUCCESS, null))
                .doOnError(error -> finish(StatementEvent.Outcome.ERROR, error))
                .doOnCancel(() -> finish(StatementEvent.Outcome.CANCELLED, null));
    }

    private void finish(StatementEvent.Outcome outcome, @Nullable Throwable error) {
        if (finished.compareAndSet(false, true)) {
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            listener.statementFinished(new StatementEvent(StatementKind.of(sql), sql, duration, outcome, rows, error));
        }
    }

    private void add(long count) {
        rows += count;
    }

    /** A driver result that counts what is read through it: rows mapped and update counts. */
    private final class CountingResult implements Result {

        private final Result result;

        CountingResult(Result result) {
            this.result = result;
        }

        @Override
        public Publisher<Long> getRowsUpdated() {
            return Flux.from(result.getRowsUpdated()).doOnNext(StatementProbe.this::add);
        }

        @Override
        public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
            return result.map((row, metadata) -> {
                add(1);
                return mappingFunction.apply(row, metadata);
            });
        }

        @Override
        public <T> Publisher<T> map(Function<? super Readable, ? extends T> mappingFunction) {
            return result.map(readable -> {
                add(1);
                return mappingFunction.apply(readable);
            });
        }

        @Override
        public Result filter(Predicate<Segment> filter) {
            return new CountingResult(result.filter(filter));
        }

        @Override
        public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mappingFunction) {
            return result.flatMap(segment -> {
                if (segment instanceof RowSegment) {
                    add(1);
                } else if (segment instanceof UpdateCount count) {
                    add(count.value());
                }
                return mappingFunction.apply(segment);
            });
        }
    }
}
