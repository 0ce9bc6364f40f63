package dev.retort.core.pool;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * NULL pool: every checkout opens a connection and every release closes it. Useful where
 * connections must not outlive a unit of work (serverless, tests, external poolers).
 */
final class NullConnectionSource implements ConnectionSource {

    private final ConnectionFactory factory;
    private final PoolEcho echo;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger opening = new AtomicInteger();
    private final AtomicBoolean disposed = new AtomicBoolean();
    private final ServerThreads threads;

    NullConnectionSource(ConnectionFactory factory, PoolSettings settings) {
        this.echo = new PoolEcho(settings.echoPool(), settings.name());
        this.threads = new ServerThreads(factory, echo, this::status);
        this.factory = threads.registering(factory);
    }

    @Override
    public Mono<Connection> acquire() {
        return Mono.defer(() -> {
            if (disposed.get()) {
                return Mono.error(new IllegalStateException("The engine has been disposed"));
            }
            opening.incrementAndGet();
            // The connect runs to its end even if the caller cancels; a connection that arrives
            // after the cancel is discarded by Mono.create and closed by the hook below.
            return Mono.<Connection>create(sink -> Mono.from(factory.create())
                            .subscribe(connection -> {
                                opening.decrementAndGet();
                                open.incrementAndGet();
                                echo.event("checkout (new)", connection, this::status);
                                sink.success(connection);
                            }, error -> {
                                opening.decrementAndGet();
                                sink.error(error);
                            }, sink::success))
                    .doOnDiscard(Connection.class, this::closeDiscarded);
        });
    }

    private void closeDiscarded(Connection connection) {
        close(connection, "discard").subscribe();
    }

    @Override
    public Mono<Void> release(Connection connection) {
        return close(connection, "checkin (close)");
    }

    @Override
    public Mono<Void> invalidate(Connection connection) {
        return close(connection, "invalidate (close)");
    }

    private Mono<Void> close(Connection connection, String event) {
        return Mono.defer(() -> {
            // counted as closed from the moment the close is sent, so a status read right after
            // the caller's release already shows it gone
            open.decrementAndGet();
            echo.event(event, connection, this::status);
            return Mono.from(connection.close());
        });
    }

    @Override
    public Mono<Void> interruptStatement(Connection connection) {
        return threads.killQuery(connection);
    }

    @Override
    public Mono<Void> killConnection(Connection connection) {
        return threads.killConnection(connection);
    }

    @Override
    public PoolStatus status() {
        int size = open.get();
        return new PoolStatus(PoolKind.NULL, size, size, 0, opening.get(), Integer.MAX_VALUE);
    }

    @Override
    public Mono<Void> dispose() {
        return Mono.fromRunnable(() -> disposed.set(true)).then(Drain.whenEmpty(this));
    }
}
