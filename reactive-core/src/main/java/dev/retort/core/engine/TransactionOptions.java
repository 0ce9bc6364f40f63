package dev.retort.core.engine;

import org.jspecify.annotations.Nullable;

/**
 * How a transaction begins: its isolation level (null: the engine's default, else the server's)
 * and whether it is read-only. Immutable.
 */
public record TransactionOptions(@Nullable IsolationLevel isolationLevel, boolean readOnly) {

    /** The engine's defaults. */
    public static final TransactionOptions DEFAULT = new TransactionOptions(null, false);

    public static TransactionOptions isolation(IsolationLevel level) {
        return new TransactionOptions(level, false);
    }

    public static TransactionOptions readOnlyTransaction() {
        return new TransactionOptions(null, true);
    }

    public TransactionOptions withIsolation(@Nullable IsolationLevel level) {
        return new TransactionOptions(level, readOnly);
    }

    public TransactionOptions withReadOnly(boolean value) {
        return new TransactionOptions(isolationLevel, value);
    }
}
