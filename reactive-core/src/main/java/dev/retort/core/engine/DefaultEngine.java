package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.exception.ConfigurationException;
import dev.retort.core.pool.ConnectionSource;
import dev.retort.core.pool.PoolSettings;
import dev.retort.core.pool.PoolStatus;
import dev.retort.core.result.Result;
import dev.retort.core.result.Row;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.Executable;
import io.asyncer.r2dbc.mysql.api.MySqlConnectionMetadata;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The engine: a {@link ConnectionSource}, the detected dialect, and the connection scopes. */
final class DefaultEngine implements Engine {

    /**
     * Driver options Retort sets unless the URL says otherwise: no Nagle delay, and the session time
     * zone pinned to UTC so TIMESTAMP values convert to {@code Instant} the same way on every
     * connection whatever the JVM's or server's zone (see {@code TimestampType}).
     */
    private static final Map<String, String> DRIVER_DEFAULTS = Map.of("tcpNoDelay", "true",
            "connectionTimeZone", "UTC", "forceConnectionTimeZoneToSession", "true");

    private final EngineUrl url;
    private final EngineOptions options;
    private final ConnectionSource source;
    private final Echo echo;
    private final ErrorTranslator errors;
    private final TransactionBinding binding = new TransactionBinding();
    private volatile @Nullable Dialect dialect;

    private DefaultEngine(EngineUrl url, EngineOptions options, ConnectionFactory factory) {
        this.url = url;
        this.options = options;
        this.echo = new Echo(options);
        this.errors = new ErrorTranslator(options.hideParameters());
        this.source = ConnectionSource.create(factory, new PoolSettings(options.poolKind(), options.poolSize(),
                options.maxOverflow(), options.poolTimeout(), options.poolRecycle(), options.idleTimeout(),
                options.prePing(), options.echoPool(), options.name()));
    }

    static DefaultEngine create(EngineUrl url, EngineOptions options) {
        java.util.Objects.requireNonNull(url, "url");
        java.util.Objects.requireNonNull(options, "options");
        ConnectionFactoryOptions.Builder driverOptions = ConnectionFactoryOptions.builder()
                .from(url.toConnectionFactoryOptions(options.connectTimeout()));
        DRIVER_DEFAULTS.forEach((name, value) -> {
            if (!url.options().containsKey(name)) {
                driverOptions.option(Option.valueOf(name), value);
            }
        });
        ConnectionFactory factory;
        try {
            factory = ConnectionFactories.get(driverOptions.build());
        } catch (RuntimeException refused) {
            throw new ConfigurationException("The driver refused the options of " + url + ": " + refused.getMessage());
        }
        return new DefaultEngine(url, options, factory);
    }

    Echo echo() {
        return echo;
    }

    ErrorTranslator errors() {
        return errors;
    }

    TransactionBinding binding() {
        return binding;
    }

    @Override
    public EngineOptions options() {
        return options;
    }

    @Override
    public String url() {
        return url.toString();
    }

    /** Checks a connection out; errors other than pool timeouts become operational errors naming the (masked) URL. */
    Mono<DefaultConnection> checkout(boolean autobegin) {
        return source.acquire()
                .onErrorMap(error -> errors.connectFailure(error, url.toString()))
                .map(driver -> new DefaultConnection(this, driver, dialectOf(driver.getMetadata()), autobegin));
    }

    private Dialect dialectOf(ConnectionMetadata metadata) {
        Dialect known = dialect;
        if (known == null) {
            boolean mariaDb = metadata instanceof MySqlConnectionMetadata mysql && mysql.isMariaDb();
            known = MySqlDialect.forServer(metadata.getDatabaseVersion(), mariaDb);
            dialect = known;
        }
        return known;
    }

    /** Stops whatever statement the driver connection's server thread is running (see {@code ConnectionSource}). */
    Mono<Void> interrupt(io.r2dbc.spi.Connection driver) {
        return source.interruptStatement(driver);
    }

    /**
     * Gives a connection back: reset it (bounded by the release timeout), then release it, or
     * {@linkplain #discard discard} it when the reset failed. Every step is bounded, so a release
     * always completes and the pool never keeps a slot checked out.
     */
    Mono<Void> release(DefaultConnection connection) {
        Duration bound = options.releaseTimeout();
        return connection.reset().flatMap(healthy -> healthy
                ? source.release(connection.driver())
                : discard(connection.driver(), bound));
    }

    /**
     * Gives back a connection that must not be reused. It is invalidated first: the pool closes it,
     * and r2dbc-mysql queues the close behind a cancelled result it is still reading, so the rest of
     * that result is read and its buffers released before the socket closes. A {@code KILL} at once
     * would close the socket under rows still arriving, and r2dbc-mysql 1.4.3 then clears the rows
     * queued in its response sink without releasing them (Netty LEAK reports in the cancel storm).
     * So the connection is ended on the server only when it is still open one release timeout later:
     * a request the server never answers (r2dbc-mysql#349) would otherwise keep it, and its close,
     * hanging. The KILL runs in the background; the returned Mono completes once invalidated.
     */
    private Mono<Void> discard(io.r2dbc.spi.Connection pooled, Duration bound) {
        io.r2dbc.spi.Connection driver = pooled instanceof Wrapped<?> wrapped
                && wrapped.unwrap() instanceof io.r2dbc.spi.Connection inner ? inner : pooled;
        return source.invalidate(pooled).timeout(bound).onErrorResume(failed -> Mono.empty())
                .doFinally(signal -> Mono.delay(bound)
                        .filterWhen(tick -> Mono.from(driver.validate(ValidationDepth.LOCAL)))
                        .flatMap(stillOpen -> source.killConnection(pooled).timeout(bound))
                        .subscribe(done -> { }, failed -> { }));
    }

    /** A connection scope: the work runs on a fresh connection released on every outcome. */
    <T> Flux<T> withConnection(boolean autobegin, Function<? super DefaultConnection, ? extends Publisher<T>> work) {
        return Flux.usingWhen(checkout(autobegin), work, this::release, (connection, error) -> release(connection),
                this::release);
    }

    <T> Mono<T> withConnectionMono(boolean autobegin, Function<? super DefaultConnection, ? extends Mono<T>> work) {
        return Mono.usingWhen(checkout(autobegin), work, this::release, (connection, error) -> release(connection),
                this::release);
    }

    /**
     * A transaction scope on a new connection: begin, run the work with the connection bound in the
     * Context, commit when it completes, roll back on error and cancel, release in every case. The
     * commit is the last step of the returned sequence (not resource cleanup), so a failing commit
     * is the sequence's own error.
     */
    <T> Flux<T> inNewTransaction(TransactionOptions transactionOptions,
            Function<? super DefaultConnection, ? extends Publisher<T>> work) {
        return Flux.usingWhen(checkout(false),
                connection -> connection.begin(transactionOptions)
                        .thenMany(Flux.defer(() -> work.apply(connection)))
                        .concatWith(connection.commitIfActive().then(Mono.empty()))
                        .contextWrite(binding.bind(connection)),
                // on error and cancel, release() rolls the open transaction back within the release timeout
                this::release, (connection, error) -> release(connection), this::release);
    }

    <T> Mono<T> inNewTransactionMono(TransactionOptions transactionOptions,
            Function<? super DefaultConnection, ? extends Mono<T>> work) {
        return Mono.usingWhen(checkout(false),
                connection -> connection.begin(transactionOptions)
                        .then(Mono.defer(() -> work.apply(connection)))
                        .flatMap(value -> connection.commitIfActive().thenReturn(value))
                        .switchIfEmpty(Mono.defer(() -> connection.commitIfActive().then(Mono.empty())))
                        .contextWrite(binding.bind(connection)),
                // on error and cancel, release() rolls the open transaction back within the release timeout
                this::release, (connection, error) -> release(connection), this::release);
    }

    @Override
    public <T> Mono<T> connect(Function<? super Connection, ? extends Mono<T>> work) {
        return Mono.deferContextual(context -> {
            DefaultConnection bound = binding.boundIn(context);
            return bound != null ? work.apply(bound) : withConnectionMono(true, work);
        });
    }

    @Override
    public <T> Flux<T> connectMany(Function<? super Connection, ? extends Publisher<T>> work) {
        return Flux.deferContextual(context -> {
            DefaultConnection bound = binding.boundIn(context);
            return bound != null ? Flux.from(work.apply(bound)) : withConnection(true, work);
        });
    }

    @Override
    public <T> Mono<T> transaction(Function<? super Connection, ? extends Mono<T>> work) {
        return transaction(TransactionOptions.DEFAULT, work);
    }

    @Override
    public <T> Mono<T> transaction(TransactionOptions transactionOptions,
            Function<? super Connection, ? extends Mono<T>> work) {
        return Mono.deferContextual(context -> {
            DefaultConnection bound = binding.boundIn(context);
            return bound != null ? work.apply(bound) : inNewTransactionMono(transactionOptions, work);
        });
    }

    @Override
    public <T> Flux<T> transactionMany(Function<? super Connection, ? extends Publisher<T>> work) {
        return Flux.deferContextual(context -> {
            DefaultConnection bound = binding.boundIn(context);
            return bound != null ? Flux.from(work.apply(bound)) : inNewTransaction(TransactionOptions.DEFAULT, work);
        });
    }

    @Override
    public Result execute(Executable statement) {
        return execute(statement, List.of(Map.of()));
    }

    @Override
    public Result execute(Executable statement, Map<String, ? extends @Nullable Object> parameters) {
        return execute(statement, List.of(parameters));
    }

    @Override
    public Result execute(Executable statement, List<? extends Map<String, ? extends @Nullable Object>> parameterSets) {
        Execution execution = Execution.of(statement, parameterSets);
        return new DefaultResult(new DefaultResult.Runner() {
            @Override
            public <X> Flux<X> run(@Nullable String keyColumn,
                    Function<Compiled, Function<io.r2dbc.spi.Result, Publisher<X>>> readers) {
                return Flux.deferContextual(context -> {
                    DefaultConnection bound = binding.boundIn(context);
                    return bound != null
                            ? bound.runCompiled(execution, keyColumn, readers)
                            : withConnection(false, connection -> connection.runCompiled(execution, keyColumn, readers));
                });
            }
        });
    }

    @Override
    public Flux<Row> stream(Executable statement) {
        return execute(statement).rows();
    }

    @Override
    public Flux<Row> stream(Executable statement, Map<String, ? extends @Nullable Object> parameters) {
        return execute(statement, parameters).rows();
    }

    @Override
    public Mono<Void> createTables(List<Table> tables, boolean checkFirst) {
        return new SchemaRunner(this).create(List.copyOf(tables), checkFirst);
    }

    @Override
    public Mono<Void> dropTables(List<Table> tables, boolean checkFirst) {
        return new SchemaRunner(this).drop(List.copyOf(tables), checkFirst);
    }

    @Override
    public Mono<List<Table>> reflectTables(MetaData metadata, List<String> tableNames) {
        return new Reflector(this).reflect(metadata, List.copyOf(tableNames));
    }

    @Override
    public TransactionalOperator transactional() {
        return new DefaultTransactionalOperator(this, Propagation.REQUIRED, TransactionOptions.DEFAULT);
    }

    @Override
    public PoolStatus poolStatus() {
        return source.status();
    }

    @Override
    public Mono<Dialect> dialect() {
        return Mono.defer(() -> {
            Dialect known = dialect;
            return known != null ? Mono.just(known) : withConnectionMono(false, connection -> Mono.just(connection.dialect()));
        });
    }

    @Override
    public Mono<Void> dispose() {
        return source.dispose();
    }

    @Override
    public String toString() {
        return "Engine(" + url + ")";
    }
}
