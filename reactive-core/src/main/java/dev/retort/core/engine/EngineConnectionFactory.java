package dev.retort.core.engine;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import reactor.core.publisher.Mono;

/**
 * {@link Engine#connectionFactory()}: each {@link #create()} checks a connection out of the engine's
 * pool (waiting at most the pool timeout) and lends it as a {@link LentConnection}; its
 * {@code close()} gives it back. Metadata is the driver's, so frameworks that pick their SQL
 * dialect from it (Spring's {@code DatabaseClient} bind markers) see MySQL.
 */
final class EngineConnectionFactory implements ConnectionFactory {

    private final DefaultEngine engine;
    private final ConnectionFactoryMetadata metadata;

    EngineConnectionFactory(DefaultEngine engine, ConnectionFactoryMetadata metadata) {
        this.engine = engine;
        this.metadata = metadata;
    }

    /** Cancelling while waiting for the pool leaves the queue; nothing is checked out then. */
    @Override
    public Mono<io.r2dbc.spi.Connection> create() {
        return engine.checkout(false).<io.r2dbc.spi.Connection>map(connection -> new LentConnection(engine, connection));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "ConnectionFactory(" + engine + ")";
    }
}
