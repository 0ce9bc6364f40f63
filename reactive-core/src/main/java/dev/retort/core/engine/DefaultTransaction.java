package dev.retort.core.engine;

import dev.retort.core.exception.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A root transaction (savepoint name {@code null}) or a savepoint on a {@link DefaultConnection}.
 * State changes happen when the commit/rollback Mono is subscribed; the connection does the IO.
 */
final class DefaultTransaction implements Transaction {

    private final DefaultConnection connection;
    private final @Nullable String savepoint;
    private final @Nullable DefaultTransaction parent;
    private volatile boolean ended;

    DefaultTransaction(DefaultConnection connection, @Nullable String savepoint, @Nullable DefaultTransaction parent) {
        this.connection = connection;
        this.savepoint = savepoint;
        this.parent = parent;
    }

    @Override
    public Mono<Void> commit() {
        return Mono.defer(() -> {
            ensureActive("commit");
            ended = true;
            return savepoint == null ? connection.commitRoot(this) : connection.releaseSavepoint(savepoint);
        });
    }

    @Override
    public Mono<Void> rollback() {
        return Mono.defer(() -> {
            ensureActive("roll back");
            ended = true;
            return savepoint == null ? connection.rollbackRoot(this) : connection.rollbackToSavepoint(savepoint);
        });
    }

    private void ensureActive(String action) {
        if (!isActive()) {
            throw new InvalidRequestException("Cannot " + action + " " + describe()
                    + ": it has already been committed or rolled back");
        }
    }

    @Override
    public boolean isActive() {
        return !ended && (parent == null ? connection.isRoot(this) : parent.isActive());
    }

    @Override
    public boolean isNested() {
        return savepoint != null;
    }

    /** Marks the transaction finished without IO (the connection ended it). */
    void end() {
        ended = true;
    }

    private String describe() {
        return savepoint == null ? "the transaction" : "savepoint " + savepoint;
    }

    @Override
    public String toString() {
        return (savepoint == null ? "Transaction" : "Savepoint " + savepoint) + (isActive() ? " (active)" : " (ended)");
    }
}
