package dev.retort.core.engine;

import dev.retort.core.exception.InvalidRequestException;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A connection of the engine's pool lent through {@link Engine#connectionFactory()} as an R2DBC SPI
 * connection, for a framework's transaction manager. It is a checkout like any other: transaction
 * commands go through its {@link DefaultConnection} (so the engine knows the transaction state, the
 * echo log shows them, and engine calls that join it through {@link ExternalTransactions} see it),
 * and {@link #close()} gives it back through the engine's release (rollback of anything left open,
 * check after a cancelled statement, bounded by the release timeout).
 *
 * <p>Statements created directly on it ({@link #createStatement}, {@link #createBatch}) go to the
 * driver connection; a cancel of their results keeps reading what is left, as for Retort's own
 * statements ({@link DrainResultsOnCancel}), and the release always checks the connection with a
 * round trip, since Retort cannot see whether their results were read to the end. Session settings
 * that would outlive the checkout (auto-commit off, session isolation level, lock wait and
 * statement timeouts) are refused.
 */
final class LentConnection implements io.r2dbc.spi.Connection {

    private final DefaultEngine engine;
    private final DefaultConnection connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set by joined Retort work that rolled back: the owner's commit must roll back instead. */
    private volatile boolean rollbackOnly;
    /** A rollback left to the release because a statement was cancelled (see {@link #rollbackTransaction()}). */
    private volatile boolean rollbackDeferred;

    LentConnection(DefaultEngine engine, DefaultConnection connection) {
        this.engine = engine;
        this.connection = connection;
    }

    DefaultEngine engine() {
        return engine;
    }

    DefaultConnection connection() {
        return connection;
    }

    /** Joined work rolled back: the transaction must not commit. No IO. */
    void markRollbackOnly() {
        rollbackOnly = true;
    }

    boolean isRollbackOnly() {
        return rollbackOnly;
    }

    @Override
    public Publisher<Void> beginTransaction() {
        return beginTransaction(TransactionOptions.DEFAULT);
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        TransactionOptions options = TransactionOptions.DEFAULT;
        io.r2dbc.spi.IsolationLevel isolation = definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
        if (isolation != null) {
            options = options.withIsolation(isolationOf(isolation));
        }
        if (Boolean.TRUE.equals(definition.getAttribute(TransactionDefinition.READ_ONLY))) {
            options = options.withReadOnly(true);
        }
        return beginTransaction(options);
    }

    private Mono<Void> beginTransaction(TransactionOptions options) {
        return Mono.defer(() -> {
            Mono<Void> previous = Mono.empty();
            if (rollbackDeferred) {
                rollbackDeferred = false;
                previous = connection.rollback();
            }
            rollbackOnly = false;
            return previous.then(connection.begin(options)).then();
        });
    }

    private static IsolationLevel isolationOf(io.r2dbc.spi.IsolationLevel level) {
        for (IsolationLevel candidate : IsolationLevel.values()) {
            if (candidate.sql().equalsIgnoreCase(level.asSql())) {
                return candidate;
            }
        }
        throw new InvalidRequestException("Unsupported isolation level " + level.asSql());
    }

    /**
     * Commits, or — when joined Retort work marked the transaction rollback-only — rolls back and
     * fails with {@link InvalidRequestException}, so the owner learns that nothing was committed.
     */
    @Override
    public Publisher<Void> commitTransaction() {
        return Mono.defer(() -> {
            if (rollbackDeferred) {
                return Mono.error(new InvalidRequestException("The transaction was already rolled back"));
            }
            if (rollbackOnly) {
                rollbackOnly = false;
                return connection.rollback().then(Mono.error(new InvalidRequestException("Transaction rolled back "
                        + "instead of committed: Retort work inside it rolled back (Connection.rollback(), or an ORM "
                        + "session whose work failed) and marked it rollback-only")));
            }
            return connection.commit();
        });
    }

    /**
     * Rolls back. After a cancelled statement whose answer may still be on its way (the usual case
     * when the owner rolls back because its subscriber cancelled), the ROLLBACK would wait behind
     * that statement for as long as the server runs it; then this completes at once and leaves the
     * rollback to {@link #close()}, whose reset rolls back and stops the statement
     * ({@code KILL QUERY}) when it does not answer within a short grace period.
     */
    @Override
    public Publisher<Void> rollbackTransaction() {
        return Mono.defer(() -> {
            rollbackOnly = false;
            if (connection.inTransaction() && connection.needsCheck()) {
                rollbackDeferred = true;
                return Mono.empty();
            }
            return connection.rollback();
        });
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
        return connection.savepoint(name);
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        return Mono.defer(() -> connection.releaseSavepoint(name));
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        return Mono.defer(() -> connection.rollbackToSavepoint(name));
    }

    @Override
    public Statement createStatement(String sql) {
        ensureOpen();
        connection.markInterrupted();
        return new DrainingStatement(connection.driver().createStatement(sql));
    }

    @Override
    public Batch createBatch() {
        ensureOpen();
        connection.markInterrupted();
        return new DrainingBatch(connection.driver().createBatch());
    }

    /** Gives the connection back to the engine's pool (once; later calls complete at once). */
    @Override
    public Publisher<Void> close() {
        return Mono.defer(() -> closed.compareAndSet(false, true) ? engine.release(connection) : Mono.empty());
    }

    /** Retort never turns auto-commit off: true exactly when no transaction is open. */
    @Override
    public boolean isAutoCommit() {
        return !connection.inTransaction();
    }

    /**
     * {@code true} is accepted and does nothing (Retort connections commit every statement outside a
     * transaction; one still open is rolled back at {@link #close()}, never committed); {@code false}
     * is refused: begin a transaction instead.
     */
    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return autoCommit ? Mono.empty() : refused("setAutoCommit(false); begin a transaction instead");
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return connection.driver().getMetadata();
    }

    @Override
    public io.r2dbc.spi.IsolationLevel getTransactionIsolationLevel() {
        return connection.driver().getTransactionIsolationLevel();
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(io.r2dbc.spi.IsolationLevel isolationLevel) {
        return refused("a session isolation level; pass it in the transaction definition instead");
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        return refused("a session lock wait timeout");
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        return refused("a session statement timeout");
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        return closed.get() ? Mono.just(false) : connection.driver().validate(depth);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new InvalidRequestException("This connection has been closed (given back to the engine's pool)");
        }
    }

    private static Mono<Void> refused(String what) {
        return Mono.error(new InvalidRequestException("A connection of a Retort engine's pool does not take " + what
                + ": the setting would outlive the checkout and reach the pool's next borrower"));
    }

    @Override
    public String toString() {
        return "Retort" + connection;
    }
}
