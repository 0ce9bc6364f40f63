package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.result.Result;
import dev.retort.core.sql.Executable;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The view of a connection whose transaction another scope owns, handed to the work of one
 * {@code engine.connect} / {@code engine.transaction} call that joined it: a transaction bound by
 * Retort itself ({@code engine.transactional()}, {@code engine.transaction}) or by another
 * framework ({@link ExternalTransactions}). Statements run on the owner's connection; the
 * transaction itself is left to its owner, as SQLAlchemy's session does in its "rollback_only"
 * join mode:
 *
 * <ul>
 *   <li>{@link #begin()} opens a participating transaction without IO; {@link #commit()} ends it
 *       without IO (the owner commits);</li>
 *   <li>{@link #rollback()} marks the owner's transaction rollback-only: its commit rolls back
 *       and fails;</li>
 *   <li>{@link #beginNested()} is a real savepoint inside the owner's transaction;</li>
 *   <li>{@link #inTransaction()} tells whether a participating transaction begun here is open, so
 *       code that rolls back "what it left uncommitted" when it ends (an ORM session closing)
 *       leaves the owner's transaction alone.</li>
 * </ul>
 */
final class JoinedConnection implements Connection {

    private final DefaultConnection connection;
    private final Runnable markOwnerRollbackOnly;
    private volatile @Nullable Participation participation;

    /**
     * @param connection the owner's connection
     * @param markOwnerRollbackOnly what makes the owner's commit roll back and fail (no IO)
     */
    JoinedConnection(DefaultConnection connection, Runnable markOwnerRollbackOnly) {
        this.connection = connection;
        this.markOwnerRollbackOnly = markOwnerRollbackOnly;
    }

    DefaultConnection connection() {
        return connection;
    }

    /** Marks the owner's transaction rollback-only (no IO). */
    void markRollbackOnly() {
        markOwnerRollbackOnly.run();
    }

    @Override
    public Result execute(Executable statement) {
        return connection.execute(statement);
    }

    @Override
    public Result execute(Executable statement, Map<String, ? extends @Nullable Object> parameters) {
        return connection.execute(statement, parameters);
    }

    @Override
    public Result execute(Executable statement, List<? extends Map<String, ? extends @Nullable Object>> parameterSets) {
        return connection.execute(statement, parameterSets);
    }

    @Override
    public Mono<Transaction> begin() {
        return begin(TransactionOptions.DEFAULT);
    }

    /** A participating transaction: no IO; the options are those of the owner's transaction. */
    @Override
    public Mono<Transaction> begin(TransactionOptions options) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                Participation current = participation;
                if (current != null && current.isActive()) {
                    throw new InvalidRequestException("A transaction is already begun on this connection; "
                            + "commit or roll it back first, or use beginNested() for a savepoint");
                }
                Participation started = new Participation();
                participation = started;
                return started;
            }
        });
    }

    @Override
    public Mono<Transaction> beginNested() {
        return connection.beginNested();
    }

    @Override
    public Mono<Void> commit() {
        return Mono.fromRunnable(this::endParticipation);
    }

    @Override
    public Mono<Void> rollback() {
        return Mono.fromRunnable(() -> {
            endParticipation();
            markRollbackOnly();
        });
    }

    private void endParticipation() {
        Participation current = participation;
        if (current != null) {
            current.ended = true;
        }
    }

    @Override
    public boolean inTransaction() {
        Participation current = participation;
        return current != null && current.isActive();
    }

    @Override
    public Dialect dialect() {
        return connection.dialect();
    }

    @Override
    public void invalidate() {
        connection.invalidate();
    }

    @Override
    public String toString() {
        return connection + " (joined)";
    }

    /** A transaction begun on the view: ending it does no IO; rolling it back marks the owner's rollback-only. */
    private final class Participation implements Transaction {

        private volatile boolean ended;

        @Override
        public Mono<Void> commit() {
            return Mono.fromRunnable(() -> end("commit"));
        }

        @Override
        public Mono<Void> rollback() {
            return Mono.fromRunnable(() -> {
                end("roll back");
                markRollbackOnly();
            });
        }

        private void end(String action) {
            if (ended) {
                throw new InvalidRequestException("Cannot " + action + " the transaction: it has already been "
                        + "committed or rolled back");
            }
            ended = true;
        }

        @Override
        public boolean isActive() {
            return JoinedConnection.this.participation == this && !ended && connection.inTransaction();
        }

        @Override
        public boolean isNested() {
            return false;
        }
    }
}
