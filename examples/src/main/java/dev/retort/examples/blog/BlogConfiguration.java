package dev.retort.examples.blog;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Mapping;
import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blog's own Retort beans. Everything else comes from reactive-spring's auto-configuration: the
 * {@link Engine} from {@code retort.url} (set by {@link BlogDatabaseDefault} when the command line
 * and the environment name none), the session factory over the mapping below, and Spring's
 * transaction manager on the engine's pool, which {@code @Transactional} in {@link BlogService} uses.
 */
@Configuration(proxyBeanMethods = false)
public class BlogConfiguration {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** The entity classes; the auto-configured session factory maps these instead of scanning. */
    @Bean
    Mapping blogMapping() {
        return Mapping.of(User.class, Post.class, Tag.class);
    }

    /**
     * Creates the blog's tables that do not exist yet ({@code users}, {@code posts}, {@code tags},
     * {@code post_tags}) when the context starts. It blocks the main thread once, before the web
     * server listens (Spring Boot starts it after every singleton exists).
     */
    @Bean
    InitializingBean blogSchema(Engine engine, Mapping blogMapping) {
        return () -> blogMapping.createAll(engine).block(STARTUP_TIMEOUT);
    }
}
