package dev.retort.spring;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.ExternalTransactions;
import io.r2dbc.spi.Connection;
import org.springframework.r2dbc.connection.ConnectionHolder;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Lets a Retort engine join the reactive transactions of Spring's {@link R2dbcTransactionManager}
 * ({@code @Transactional} methods returning {@code Mono}/{@code Flux}, Spring's
 * {@code TransactionalOperator}). {@link RetortAutoConfiguration} sets it on the engine it creates
 * and registers an {@code R2dbcTransactionManager} over {@link Engine#connectionFactory()}; an
 * application that creates its own {@code Engine} bean opts in with
 * {@code EngineOptions.builder().externalTransactions(SpringTransactions.instance())}.
 *
 * <h2>What happens</h2>
 * When Spring begins a transaction, its transaction manager checks a connection out of the
 * engine's own pool (through {@code engine.connectionFactory()}), sends BEGIN on it and binds it to
 * the subscription's Reactor Context. Every Retort call subscribed inside (engine
 * {@code execute}/{@code stream}/{@code connect}/{@code transaction}/{@code transactional()}, and
 * ORM sessions, which run on {@code engine.connect}) asks this class for that connection when it is
 * subscribed, finds it and runs its statements on it. Retort then never commits or rolls back on
 * its own: a nested {@code engine.transaction(…)} joins, {@code Connection.commit()} does nothing,
 * {@code Connection.rollback()} (also the rollback of an ORM session whose work failed) marks the
 * transaction rollback-only, so Spring's commit rolls back and fails. Spring commits or rolls back
 * when the transactional publisher completes or errors, and gives the connection back to the pool.
 *
 * <h2>Cancel</h2>
 * When the subscriber of the transactional publisher cancels, Spring rolls the transaction back and
 * closes the connection; the engine's release then rolls back (if Spring's rollback had to wait
 * behind a cancelled statement), checks the connection, stops a statement still running on the
 * server ({@code KILL QUERY}) and returns the connection to the pool, every step bounded by the
 * engine's release timeout.
 *
 * <p>The lookup reads the Reactor Context only: no IO, no blocking. Outside a Spring transaction
 * (or inside one of another transaction manager, on another connection factory) it finds nothing,
 * and Retort uses its own connections as usual.
 */
public final class SpringTransactions implements ExternalTransactions {

    private static final SpringTransactions INSTANCE = new SpringTransactions();

    private SpringTransactions() {
    }

    /** The (stateless) instance. */
    public static SpringTransactions instance() {
        return INSTANCE;
    }

    /**
     * The connection of the Spring transaction active in the subscriber's context on
     * {@code engine.connectionFactory()}, or empty. No IO.
     */
    @Override
    public Mono<Connection> boundConnection(Engine engine) {
        Object key = engine.connectionFactory();
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(synchronization -> {
                    if (!synchronization.isActualTransactionActive()
                            || !(synchronization.getResource(key) instanceof ConnectionHolder holder)) {
                        return Mono.<Connection>empty();
                    }
                    try {
                        return Mono.just(holder.getConnection());
                    } catch (IllegalStateException released) {
                        return Mono.<Connection>empty(); // the holder was cleared at the end of the transaction
                    }
                })
                .onErrorResume(NoTransactionException.class, outside -> Mono.empty());
    }

    @Override
    public String toString() {
        return "SpringTransactions";
    }
}
