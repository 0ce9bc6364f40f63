package dev.retort.core.engine;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The Reactor Context entry through which a transaction's connection reaches nested calls. The key
 * is private to one engine, so two engines never join each other's transactions.
 */
final class TransactionBinding {

    private final Object key = new Object() {
        @Override
        public String toString() {
            return "retort.transaction";
        }
    };

    /** The connection bound in {@code context} for this engine, or {@code null}. */
    @Nullable DefaultConnection boundIn(ContextView context) {
        return context.getOrDefault(key, null);
    }

    /** A Context change that binds {@code connection}. */
    Function<Context, Context> bind(DefaultConnection connection) {
        return context -> context.put(key, connection);
    }
}
