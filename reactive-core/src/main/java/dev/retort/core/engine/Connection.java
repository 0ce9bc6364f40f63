package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.result.Result;
import dev.retort.core.sql.Executable;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A checked-out connection, lent to the work given to {@link Engine#connect} or
 * {@link Engine#transaction}. It is valid only while that work runs; using it afterwards fails
 * with an {@link dev.retort.core.exception.InvalidRequestException}. Statements on one connection
 * run one after another: starting a statement while another's result is still being read fails at
 * once with an {@code InvalidRequestException} (the driver would otherwise queue it behind rows
 * that are only read after it answers, a deadlock). Collect the first result before the next
 * statement, or use separate connections.
 */
public interface Connection {

    /** Runs a statement on this connection; see {@link Result} for how it is read. */
    Result execute(Executable statement);

    /** Runs a statement with named parameter values. */
    Result execute(Executable statement, Map<String, ? extends @Nullable Object> parameters);

    /**
     * Runs a statement once per parameter map (executemany). Rowcounts are summed; rows and
     * generated keys are emitted in parameter order.
     */
    Result execute(Executable statement, List<? extends Map<String, ? extends @Nullable Object>> parameterSets);

    /**
     * Begins the root transaction with the engine's default options.
     *
     * @return the transaction; errors with {@code InvalidRequestException} when one is already
     *     active (use {@link #beginNested()} for a savepoint)
     */
    Mono<Transaction> begin();

    /** Begins the root transaction with explicit isolation level or read-only. */
    Mono<Transaction> begin(TransactionOptions options);

    /**
     * Begins a savepoint inside the current transaction (beginning the root transaction first if
     * there is none). Rolling it back undoes only what ran since it began.
     */
    Mono<Transaction> beginNested();

    /** Commits the current root transaction; does nothing when none is active. */
    Mono<Void> commit();

    /** Rolls the current root transaction back; does nothing when none is active. */
    Mono<Void> rollback();

    /** Whether a root transaction is active. */
    boolean inTransaction();

    /** The dialect of the server this connection talks to. */
    Dialect dialect();

    /**
     * Marks this connection as unusable: when the work ends it is closed instead of returned to the
     * pool. Statements issued after this fail.
     */
    void invalidate();
}
