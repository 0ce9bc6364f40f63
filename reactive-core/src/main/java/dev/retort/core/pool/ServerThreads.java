package dev.retort.core.pool;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server thread id of each connection a source opened, read once when the connection is
 * opened ({@code SELECT CONNECTION_ID()}: one round trip per physical connection), so that a
 * statement left running by a cancelled subscriber can be stopped with {@code KILL QUERY} from a
 * side connection. r2dbc-mysql 1.4.x keeps a cancelled query's connection busy until the server
 * finishes it (asyncer-io/r2dbc-mysql#347); this is how Retort frees it instead of waiting.
 */
final class ServerThreads {

    private final ConnectionFactory factory;
    private final PoolEcho echo;
    private final Supplier<PoolStatus> status;
    private final Map<Connection, Long> ids = Collections.synchronizedMap(new WeakHashMap<>());

    /** Threads of connections opened with {@code factory}; kills are logged on {@code echo} with the pool's status. */
    ServerThreads(ConnectionFactory factory, PoolEcho echo, Supplier<PoolStatus> status) {
        this.factory = factory;
        this.echo = echo;
        this.status = status;
    }

    /**
     * A factory that opens connections with {@code factory} and registers each one's thread id
     * before handing it out, so registration happens once per physical connection (a pool's
     * {@code postAllocate} would run at every checkout).
     */
    ConnectionFactory registering(ConnectionFactory factory) {
        return new ConnectionFactory() {
            @Override
            public Publisher<? extends Connection> create() {
                return Mono.from(factory.create())
                        .flatMap(connection -> register(connection).thenReturn(connection)
                                .onErrorResume(failed -> Mono.from(connection.close()).then(Mono.error(failed))));
            }

            @Override
            public ConnectionFactoryMetadata getMetadata() {
                return factory.getMetadata();
            }
        };
    }

    /** Reads and remembers the server thread id of a newly opened driver connection. */
    Mono<Void> register(Connection driver) {
        return Flux.from(driver.createStatement("SELECT CONNECTION_ID()").execute())
                .concatMap(result -> result.map((row, metadata) -> row.get(0, Long.class)))
                .next()
                .doOnNext(id -> ids.put(driver, id))
                .then();
    }

    /**
     * Sends {@code KILL QUERY} for whatever the connection's server thread is running, from a new
     * side connection that is closed afterwards. Completes empty when the id is unknown.
     */
    Mono<Void> killQuery(Connection connection) {
        return kill(connection, "KILL QUERY ", "interrupt (KILL QUERY)");
    }

    /**
     * Sends {@code KILL} for the connection's server thread: the server closes the connection, so a
     * driver connection stuck on a request that will never be answered (r2dbc-mysql#349) fails and
     * can be closed. Completes empty when the id is unknown.
     */
    Mono<Void> killConnection(Connection connection) {
        return kill(connection, "KILL ", "kill (KILL)");
    }

    private Mono<Void> kill(Connection connection, String command, String event) {
        return Mono.defer(() -> {
            echo.event(event, connection, status);
            Long id = ids.get(unwrap(connection));
            if (id == null) {
                return Mono.empty();
            }
            return Mono.usingWhen(Mono.from(factory.create()),
                    side -> Flux.from(side.createStatement(command + id).execute())
                            .concatMap(Result::getRowsUpdated)
                            .then(),
                    Connection::close);
        });
    }

    static Connection unwrap(Connection connection) {
        return connection instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof Connection driver ? driver : connection;
    }
}
