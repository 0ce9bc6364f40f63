package dev.retort.examples.blog;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * The blog API: users, posts and tags over Retort's ORM, served by Spring WebFlux on Reactor Netty.
 * {@code java -jar retort-examples.jar blog} starts it (see {@code dev.retort.examples.Main}).
 *
 * <p>Port: {@code --server.port=N}, else the environment variable {@code PORT}, else 8080
 * ({@code 0} picks a free one). Database: {@code --retort.url=…} or {@code RETORT_URL}, else an
 * embedded MariaDB (see {@link BlogRetortConfiguration}).
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BlogApplication {

    private static final Logger log = LoggerFactory.getLogger(BlogApplication.class);

    /** Defaults below everything else Spring reads (arguments, environment, system properties). */
    static final Map<String, Object> DEFAULTS = Map.of(
            "server.port", "${PORT:8080}",
            "spring.main.banner-mode", "off",
            "spring.application.name", "retort-blog");

    public static void main(String[] args) {
        start(args);
    }

    /** Starts the application and returns once it serves requests; closing the context stops it. */
    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(BlogApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.setMainApplicationClass(BlogApplication.class);
        return application.run(args);
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        BlogRetortConfiguration.BlogDatabase database = event.getApplicationContext().getBean(BlogRetortConfiguration.BlogDatabase.class);
        log.info("Blog API ready on http://localhost:{} (database {}); try: curl -s localhost:{}/users",
                environment.getProperty("local.server.port"), database.url(), environment.getProperty("local.server.port"));
    }
}
