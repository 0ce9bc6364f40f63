package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.result.Result;
import dev.retort.core.result.Row;
import dev.retort.core.schema.SchemaTarget;
import dev.retort.core.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway to one database: a connection pool, a dialect and the way statements are run and
 * logged. Create one per database and application with {@link #create(String, EngineOptions)};
 * it is thread-safe. Creating it opens no connection.
 *
 * <p>Every method that does IO returns a cold publisher: nothing happens until subscription, and
 * each subscription does the work again. A connection checked out for a publisher is given back
 * when it completes, errors <em>or is cancelled</em>; a transaction open at cancel is rolled back.
 *
 * <p>Inside a publisher wrapped by {@link #transactional()}, every method here joins the
 * transaction bound in the Reactor Context instead of checking out another connection. With
 * {@link EngineOptions.Builder#externalTransactions} set, the same holds inside a transaction that
 * another framework (Spring) runs on a connection from {@link #connectionFactory()}.
 *
 * <p>As a {@link SchemaTarget} the engine runs {@code metadata.createAll(engine)},
 * {@code dropAll} and {@code reflect}: it compiles the DDL through its dialect and runs it on one
 * connection, visible in the echo log.
 */
public interface Engine extends SchemaTarget {

    /** An engine with default options. See {@link #create(String, EngineOptions)}. */
    static Engine create(String url) {
        return create(url, EngineOptions.defaults());
    }

    /**
     * An engine for a URL ({@code mysql://user:pass@host:3306/db?option=value}, {@code mariadb://…},
     * {@code r2dbc:mysql://…}, {@code r2dbc:pool:mysql://…}). No connection is opened until first use.
     *
     * @throws dev.retort.core.exception.ConfigurationException for a bad URL (unknown scheme,
     *     missing host, bad port); the message masks the password
     */
    static Engine create(String url, EngineOptions options) {
        return DefaultEngine.create(EngineUrl.parse(url), options);
    }

    /**
     * An engine for an already parsed URL, e.g. {@code EngineUrl.parse(url).withDatabase("other")}.
     * No connection is opened until first use.
     */
    static Engine create(EngineUrl url, EngineOptions options) {
        return DefaultEngine.create(url, options);
    }

    /**
     * Checks out a connection, runs {@code work} with it and gives it back when the returned Mono
     * terminates or is cancelled. Like SQLAlchemy's {@code engine.connect()} the connection
     * "commits as you go": its first statement begins a transaction, {@link Connection#commit()}
     * commits it, and whatever is not committed when the work ends is rolled back.
     */
    <T> Mono<T> connect(Function<? super Connection, ? extends Mono<T>> work);

    /** {@link #connect} for work that emits many values. */
    <T> Flux<T> connectMany(Function<? super Connection, ? extends Publisher<T>> work);

    /**
     * SQLAlchemy's {@code engine.begin()}: checks out a connection, begins a transaction, runs
     * {@code work}, commits when it completes, rolls back when it errors or is cancelled. A failing
     * commit is the Mono's error.
     */
    <T> Mono<T> transaction(Function<? super Connection, ? extends Mono<T>> work);

    /** {@link #transaction(Function)} with explicit isolation level or read-only. */
    <T> Mono<T> transaction(TransactionOptions options, Function<? super Connection, ? extends Mono<T>> work);

    /** {@link #transaction(Function)} for work that emits many values. */
    <T> Flux<T> transactionMany(Function<? super Connection, ? extends Publisher<T>> work);

    /**
     * A statement run on a connection of its own for each subscription to the returned
     * {@link Result}'s publishers, in autocommit mode (or inside the bound transaction).
     */
    Result execute(Executable statement);

    /** {@link #execute(Executable)} with named parameter values. */
    Result execute(Executable statement, Map<String, ? extends @Nullable Object> parameters);

    /** {@link #execute(Executable)} once per parameter map (executemany). */
    Result execute(Executable statement, List<? extends Map<String, ? extends @Nullable Object>> parameterSets);

    /** Streams the rows of a query with backpressure: {@code execute(statement).rows()}. */
    Flux<Row> stream(Executable statement);

    /** Streams the rows of a query with named parameter values. */
    Flux<Row> stream(Executable statement, Map<String, ? extends @Nullable Object> parameters);

    /** A transactional operator with propagation REQUIRED and the engine's default options. */
    TransactionalOperator transactional();

    /**
     * The engine's pool as an R2DBC {@link io.r2dbc.spi.ConnectionFactory}, for frameworks that
     * manage transactions on R2DBC connections (Spring's {@code R2dbcTransactionManager}; Spring's
     * {@code DatabaseClient}). Always the same instance; creating it opened nothing.
     *
     * <p>{@code create()} checks a connection out of this engine's pool when subscribed (waiting at
     * most the pool timeout; cancelling while waiting leaves the queue), and the connection's
     * {@code close()} gives it back through the engine's usual release: a transaction still open is
     * rolled back, a connection whose statement was cancelled is checked (and its statement stopped
     * with {@code KILL QUERY} when it does not answer), every step bounded by the release timeout.
     * Its {@code beginTransaction}/{@code commitTransaction}/{@code rollbackTransaction} are the
     * engine's own transaction commands (shown by echo). A checkout made here counts in
     * {@link #poolStatus()} like any other, and {@link #dispose()} waits for it to be closed.
     *
     * <p>With {@link EngineOptions.Builder#externalTransactions} set, engine calls made inside a
     * transaction that a framework runs on such a connection join it; see {@link ExternalTransactions}.
     */
    io.r2dbc.spi.ConnectionFactory connectionFactory();

    /** The pool's counters now. No IO. */
    PoolStatus poolStatus();

    /**
     * The dialect of the server, detected from the first connection the engine opens; subscribing
     * opens one if none has been opened yet.
     */
    Mono<Dialect> dialect();

    /** The URL with its password masked. */
    String url();

    /** The options the engine was created with. */
    EngineOptions options();

    /**
     * Closes the pool: new checkouts are refused (callers waiting for a connection fail), idle
     * connections are closed, and checked-out connections are closed as they are given back.
     * Completes once every connection is closed, so it waits for work still running; bound it with
     * {@code timeout} when that work may not end.
     */
    Mono<Void> dispose();
}
