package dev.retort.core.pool;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pool event logging on {@code dev.retort.pool}: INFO when {@code echoPool} is on, DEBUG otherwise. */
final class PoolEcho {

    private static final Logger LOG = LoggerFactory.getLogger("dev.retort.pool");

    private final boolean echo;
    private final String name;

    PoolEcho(boolean echo, String name) {
        this.echo = echo;
        this.name = name;
    }

    /** Logs a pool event; the status is read only when the event is logged (it walks the pool's metrics). */
    void event(String event, Connection connection, Supplier<PoolStatus> status) {
        if (echo) {
            LOG.info("[{}] {} {} ({})", name, event, label(connection), status.get());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] {} {} ({})", name, event, label(connection), status.get());
        }
    }

    void message(String text) {
        if (echo) {
            LOG.info("[{}] {}", name, text);
        } else {
            LOG.debug("[{}] {}", name, text);
        }
    }

    /** Names the driver connection behind a pool's wrapper, so one connection keeps one label across checkouts. */
    static String label(Connection connection) {
        Object driver = connection instanceof Wrapped<?> wrapped && wrapped.unwrap() != null ? wrapped.unwrap() : connection;
        return "connection@" + Integer.toHexString(System.identityHashCode(driver));
    }
}
