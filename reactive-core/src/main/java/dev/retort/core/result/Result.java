package dev.retort.core.result;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outcome of executing a statement, read in the way the caller chooses. A {@code Result} is
 * cold: nothing runs until one of its publishers is subscribed, and <em>each</em> subscription runs
 * the statement once. Obtained from {@code Connection.execute} (runs on that connection) or
 * {@code Engine.execute} (checks a connection out per subscription, or joins the transaction bound
 * in the subscriber's Reactor Context).
 *
 * <p>Cancelling a subscription stops reading; the rest of the server's answer is drained (or the
 * connection invalidated) before the connection serves anything else, so the next statement on it
 * never sees stale rows. Methods that need only part of the answer ({@link #first()},
 * {@link #scalar(Class)}) cancel the rest that way.
 */
public interface Result {

    /** Streams every row, honouring backpressure: rows are read from the network as they are requested. */
    Flux<Row> rows();

    /** Streams every row mapped by {@code mapper} (called on the driver's thread; keep it cheap). */
    <T> Flux<T> map(Function<? super Row, ? extends T> mapper);

    /**
     * Streams every row as a record or class built through its constructor (see {@link RowMapper}):
     * {@code execute(select(USERS.id, USERS.name)).mapTo(UserView.class)}.
     */
    default <T> Flux<T> mapTo(Class<T> type) {
        return map(RowMapper.of(type));
    }

    /** Collects every row into a list. */
    Mono<List<Row>> all();

    /** The first row, or empty when there is none; the rest of the answer is discarded. */
    Mono<Row> first();

    /**
     * Exactly one row.
     *
     * <p>Errors: {@link dev.retort.core.exception.NoResultFoundException} when there is no row,
     * {@link dev.retort.core.exception.MultipleResultsFoundException} when there are more.
     */
    Mono<Row> one();

    /** One row, or empty when there is none; {@code MultipleResultsFoundException} when there are more. */
    Mono<Row> oneOrNone();

    /** The first column of the first row converted to {@code type}; empty when there is no row or it is NULL. */
    <T> Mono<T> scalar(Class<T> type);

    /** The first column of exactly one row; errors as {@link #one()}, empty when that value is NULL. */
    <T> Mono<T> scalarOne(Class<T> type);

    /** The first column of every row; NULL values are skipped (Reactive Streams carry no nulls). */
    <T> Flux<T> scalars(Class<T> type);

    /** Every row as a map from column label to value; NULL values are present as {@code null}. */
    Flux<Map<String, @Nullable Object>> mappings();

    /** The number of rows the statement changed (summed over all parameter sets). */
    Mono<Long> rowcount();

    /**
     * The values an INSERT generated for the auto-increment column {@code keyColumn}. On MariaDB
     * 10.5+ the statement gets a {@code RETURNING keyColumn} clause, so every inserted row reports
     * its key. On MySQL, which has no RETURNING, each executed parameter set reports one value: the
     * first id that statement generated ({@code LAST_INSERT_ID()}); a multi-row INSERT therefore
     * reports only its first id there.
     */
    Flux<Long> generatedKeys(String keyColumn);
}
