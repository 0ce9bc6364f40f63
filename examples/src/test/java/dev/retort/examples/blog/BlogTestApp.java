package dev.retort.examples.blog;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.pool.PoolStatus;
import dev.retort.examples.EmbeddedMariaDb;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The blog application as the tests use it: started with {@link BlogApplication#start} (the same
 * wiring as {@code java -jar retort-examples.jar blog}) on a free port, in a database of its own
 * ({@code blog_<name>_<pid>}, created here and dropped by {@link #close()}) on the tests' server:
 * {@code RETORT_TEST_URL} when set, else one embedded MariaDB shared by the test classes of this JVM.
 */
final class BlogTestApp implements AutoCloseable {

    private static EmbeddedMariaDb embedded;

    final String database;
    final ConfigurableApplicationContext context;
    final int port;
    final WebTestClient client;
    /** The application's engine: its pool is what the tests watch. */
    final Engine engine;
    /** A connection per statement on the test server, in the application's database, for checks and data set-up. */
    final Engine admin;

    private BlogTestApp(String database, ConfigurableApplicationContext context, Engine admin) {
        this.database = database;
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        this.client = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(60)).build();
        this.engine = context.getBean(Engine.class);
        this.admin = admin;
    }

    static BlogTestApp start(String name) {
        String server = serverUrl();
        String database = "blog_" + name + "_" + ProcessHandle.current().pid();
        Engine serverAdmin = Engine.create(withDatabase(server, null), EngineOptions.builder().poolKind(PoolKind.NULL).name("test-admin").build());
        try {
            serverAdmin.execute(text("DROP DATABASE IF EXISTS `" + database + "`")).rowcount()
                    .then(serverAdmin.execute(text("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4")).rowcount())
                    .block(Duration.ofSeconds(30));
        } finally {
            serverAdmin.dispose().block(Duration.ofSeconds(10));
        }
        String url = withDatabase(server, database);
        ConfigurableApplicationContext context = BlogApplication.start("--server.port=0", "--retort.url=" + url);
        Engine admin = Engine.create(url, EngineOptions.builder().poolKind(PoolKind.NULL).name("test-admin").build());
        return new BlogTestApp(database, context, admin);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Waits until no connection of the application's pool is checked out or awaited; fails after {@code timeout}. */
    PoolStatus awaitPoolIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        PoolStatus status = engine.poolStatus();
        while ((status.checkedOut() > 0 || status.pending() > 0) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
            status = engine.poolStatus();
        }
        return status;
    }

    /** After each test: no connection of the application's pool is still checked out, and every table is emptied. */
    void afterTest() throws InterruptedException {
        assertThat(awaitPoolIdle(Duration.ofSeconds(5)).checkedOut()).as("connections checked out after the test").isZero();
        sql("DELETE FROM post_tags");
        sql("DELETE FROM posts");
        sql("DELETE FROM tags");
        sql("DELETE FROM users");
    }

    long count(String sql) {
        return admin.execute(text(sql)).scalar(Long.class).block(Duration.ofSeconds(30));
    }

    void sql(String sql) {
        admin.execute(text(sql)).rowcount().block(Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try {
                admin.execute(text("DROP DATABASE IF EXISTS `" + database + "`")).rowcount().block(Duration.ofSeconds(30));
            } finally {
                admin.dispose().block(Duration.ofSeconds(10));
            }
        }
    }

    private static synchronized String serverUrl() {
        String url = System.getenv("RETORT_TEST_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (embedded == null) {
            embedded = EmbeddedMariaDb.start(); // stopped by its JVM shutdown hook
        }
        return embedded.url();
    }

    /** The URL with its path (the database) replaced; {@code null} removes it. Query options stay. */
    static String withDatabase(String url, String database) {
        int authority = url.indexOf("//");
        int pathStart = url.indexOf('/', authority + 2);
        int queryStart = url.indexOf('?', authority + 2);
        String head = pathStart >= 0 && (queryStart < 0 || pathStart < queryStart) ? url.substring(0, pathStart)
                : queryStart >= 0 ? url.substring(0, queryStart) : url;
        String query = queryStart >= 0 ? url.substring(queryStart) : "";
        return head + (database == null ? "" : "/" + database) + query;
    }
}
