package dev.retort.spring;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.session.SessionFactory;
import dev.retort.orm.session.SessionOptions;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Spring Boot auto-configuration for Retort. Every bean backs off when the application declares
 * one of its type. Beans are created at startup without IO: the engine opens its first connection
 * when first used.
 *
 * <ul>
 *   <li>{@link Engine} from {@link RetortProperties} ({@code retort.url}, else
 *       {@code spring.r2dbc.url}; no URL fails the startup naming both), with
 *       {@link SpringTransactions} so Retort calls join Spring's transactions, then
 *       {@link EngineOptionsCustomizer} beans. Disposed when the context closes, waiting at most
 *       {@code retort.dispose-timeout} for connections still checked out.</li>
 *   <li>{@link ConnectionFactory}: the engine's {@link Engine#connectionFactory()}, so Spring's
 *       R2DBC support ({@code DatabaseClient}, Spring Data R2DBC) uses Retort's pool, and Spring
 *       Boot's own R2DBC pool is not created.</li>
 *   <li>{@link ReactiveTransactionManager}: an {@link R2dbcTransactionManager} over the engine's
 *       connection factory, which makes {@code @Transactional} and Spring's
 *       {@link TransactionalOperator} run Retort calls in one transaction on one connection.</li>
 *   <li>{@link TransactionalOperator} over the single reactive transaction manager.</li>
 *   <li>With Micrometer on the class path and a {@code MeterRegistry} bean: the engine's pool
 *       gauges and acquire, usage and statement timers ({@link dev.retort.core.metrics.RetortMetrics}).</li>
 *   <li>With reactive-orm on the class path: a {@link Mapping} of the {@code @Entity} classes found
 *       in {@code retort.orm.packages} (else {@code @EntityScan}'s packages, else the application's
 *       package) when at least one is found, and a {@link SessionFactory} over the engine and the
 *       mapping (sessions options from {@code retort.orm.*} or a {@link SessionOptions} bean).</li>
 * </ul>
 *
 * <p>Runs before Spring Boot's R2DBC and transaction auto-configurations, so theirs back off.
 *
 * <p>At run time, a Spring transaction (begun when the {@code @Transactional} publisher or the
 * {@code TransactionalOperator}'s publisher is subscribed) checks one connection out of the engine's
 * pool; every Retort call subscribed inside runs on it and Spring commits on complete and rolls back
 * on error. Cancelling the transactional publisher rolls back and gives the connection back, see
 * {@link SpringTransactions}.
 */
@AutoConfiguration(before = TransactionAutoConfiguration.class, beforeName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration" })
@ConditionalOnClass({ Engine.class, R2dbcTransactionManager.class })
@EnableConfigurationProperties(RetortProperties.class)
public class RetortAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RetortAutoConfiguration.class);

    /** The engine and its disposal, unless the application declares its own engine (which it then disposes). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Engine.class)
    static class EngineConfiguration {

        /**
         * The engine; creating it opens no connection.
         *
         * @throws dev.retort.core.exception.ConfigurationException without a URL, or for a bad URL or option
         */
        @Bean(destroyMethod = "")
        Engine retortEngine(RetortProperties properties, Environment environment,
                ObjectProvider<EngineOptionsCustomizer> customizers) {
            EngineSettings.Resolved settings = EngineSettings.resolve(properties, Binder.get(environment));
            EngineOptions.Builder options = settings.options().externalTransactions(SpringTransactions.instance());
            customizers.orderedStream().forEach(customizer -> customizer.customize(options));
            Engine engine = Engine.create(settings.url(), options.build());
            LOG.info("Retort engine for {} (from {}), {}", engine.url(), settings.source(), engine.options());
            return engine;
        }

        /** Disposes the engine when the context closes; Spring waits for the returned Mono. */
        @Bean(destroyMethod = "dispose")
        EngineDisposal retortEngineDisposal(Engine engine, RetortProperties properties) {
            return new EngineDisposal(engine, properties.getDisposeTimeout());
        }
    }

    /** Retort's pool as Spring's R2DBC connection factory. */
    @Bean
    @ConditionalOnMissingBean(ConnectionFactory.class)
    ConnectionFactory retortConnectionFactory(Engine engine) {
        return engine.connectionFactory();
    }

    /**
     * Spring's reactive transaction manager on the engine's pool: its transactions check a
     * connection out of the engine and Retort calls inside them join them.
     */
    @Bean
    @ConditionalOnMissingBean(ReactiveTransactionManager.class)
    R2dbcTransactionManager retortTransactionManager(Engine engine) {
        if (!(engine.options().externalTransactions() instanceof SpringTransactions)) {
            LOG.warn("The Engine bean {} was created without EngineOptions.externalTransactions(SpringTransactions"
                    + ".instance()): Retort calls inside Spring transactions will not join them", engine);
        }
        return new R2dbcTransactionManager(engine.connectionFactory());
    }

    @Bean
    @ConditionalOnMissingBean(TransactionalOperator.class)
    @ConditionalOnSingleCandidate(ReactiveTransactionManager.class)
    TransactionalOperator retortTransactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    /**
     * Micrometer meters ({@link RetortMeters}) when Micrometer is on the class path; they are
     * registered only if the application has a {@code MeterRegistry} bean.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean(RetortMeters.class)
        static RetortMeters retortMeters(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registries,
                ObjectProvider<Engine> engines) {
            return new RetortMeters(registries, engines);
        }
    }

    /** The ORM beans, when reactive-orm is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SessionFactory.class)
    static class OrmConfiguration {

        /** The {@code @Entity} classes found by scanning; registration reads annotations, no IO. */
        @Bean
        @ConditionalOnMissingBean(Mapping.class)
        @Conditional(OnEntitiesCondition.class)
        Mapping retortMapping(Environment environment, ConfigurableListableBeanFactory beanFactory,
                ResourceLoader resources) {
            List<String> packages = EntityScanning.packages(environment, beanFactory);
            List<Class<?>> entities = EntityScanning.entities(packages, environment, resources);
            LOG.info("Retort ORM mapping of {} @Entity classes found in {}", entities.size(), packages);
            return Mapping.of(entities.toArray(Class<?>[]::new));
        }

        @Bean
        @ConditionalOnMissingBean(SessionFactory.class)
        @ConditionalOnBean(Mapping.class)
        SessionFactory retortSessionFactory(Engine engine, Mapping mapping, RetortProperties properties,
                ObjectProvider<SessionOptions> sessionOptions) {
            RetortProperties.Orm orm = properties.getOrm();
            SessionOptions options = sessionOptions.getIfAvailable(
                    () -> new SessionOptions(orm.isAutoflush(), orm.isExpireOnCommit(), orm.getBatchSize()));
            return SessionFactory.of(engine, mapping, options);
        }
    }

    /** Disposes an engine when the context closes, bounded by the dispose timeout. */
    static final class EngineDisposal {

        private final Engine engine;
        private final Duration timeout;

        EngineDisposal(Engine engine, Duration timeout) {
            this.engine = engine;
            this.timeout = timeout;
        }

        /**
         * Refuses new checkouts, closes idle connections and those given back; completes when all
         * are closed or after the timeout (logged), never with an error.
         */
        Mono<Void> dispose() {
            return engine.dispose()
                    .timeout(timeout)
                    .onErrorResume(failed -> {
                        LOG.warn("Retort engine {} not disposed within {}: {} ({})", engine, timeout, failed.toString(),
                                engine.poolStatus());
                        return Mono.empty();
                    });
        }
    }
}
