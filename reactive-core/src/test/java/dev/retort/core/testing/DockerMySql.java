package dev.retort.core.testing;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A MySQL 8 server in a Docker container, run by Testcontainers; used only when a Docker engine
 * answers. Connects as {@code root} so tests may create databases. The container is stopped by a
 * JVM shutdown hook (and by Testcontainers' reaper if the JVM dies).
 *
 * <p>{@link MySQLContainer} normally waits for readiness through JDBC, which would need
 * mysql-connector-j on the test classpath; {@link LogWaitingMySqlContainer} waits for the server's
 * "ready for connections" line on port 3306 instead.
 */
public final class DockerMySql {

    /** The image started; override with the system property {@code retort.test.mysqlImage}. */
    public static final String DEFAULT_IMAGE = "mysql:8.4";

    private static final Logger LOG = LoggerFactory.getLogger(DockerMySql.class);
    private static final String ROOT_PASSWORD = "retort";

    private DockerMySql() {
    }

    /**
     * Whether a Docker engine answers. Never throws: a missing or broken Docker, or Testcontainers
     * failing to initialise, all count as "no". Skipped entirely when the system property
     * {@code retort.test.docker} is {@code false}.
     */
    public static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("retort.test.docker"))) {
            LOG.info("Docker check skipped (retort.test.docker=false)");
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) { // NoClassDefFoundError, ExceptionInInitializerError, anything else
            LOG.info("Docker check failed: {}", e.toString());
            return false;
        }
    }

    /**
     * Starts a MySQL 8 container when Docker is available; blocks until it accepts connections.
     *
     * @return the server, or empty when Docker does not answer or the container does not start
     *     (logged at WARN)
     */
    public static Optional<TestServer> startIfDockerAvailable() {
        if (!dockerAvailable()) {
            return Optional.empty();
        }
        String image = System.getProperty("retort.test.mysqlImage", DEFAULT_IMAGE);
        long started = System.nanoTime();
        MySQLContainer container = new LogWaitingMySqlContainer(image).withUsername("root").withPassword(ROOT_PASSWORD);
        try {
            container.start();
        } catch (RuntimeException e) {
            LOG.warn("Docker answers but the {} container did not start; not using Docker", image, e);
            return Optional.empty();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "retort-mysql-container-stop"));
        // a literal address keeps a name lookup (blocking, on the driver's event loop) out of the tests
        String host = "localhost".equals(container.getHost()) ? "127.0.0.1" : container.getHost();
        String base = "mysql://root:" + ROOT_PASSWORD + "@" + host + ":"
                + container.getMappedPort(MySQLContainer.MYSQL_PORT);
        LOG.info("MySQL container {} started in {} ms", image, (System.nanoTime() - started) / 1_000_000);
        return Optional.of(new TestServer(base, "", "Testcontainers " + image + " " + TestServer.mask(base)));
    }

    /** A {@link MySQLContainer} that waits for the server's log line instead of a JDBC connection. */
    private static final class LogWaitingMySqlContainer extends MySQLContainer {

        LogWaitingMySqlContainer(String image) {
            super(image);
        }

        @Override
        protected void waitUntilContainerStarted() {
            // the image's init phase runs a temporary server on port 0; wait for the real one
            Wait.forLogMessage(".*ready for connections.*port: 3306.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(3))
                    .waitUntilReady(this);
        }
    }
}
