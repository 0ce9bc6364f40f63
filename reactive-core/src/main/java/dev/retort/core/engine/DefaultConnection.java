package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.result.Result;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.Executable;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

/**
 * A driver connection lent to one unit of work. Tracks the root transaction and savepoints, runs
 * statements with logging and error translation, and remembers whether a statement was cancelled
 * so that the engine checks the connection before it is reused.
 */
final class DefaultConnection implements Connection {

    /** How long a cancelled statement may keep the connection busy before Retort kills it on the server. */
    static final Duration INTERRUPT_GRACE = Duration.ofMillis(250);

    /** The flag in {@link #gate} set when the connection starts being given back. */
    private static final int GIVEN_BACK = 1 << 30;

    private final DefaultEngine engine;
    private final io.r2dbc.spi.Connection driver;
    private final Dialect dialect;
    private final boolean autobegin;
    private volatile @Nullable DefaultTransaction root;
    private @Nullable Mono<Void> pendingBegin;
    /**
     * The gate between this connection's users and the driver: {@link #GIVEN_BACK} once the release
     * began, plus how many driver calls are being subscribed right now (see {@link #toDriver}).
     */
    private final AtomicInteger gate = new AtomicInteger();
    /** Completed by the last driver call that leaves the gate after the release closed it. */
    private final Sinks.Empty<Void> gateDrained = Sinks.empty();
    /** Set by joined work that rolled back ({@link #markRollbackOnly()}); read by {@link #commitIfActive()}. */
    private volatile boolean rollbackOnly;
    private volatile boolean invalid;
    private volatile boolean interrupted;
    /** Whether a statement's result is being read; a second statement then fails fast. */
    private final AtomicBoolean running = new AtomicBoolean();
    private int savepoints;
    /** When the checkout handed this connection over ({@code System.nanoTime()}); set only with a listener. */
    volatile long checkedOutNanos;

    DefaultConnection(DefaultEngine engine, io.r2dbc.spi.Connection driver, Dialect dialect, boolean autobegin) {
        this.engine = engine;
        this.driver = driver;
        this.dialect = dialect;
        this.autobegin = autobegin;
    }

    io.r2dbc.spi.Connection driver() {
        return driver;
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
                return DefaultConnection.this.runCompiled(execution, keyColumn, readers);
            }
        });
    }

    /**
     * Runs an execution on this connection, beginning the implicit transaction first when this
     * connection commits as it goes. Cancelling marks the connection for a check before reuse.
     */
    <X> Flux<X> run(Execution execution, @Nullable String keyColumn, Function<io.r2dbc.spi.Result, Publisher<X>> reader) {
        return runCompiled(execution, keyColumn, compiled -> reader);
    }

    /**
     * Runs an execution, reading each statement's driver results with the reader made for its
     * compiled form (which knows the result columns). The execution may become several statements:
     * an INSERT without values run with many parameter maps is rewritten into multi-row INSERTs
     * ({@link ExecutemanyPlan}).
     */
    <X> Flux<X> runCompiled(Execution execution, @Nullable String keyColumn,
            Function<Compiled, Function<io.r2dbc.spi.Result, Publisher<X>>> readers) {
        return Flux.defer(() -> {
            ensureUsable();
            List<ExecutemanyPlan.Step> steps = ExecutemanyPlan.plan(execution, keyColumn, dialect);
            if (!running.compareAndSet(false, true)) {
                // The driver would queue this statement behind the unfinished result, whose rows
                // may only be read once this statement answers: a deadlock. Fail fast instead.
                return Flux.error(new InvalidRequestException("This connection is still reading the result of another "
                        + "statement; a connection runs one statement at a time. Finish or collect the first result "
                        + "(e.g. collectList()) before the next statement, or run them on separate connections "
                        + "(engine.execute outside a transaction)."));
            }
            return autobegin().thenMany(Flux.fromIterable(steps)
                            .concatMap(step -> sendObserved(step, readers.apply(step.compiled()))))
                    // cleared before the terminal signal travels on, so a statement chained after
                    // this one (then/concatMap) finds the connection free
                    .doOnTerminate(() -> running.set(false))
                    .doOnCancel(() -> running.set(false));
        });
    }

    /**
     * The implicit BEGIN of a commit-as-you-go connection, sent once: statements subscribed while
     * it is in flight wait for it instead of sending another.
     */
    private Mono<Void> autobegin() {
        if (!autobegin) {
            return Mono.empty();
        }
        synchronized (this) {
            if (root != null) {
                return pendingBegin == null ? Mono.empty() : pendingBegin;
            }
            Mono<Void> begin = beginRoot(TransactionOptions.DEFAULT, true).then().cache();
            pendingBegin = begin;
            return begin;
        }
    }

    /**
     * Sends one statement, watched for the engine's listener when there is one; without one this is
     * {@link #send} as it is (no clock read, no allocation).
     */
    private <X> Flux<X> sendObserved(ExecutemanyPlan.Step step, Function<io.r2dbc.spi.Result, Publisher<X>> reader) {
        GuardedListener listener = engine.listener();
        if (listener == null) {
            return send(step.compiled(), step.bindings(), step.driverKeyColumn(), reader);
        }
        StatementProbe probe = new StatementProbe(listener, step.compiled().sql());
        return probe.watch(send(step.compiled(), step.bindings(), step.driverKeyColumn(), probe.counting(reader)));
    }

    private <X> Flux<X> send(Compiled compiled, List<List<@Nullable Object>> bindings, @Nullable String keyColumn,
            Function<io.r2dbc.spi.Result, Publisher<X>> reader) {
        String sql = compiled.sql();
        boolean parameterised = !compiled.parameterNames().isEmpty();
        Echo echo = engine.echo();
        long started = System.nanoTime();
        echo.statement(sql, bindings);
        Flux<io.r2dbc.spi.Result> results;
        // a cancel keeps reading the driver's results instead of cancelling them (DrainResultsOnCancel)
        if (parameterised || bindings.size() == 1) {
            results = DrainResultsOnCancel.wrap(
                    toDriver(() -> bind(driver.createStatement(sql), bindings, parameterised, keyColumn).execute()));
        } else {
            // no placeholders but several parameter sets: run the statement once per set
            results = Flux.range(0, bindings.size())
                    .concatMap(i -> DrainResultsOnCancel.wrap(
                            toDriver(() -> bind(driver.createStatement(sql), List.of(List.of()), false, keyColumn).execute())));
        }
        return results.concatMap(reader)
                // a Result the driver emits after a cancel is dropped by concatMap without being read;
                // r2dbc-mysql 1.4.3 then never releases the row buffers it already queued for it
                // (Netty LEAK reports at paranoid level in the cancel storm and the soak; an unread
                // Result leaks, mirromutth/r2dbc-mysql#84): read it to its end instead
                .doOnDiscard(io.r2dbc.spi.Result.class, DrainResultsOnCancel::drain)
                .onErrorMap(error -> engine.errors().translate(error, sql, bindings.size() == 1 ? bindings.get(0) : bindings))
                .doOnComplete(() -> echo.finished(started, "done"))
                .doOnError(error -> echo.finished(started, "failed"))
                .doOnCancel(() -> {
                    interrupted = true;
                    echo.finished(started, "cancelled");
                });
    }

    private static Statement bind(Statement statement, List<List<@Nullable Object>> bindings, boolean parameterised,
            @Nullable String keyColumn) {
        if (parameterised) {
            for (int set = 0; set < bindings.size(); set++) {
                if (set > 0) {
                    statement.add();
                }
                List<@Nullable Object> values = bindings.get(set);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value == null) {
                        statement.bindNull(i, Object.class);
                    } else {
                        statement.bind(i, value);
                    }
                }
            }
        }
        if (keyColumn != null) {
            statement.returnGeneratedValues(keyColumn);
        }
        return statement;
    }

    @Override
    public Mono<Transaction> begin() {
        return begin(TransactionOptions.DEFAULT);
    }

    @Override
    public Mono<Transaction> begin(TransactionOptions options) {
        return Mono.defer(() -> {
            ensureUsable();
            if (root != null) {
                return Mono.error(new InvalidRequestException("A transaction is already begun on this connection; "
                        + "commit or roll it back first, or use beginNested() for a savepoint"));
            }
            return beginRoot(options, false);
        });
    }

    private Mono<Transaction> beginRoot(TransactionOptions options, boolean implicit) {
        TransactionOptions effective = options.isolationLevel() == null && engine.options().isolationLevel() != null
                ? options.withIsolation(engine.options().isolationLevel())
                : options;
        Definition definition = new Definition(effective);
        DefaultTransaction transaction = new DefaultTransaction(this, null, null);
        root = transaction;
        savepoints = 0;
        return Mono.defer(() -> {
            engine.echo().control(definition.describe() + (implicit ? " (implicit)" : ""));
            return toDriver(() -> driver.beginTransaction(definition))
                    .then()
                    .doOnCancel(this::markInterrupted)
                    .onErrorMap(error -> {
                        root = null;
                        return engine.errors().translate(error, "BEGIN", null);
                    })
                    .thenReturn(transaction);
        });
    }

    @Override
    public Mono<Transaction> beginNested() {
        return Mono.defer(() -> {
            ensureUsable();
            Mono<Transaction> outer = root != null ? Mono.just(root) : beginRoot(TransactionOptions.DEFAULT, true);
            return outer.flatMap(parent -> {
                String name = "sp_" + (++savepoints);
                engine.echo().control("SAVEPOINT " + name);
                return toDriver(() -> driver.createSavepoint(name))
                        .then()
                        .onErrorMap(error -> engine.errors().translate(error, "SAVEPOINT " + name, null))
                        .thenReturn(new DefaultTransaction(this, name, (DefaultTransaction) parent));
            });
        });
    }

    @Override
    public Mono<Void> commit() {
        return Mono.defer(() -> {
            DefaultTransaction current = root;
            return current == null ? Mono.empty() : current.commit();
        });
    }

    @Override
    public Mono<Void> rollback() {
        return Mono.defer(() -> {
            DefaultTransaction current = root;
            return current == null ? Mono.empty() : current.rollback();
        });
    }

    /**
     * A statement or transaction command was cancelled before its answer, or the driver connection
     * was used outside Retort's bookkeeping ({@link LentConnection}): check the connection before reuse.
     */
    void markInterrupted() {
        interrupted = true;
    }

    /** Whether a statement was cancelled or is still being read: the release must check the connection. */
    boolean needsCheck() {
        return interrupted || running.get();
    }

    boolean isRoot(DefaultTransaction transaction) {
        return root == transaction;
    }

    Mono<Void> commitRoot(DefaultTransaction transaction) {
        ensureUsable();
        // The transaction stays this connection's root until the COMMIT answered. A COMMIT refused
        // because the connection is being given back leaves it to the release's ROLLBACK. So does a
        // COMMIT cancelled before it answered: r2dbc-mysql drops a cancelled request that is still
        // queued, so the COMMIT may never have been sent, and the connection must not be lent with
        // the transaction open (the next borrower's autocommit writes would join it). The release's
        // rollback is sent only if the server's last status shows a transaction open, so after a
        // COMMIT that did run it is a no-op.
        return toDriver(() -> {
                    engine.echo().control("COMMIT");
                    return driver.commitTransaction();
                })
                .then()
                .doOnSuccess(done -> endRoot(transaction))
                .doOnCancel(this::markInterrupted)
                .onErrorMap(error -> {
                    if (!(error instanceof InvalidRequestException)) {
                        invalid = true; // the transaction's fate is unknown; never reuse this connection
                    }
                    return engine.errors().translate(error, "COMMIT", null);
                });
    }

    Mono<Void> rollbackRoot(DefaultTransaction transaction) {
        ensureUsable();
        // like the COMMIT above: the root ends once the ROLLBACK answered
        return toDriver(() -> {
                    engine.echo().control("ROLLBACK");
                    return driver.rollbackTransaction();
                })
                .then()
                .doOnSuccess(done -> endRoot(transaction))
                .doOnCancel(this::markInterrupted)
                .onErrorMap(error -> {
                    if (!(error instanceof InvalidRequestException)) {
                        invalid = true;
                    }
                    return engine.errors().translate(error, "ROLLBACK", null);
                });
    }

    private synchronized void endRoot(DefaultTransaction transaction) {
        transaction.end();
        if (root == transaction) {
            root = null;
            pendingBegin = null;
        }
    }

    /** {@code SAVEPOINT name} with a name chosen by the caller (a framework's transaction manager). */
    Mono<Void> savepoint(String name) {
        return Mono.defer(() -> {
            ensureUsable();
            engine.echo().control("SAVEPOINT " + name);
            return toDriver(() -> driver.createSavepoint(name))
                    .then()
                    .onErrorMap(error -> engine.errors().translate(error, "SAVEPOINT " + name, null));
        });
    }

    Mono<Void> releaseSavepoint(String name) {
        ensureUsable();
        engine.echo().control("RELEASE SAVEPOINT " + name);
        return toDriver(() -> driver.releaseSavepoint(name))
                .then()
                .onErrorMap(error -> engine.errors().translate(error, "RELEASE SAVEPOINT " + name, null));
    }

    Mono<Void> rollbackToSavepoint(String name) {
        ensureUsable();
        engine.echo().control("ROLLBACK TO SAVEPOINT " + name);
        return toDriver(() -> driver.rollbackTransactionToSavepoint(name))
                .then()
                .onErrorMap(error -> engine.errors().translate(error, "ROLLBACK TO SAVEPOINT " + name, null));
    }

    /** Commits the root transaction if one is active (end of {@code engine.transaction}). */
    Mono<Void> commitIfActive() {
        return Mono.defer(() -> {
            DefaultTransaction current = root;
            if (current == null) {
                return Mono.empty();
            }
            if (rollbackOnly) {
                rollbackOnly = false;
                return current.rollback().then(Mono.error(new InvalidRequestException("Transaction rolled back "
                        + "instead of committed: work that joined it rolled back (Connection.rollback(), or an ORM "
                        + "session whose work failed) and marked it rollback-only")));
            }
            return current.commit();
        });
    }

    /**
     * Work that joined this connection's transaction rolled back: {@link #commitIfActive()} rolls
     * back and fails instead of committing. No IO.
     */
    void markRollbackOnly() {
        rollbackOnly = true;
    }

    /**
     * Makes the connection fit for the next borrower: first closes the gate, so no statement of
     * this connection's users reaches the driver any more (a call already inside it has queued its
     * request before anything sent here), then rolls back a transaction left open and, after a
     * cancelled statement, checks with a round trip that the connection answers. Completes with
     * {@code true} when it may be reused. Bounded by the engine's release timeout.
     */
    Mono<Boolean> reset() {
        return Mono.defer(() -> {
            Mono<Void> drained = closeGate();
            if (drained == null) {
                return rollbackAndCheck();
            }
            return drained.timeout(engine.options().releaseTimeout()).then(Mono.defer(this::rollbackAndCheck));
        }).onErrorReturn(false);
    }

    /**
     * The reset proper, once the gate is closed: the transaction state read here is final. With
     * nothing to roll back or check it answers at once, without IO or a timer.
     */
    private Mono<Boolean> rollbackAndCheck() {
        if (invalid) {
            return Mono.just(false);
        }
        if (root == null && !interrupted && !running.get()) {
            return Mono.just(true);
        }
        Mono<Void> rollback = Mono.empty();
        DefaultTransaction current = root;
        if (current != null) {
            engine.echo().control("ROLLBACK (reset)");
            endRoot(current);
            rollback = Mono.from(driver.rollbackTransaction());
        }
        // a statement still being read here was queued before the gate closed by a subscriber that
        // outlived the scope: like a cancelled one, the ping waits behind it (or kills it)
        if (!interrupted && !running.get()) {
            return rollback.then(Mono.fromSupplier(() -> !invalid))
                    .timeout(engine.options().releaseTimeout())
                    .onErrorReturn(false);
        }
        // A cancelled statement may still be running on the server, and everything sent now
        // waits behind it. If the rollback and ping have not answered within the grace period,
        // stop the statement with KILL QUERY from a side connection (r2dbc-mysql#347).
        Mono<Boolean> answered = rollback.then(Mono.from(driver.validate(ValidationDepth.REMOTE)));
        AtomicBoolean killed = new AtomicBoolean();
        return Mono.defer(() -> {
                    Disposable kill = Mono.delay(INTERRUPT_GRACE)
                            .doOnNext(tick -> killed.set(true))
                            .then(engine.interrupt(driver))
                            .onErrorResume(failed -> Mono.empty())
                            .subscribe();
                    return answered.doFinally(signal -> kill.dispose());
                })
                .timeout(engine.options().releaseTimeout())
                .onErrorReturn(false)
                // once a KILL QUERY is on its way it may land after the ping answered, on
                // whatever runs next: a connection it was sent for is never reused
                .map(healthy -> healthy && !killed.get())
                .map(healthy -> healthy && !invalid);
    }

    /**
     * A call on the driver connection that may start only while the connection is lent.
     * r2dbc-mysql queues a request while its publisher is being subscribed (one exchange per
     * statement or transaction command, sent in the order they were queued). Here the check that
     * the connection was not given back and that subscription happen inside the gate, and
     * {@link #reset()} closes the gate before it reads the transaction state and waits for the calls
     * still inside it. So a request is either queued before everything the release sends, or
     * refused with {@link InvalidRequestException} without reaching the driver: a statement chained
     * in a cancelled transaction can no longer run after the release's ROLLBACK, on a connection
     * already given back.
     */
    private <T> Flux<T> toDriver(Supplier<? extends Publisher<? extends T>> call) {
        return Flux.from(subscriber -> {
            if (!enterGate()) {
                Operators.error(subscriber, givenBack());
                return;
            }
            try {
                Publisher<? extends T> publisher;
                try {
                    publisher = call.get();
                } catch (RuntimeException failed) {
                    Operators.error(subscriber, failed);
                    return;
                }
                publisher.subscribe(subscriber);
            } finally {
                leaveGate();
            }
        });
    }

    private boolean enterGate() {
        for (;;) {
            int state = gate.get();
            if ((state & GIVEN_BACK) != 0) {
                return false;
            }
            if (gate.compareAndSet(state, state + 1)) {
                return true;
            }
        }
    }

    private void leaveGate() {
        if (gate.decrementAndGet() == GIVEN_BACK) {
            gateDrained.tryEmitEmpty();
        }
    }

    /**
     * Closes the gate (compare-and-set, so no driver call starts after it). Returns {@code null}
     * when no driver call was inside it, else a Mono that completes once the calls that were
     * inside have queued their requests.
     */
    private @Nullable Mono<Void> closeGate() {
        int before = gate.getAndUpdate(state -> state | GIVEN_BACK);
        return (before & ~GIVEN_BACK) == 0 ? null : gateDrained.asMono();
    }

    private boolean isGivenBack() {
        return (gate.get() & GIVEN_BACK) != 0;
    }

    private static InvalidRequestException givenBack() {
        return new InvalidRequestException("This connection has been given back to the pool; use it only inside "
                + "the function passed to connect() or transaction()");
    }

    @Override
    public boolean inTransaction() {
        return root != null;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void invalidate() {
        invalid = true;
    }

    private void ensureUsable() {
        if (isGivenBack()) {
            throw givenBack();
        }
        if (invalid) {
            throw new InvalidRequestException("This connection has been invalidated and cannot run statements");
        }
    }

    @Override
    public String toString() {
        return "Connection@" + Integer.toHexString(System.identityHashCode(driver)) + (inTransaction() ? " (in transaction)" : "");
    }
}
