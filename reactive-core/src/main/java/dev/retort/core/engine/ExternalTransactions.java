package dev.retort.core.engine;

import reactor.core.publisher.Mono;

/**
 * Finds a transaction that another framework's transaction manager (Spring's
 * {@code R2dbcTransactionManager}, through the {@code reactive-spring} module) bound to the
 * current subscription, so that the engine's calls join it. Set with
 * {@link EngineOptions.Builder#externalTransactions}.
 *
 * <p>The framework's transaction must run on a connection obtained from
 * {@link Engine#connectionFactory()}: such a connection is one of the engine's own checkouts, so
 * the engine knows its transaction state and runs statements on it exactly as on a connection
 * bound by {@link Engine#transactional()}.
 *
 * <h2>When it is consulted</h2>
 * At subscription of every engine call ({@code execute}, {@code stream}, {@code connect},
 * {@code transaction}, {@link TransactionalOperator#transactional}) that is not already inside a
 * transaction bound by {@code engine.transactional()} (that binding wins). The returned Mono is
 * subscribed with the caller's Reactor Context; it must answer from that Context alone, without
 * IO or blocking.
 *
 * <h2>What joining means</h2>
 * The call runs on the bound connection and never begins, commits or rolls back the framework's
 * transaction: {@code engine.transaction(work)} and {@code engine.connect(work)} hand {@code work}
 * a view of the connection whose {@code commit()} does nothing (the owner commits) and whose
 * {@code rollback()} marks the transaction rollback-only (the owner's commit then rolls back and
 * fails); {@code beginNested()} makes a savepoint inside it. Cancelling a joined call cancels only
 * its statement; the transaction's fate stays with its owner (which rolls back when its own
 * subscriber cancels).
 */
@FunctionalInterface
public interface ExternalTransactions {

    /**
     * The connection of the transaction bound to the current subscription for {@code engine}, or
     * an empty Mono when there is none. Subscribed inside the caller's subscription, so it sees the
     * caller's Reactor Context.
     *
     * @return a connection obtained from {@code engine.connectionFactory()}; any other connection
     *     makes the engine call fail with {@link dev.retort.core.exception.InvalidRequestException}
     */
    Mono<io.r2dbc.spi.Connection> boundConnection(Engine engine);
}
