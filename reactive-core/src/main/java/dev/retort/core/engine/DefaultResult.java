package dev.retort.core.engine;

import dev.retort.core.exception.MultipleResultsFoundException;
import dev.retort.core.exception.NoResultFoundException;
import dev.retort.core.result.Result;
import dev.retort.core.result.Row;
import dev.retort.core.result.RowReader;
import dev.retort.core.sql.Compiled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link Result} over a {@link Runner} that runs the statement once per subscription: on a lent
 * connection, or on a connection of the engine's checked out for that subscription.
 */
final class DefaultResult implements Result {

    /** Runs the statement and reads each driver result with {@code reader}. */
    interface Runner {
        /** Runs the statement; {@code readers} makes the reader of each compiled statement's results. */
        <X> Flux<X> run(@Nullable String keyColumn, Function<Compiled, Function<io.r2dbc.spi.Result, Publisher<X>>> readers);
    }

    private final Runner runner;

    DefaultResult(Runner runner) {
        this.runner = runner;
    }

    @Override
    public Flux<Row> rows() {
        return runner.run(null, compiled -> {
            RowReader reader = new RowReader(compiled.resultColumns());
            return result -> result.map(reader::read);
        });
    }

    @Override
    public <T> Flux<T> map(Function<? super Row, ? extends T> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return rows().map(mapper);
    }

    @Override
    public Mono<List<Row>> all() {
        return rows().collectList();
    }

    /**
     * Reads the whole answer but copies only its first {@code keep} rows; later rows are counted,
     * not decoded. Reading to the end, instead of cancelling, keeps the connection in step without
     * a check before reuse.
     */
    private Mono<Head> head(int keep) {
        return Mono.defer(() -> {
            Head head = new Head(keep);
            return runner.run(null, compiled -> {
                RowReader reader = new RowReader(compiled.resultColumns());
                return result -> result.map((row, metadata) -> head.offer(reader, row, metadata));
            }).then(Mono.just(head));
        });
    }

    /** The first rows of an answer and how many rows it had. */
    private static final class Head {
        private final int keep;
        private final List<Row> rows = new ArrayList<>(2);
        private long count;

        Head(int keep) {
            this.keep = keep;
        }

        Boolean offer(RowReader reader, io.r2dbc.spi.Row row, io.r2dbc.spi.RowMetadata metadata) {
            if (count++ < keep) {
                rows.add(reader.read(row, metadata));
            }
            return Boolean.TRUE;
        }
    }

    @Override
    public Mono<Row> first() {
        return head(1).mapNotNull(head -> head.rows.isEmpty() ? null : head.rows.get(0));
    }

    @Override
    public Mono<Row> one() {
        return oneOrNone().switchIfEmpty(Mono.error(() -> new NoResultFoundException(
                "No row was found when one was required")));
    }

    @Override
    public Mono<Row> oneOrNone() {
        return head(1).flatMap(head -> {
            if (head.count > 1) {
                return Mono.error(new MultipleResultsFoundException("Multiple rows (" + head.count
                        + ") were found when one or none was required"));
            }
            return Mono.justOrEmpty(head.rows.isEmpty() ? null : head.rows.get(0));
        });
    }

    @Override
    public <T> Mono<T> scalar(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return first().mapNotNull(row -> row.get(0, type));
    }

    @Override
    public <T> Mono<T> scalarOne(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return one().mapNotNull(row -> row.get(0, type));
    }

    @Override
    public <T> Flux<T> scalars(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return rows().mapNotNull(row -> row.get(0, type));
    }

    @Override
    public Flux<Map<String, @Nullable Object>> mappings() {
        return rows().map(Row::toMap);
    }

    @Override
    public Mono<Long> rowcount() {
        return runner.run(null, compiled -> io.r2dbc.spi.Result::getRowsUpdated).reduce(0L, Long::sum);
    }

    @Override
    public Flux<Long> generatedKeys(String keyColumn) {
        Objects.requireNonNull(keyColumn, "keyColumn");
        return runner.run(keyColumn, compiled -> result -> Flux.from(result.map((row, metadata) -> Optional.ofNullable(row.get(0, Number.class))))
                .mapNotNull(key -> key.map(Number::longValue).orElse(null)));
    }
}
