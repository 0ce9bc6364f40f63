package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.exception.ConfigurationException;
import dev.retort.core.exception.InvalidRequestException;
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
import java.util.Optional;
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
    /** Transactions bound by another framework, consulted where the binding finds none; null for none. */
    private final @Nullable ExternalTransactions external;
    private final EngineConnectionFactory connectionFactory;
    /** The options' listener behind its guard; {@code null} without one, so hooks cost one null check. */
    private final @Nullable GuardedListener listener;
    private volatile @Nullable Dialect dialect;

    private DefaultEngine(EngineUrl url, EngineOptions options, ConnectionFactory factory) {
        this.url = url;
        this.options = options;
        this.echo = new Echo(options);
        this.errors = new ErrorTranslator(options.hideParameters());
        EngineListener configured = options.listener();
        this.listener = configured == null ? null : new GuardedListener(configured, options.name());
        this.source = ConnectionSource.create(factory, new PoolSettings(options.poolKind(), options.poolSize(),
                options.maxOverflow(), options.poolTimeout(), options.poolRecycle(), options.idleTimeout(),
                options.prePing(), options.echoPool(), options.name()));
        this.external = options.externalTransactions();
        this.connectionFactory = new EngineConnectionFactory(this, factory.getMetadata());
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

    /** Whether {@link EngineOptions#externalTransactions()} is set (else {@link #externallyBound()} is never called). */
    boolean hasExternalTransactions() {
        return external != null;
    }

    /**
     * The transaction another framework bound to the current subscription, as the view its work
     * joins, or an empty Optional. Subscribe only when {@link #hasExternalTransactions()}.
     */
    Mono<Optional<JoinedConnection>> externallyBound() {
        ExternalTransactions lookup = java.util.Objects.requireNonNull(external, "external");
        return lookup.boundConnection(this).map(this::join).defaultIfEmpty(Optional.empty());
    }

    private Optional<JoinedConnection> join(io.r2dbc.spi.Connection bound) {
        if (bound instanceof LentConnection lent && lent.engine() == this) {
            return Optional.of(new JoinedConnection(lent.connection(), lent::markRollbackOnly));
        }
        throw new InvalidRequestException("The transaction bound to this subscription runs on " + bound
                + ", which is not a connection of this engine: an engine joins only transactions on connections "
                + "from its own connectionFactory() (" + this + ")");
    }

    /**
     * The view that work joining a transaction this engine bound gets: its commit leaves the
     * transaction to its owner, and its rollback makes the owner's commit roll back and fail.
     */
    private static JoinedConnection joined(DefaultConnection bound) {
        return new JoinedConnection(bound, bound::markRollbackOnly);
    }

    @Nullable GuardedListener listener() {
        return listener;
    }

    @Override
    public EngineOptions options() {
        return options;
    }

    @Override
    public String url() {
        return url.toString();
    }

    /** Checks a connection out ({@link #acquire}), reporting the wait to the listener if there is one. */
    Mono<DefaultConnection> checkout(boolean autobegin) {
        return listener == null ? acquire(autobegin) : listener.checkout(acquire(autobegin));
    }

    /**
     * Checks a connection out; errors other than pool timeouts become operational errors naming the
     * (masked) URL. A cancel that comes once the connection was handed over is kept from the pool
     * ({@link CheckoutHandoff}: the last step but the listener's peek, so nothing after it drops
     * the connection).
     */
    private Mono<DefaultConnection> acquire(boolean autobegin) {
        return new CheckoutHandoff<>(source.acquire()
                .onErrorMap(error -> errors.connectFailure(error, url.toString()))
                .map(driver -> new DefaultConnection(this, driver, dialectOf(driver.getMetadata()), autobegin)));
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

    /** Gives a connection back ({@link #resetAndRelease}), reporting the time it was held to the listener if there is one. */
    Mono<Void> release(DefaultConnection connection) {
        return listener == null ? resetAndRelease(connection) : listener.release(connection, resetAndRelease(connection));
    }

    /**
     * Gives a connection back: reset it (bounded by the release timeout), then release it, or
     * {@linkplain #discard discard} it when the reset failed. Every step is bounded, so a release
     * always completes and the pool never keeps a slot checked out.
     */
    private Mono<Void> resetAndRelease(DefaultConnection connection) {
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
            if (bound != null) {
                return work.apply(joined(bound));
            }
            if (external == null) {
                return withConnectionMono(true, work);
            }
            return externallyBound().flatMap(joined -> joined.isPresent()
                    ? work.apply(joined.get()) : withConnectionMono(true, work));
        });
    }

    @Override
    public <T> Flux<T> connectMany(Function<? super Connection, ? extends Publisher<T>> work) {
        return Flux.deferContextual(context -> {
            DefaultConnection bound = binding.boundIn(context);
            if (bound != null) {
                return Flux.from(work.apply(joined(bound)));
            }
            if (external == null) {
                return withConnection(true, work);
            }
            return externallyBound().flatMapMany(joined -> joined.isPresent()
                    ? Flux.from(work.apply(joined.get())) : withConnection(true, work));
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
            if (bound != null) {
                return work.apply(joined(bound));
            }
            if (external == null) {
                return inNewTransactionMono(transactionOptions, work);
            }
            return externallyBound().flatMap(joined -> joined.isPresent()
                    ? work.apply(joined.get()) : inNewTransactionMono(transactionOptions, work));
        });
    }

    @Override
    public <T> Flux<T> transactionMany(Function<? super Connection, ? extends Publisher<T>> work) {
        return Flux.deferContextual(context -> {
            DefaultConnection bound = binding.boundIn(context);
            if (bound != null) {
                return Flux.from(work.apply(joined(bound)));
            }
            if (external == null) {
                return inNewTransaction(TransactionOptions.DEFAULT, work);
            }
            return externallyBound().flatMapMany(joined -> joined.isPresent()
                    ? Flux.from(work.apply(joined.get())) : inNewTransaction(TransactionOptions.DEFAULT, work));
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
                    if (bound != null) {
                        return bound.runCompiled(execution, keyColumn, readers);
                    }
                    if (external == null) {
                        return withConnection(false, connection -> connection.runCompiled(execution, keyColumn, readers));
                    }
                    return externallyBound().flatMapMany(joined -> joined.isPresent()
                            ? joined.get().connection().runCompiled(execution, keyColumn, readers)
                            : withConnection(false, connection -> connection.runCompiled(execution, keyColumn, readers)));
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
    public ConnectionFactory connectionFactory() {
        return connectionFactory;
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
