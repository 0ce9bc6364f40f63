package dev.retort.spring;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.engine.EngineUrl;
import dev.retort.core.engine.IsolationLevel;
import dev.retort.core.exception.ConfigurationException;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.pool.PoolKind;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.session.SessionFactory;
import dev.retort.orm.session.SessionOptions;
import dev.retort.spring.app.Note;
import dev.retort.spring.other.Gadget;
import io.r2dbc.spi.ConnectionFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import dev.retort.core.metrics.RetortMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.test.StepVerifier;

/** The beans of {@link RetortAutoConfiguration} and how properties reach the engine. */
@DatabaseTest
class RetortAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestDatabase database;
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RetortAutoConfiguration.class, TransactionAutoConfiguration.class));

    RetortAutoConfigurationTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void retortPropertiesMakeTheEngineAndItsSpringBeans() {
        runner.withPropertyValues("retort.url=" + database.url(), "retort.name=springy", "retort.echo=true",
                        "retort.hide-parameters=true", "retort.isolation-level=READ_COMMITTED",
                        "retort.connect-timeout=3s", "retort.release-timeout=2s",
                        "retort.pool.max-size=3", "retort.pool.timeout=2s", "retort.pool.max-life-time=10m",
                        "retort.pool.max-idle-time=45s", "retort.pool.pre-ping=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    EngineOptions options = engine.options();
                    assertThat(options.name()).isEqualTo("springy");
                    assertThat(options.echo()).isTrue();
                    assertThat(options.hideParameters()).isTrue();
                    assertThat(options.isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
                    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(options.releaseTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(options.poolSize() + options.maxOverflow()).isEqualTo(3);
                    assertThat(options.poolTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(options.poolRecycle()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(options.prePing()).isTrue();
                    assertThat(options.externalTransactions()).isSameAs(SpringTransactions.instance());
                    assertThat(engine.poolStatus().maxSize()).isEqualTo(3);

                    assertThat(context.getBean(ConnectionFactory.class)).isSameAs(engine.connectionFactory());
                    assertThat(context.getBean(ReactiveTransactionManager.class)).isInstanceOfSatisfying(
                            R2dbcTransactionManager.class,
                            manager -> assertThat(manager.getConnectionFactory()).isSameAs(engine.connectionFactory()));
                    assertThat(context).hasSingleBean(TransactionalOperator.class);
                    // no @Entity class in any package named: no ORM beans
                    assertThat(context).doesNotHaveBean(Mapping.class).doesNotHaveBean(SessionFactory.class);

                    engine.execute(text("SELECT 1")).scalar(Integer.class)
                            .as(StepVerifier::create).expectNext(1).verifyComplete();
                });
    }

    @Test
    void aMeterRegistryBeanGetsThePoolAndStatementMeters() {
        runner.withPropertyValues("retort.url=" + database.url(), "retort.name=metered", "retort.pool.max-size=3")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(engine.options().listener()).isNotNull();
                    engine.execute(text("SELECT 1")).scalar(Integer.class)
                            .as(StepVerifier::create).expectNext(1).verifyComplete();
                    engine.execute(text("SELECT 2")).scalar(Integer.class)
                            .as(StepVerifier::create).expectNext(2).verifyComplete();
                    assertThat(registry.get(RetortMetrics.STATEMENTS).tag("name", "metered").tag("kind", "select")
                            .tag("outcome", "success").timer().count()).isEqualTo(2);
                    assertThat(registry.get(RetortMetrics.POOL_ACQUIRE).tag("name", "metered").tag("outcome", "success")
                            .timer().count()).isEqualTo(2);
                    assertThat(registry.get(RetortMetrics.POOL_MAX).tag("name", "metered").gauge().value()).isEqualTo(3.0);
                    assertThat(registry.get(RetortMetrics.POOL_ACQUIRED).tag("name", "metered").gauge().value()).isZero();
                });
    }

    @Test
    void withoutAMeterRegistryBeanTheEngineHasNoListener() {
        runner.withPropertyValues("retort.url=" + database.url())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Engine.class).options().listener()).isNull();
                });
    }

    @Test
    void springR2dbcPropertiesAreTheFallback() {
        SpringUrl spring = SpringUrl.of(database.url());
        List<String> properties = new ArrayList<>(List.of("spring.r2dbc.url=" + spring.url(),
                "spring.r2dbc.username=" + spring.user(),
                "spring.r2dbc.pool.max-size=4", "spring.r2dbc.pool.initial-size=2",
                "spring.r2dbc.pool.max-acquire-time=3s", "spring.r2dbc.pool.max-life-time=10m",
                "spring.r2dbc.pool.max-idle-time=1m", "spring.r2dbc.pool.validation-query=SELECT 1",
                "spring.r2dbc.properties.sslMode=DISABLED"));
        if (spring.password() != null) {
            properties.add("spring.r2dbc.password=" + spring.password());
        }
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed();
            Engine engine = context.getBean(Engine.class);
            EngineOptions options = engine.options();
            assertThat(options.poolSize()).isEqualTo(2);
            assertThat(options.maxOverflow()).isEqualTo(2);
            assertThat(engine.poolStatus().maxSize()).isEqualTo(4);
            assertThat(options.poolTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(options.poolRecycle()).isEqualTo(Duration.ofMinutes(10));
            assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
            assertThat(options.prePing()).isTrue();
            EngineUrl expected = EngineUrl.parse(database.url());
            assertThat(engine.url()).startsWith("r2dbc:mysql://" + expected.user() + (spring.password() != null ? ":***@" : "@"))
                    .contains("/" + expected.database()).contains("sslMode=DISABLED");
            // the credentials from spring.r2dbc.username/password reached the driver
            engine.execute(text("SELECT DATABASE()")).scalar(String.class)
                    .as(StepVerifier::create).expectNext(expected.database()).verifyComplete();
        });
    }

    @Test
    void springBootsOwnR2dbcPoolAndTransactionManagerBackOff() {
        SpringUrl spring = SpringUrl.of(database.url());
        List<String> properties = new ArrayList<>(List.of("spring.r2dbc.url=" + spring.url(),
                "spring.r2dbc.username=" + spring.user()));
        if (spring.password() != null) {
            properties.add("spring.r2dbc.password=" + spring.password());
        }
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class,
                        R2dbcTransactionManagerAutoConfiguration.class, RetortAutoConfiguration.class,
                        TransactionAutoConfiguration.class))
                .withPropertyValues(properties.toArray(String[]::new))
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .hasSingleBean(ConnectionFactory.class)
                            .hasSingleBean(ReactiveTransactionManager.class)
                            .hasSingleBean(TransactionalOperator.class);
                    Engine engine = context.getBean(Engine.class);
                    assertThat(context.getBean(ConnectionFactory.class)).isSameAs(engine.connectionFactory());
                    assertThat(((R2dbcTransactionManager) context.getBean(ReactiveTransactionManager.class))
                            .getConnectionFactory()).isSameAs(engine.connectionFactory());
                });
    }

    @Test
    void whenRetortUrlIsSetSpringR2dbcSettingsAreIgnored() {
        runner.withPropertyValues("retort.url=" + database.url(), "spring.r2dbc.url=r2dbc:mysql://elsewhere:1/x",
                        "spring.r2dbc.pool.max-size=2")
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.url()).doesNotContain("elsewhere");
                    assertThat(engine.poolStatus().maxSize()).isEqualTo(15); // Retort's 5 + 10
                });
    }

    @Test
    void noUrlAtAllFailsTheStartupNamingBothProperties() {
        runner.run(context -> {
            assertThat(context).hasFailed().getFailure()
                    .rootCause().isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("retort.url").hasMessageContaining("spring.r2dbc.url");
            // Spring Boot's startup report explains it (the analyzer is registered in spring.factories)
            // (other analyzers need constructor arguments: skip those)
            assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
                            (type, implementation, failure) -> { }))
                    .anySatisfy(analyzer -> assertThat(analyzer).isInstanceOf(RetortFailureAnalyzer.class));
            FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("retort.url", "spring.r2dbc.url");
            assertThat(analysis.getAction()).contains("retort.url", "spring.r2dbc.url");
        });
    }

    @Test
    void contradictoryPoolSizesFailTheStartup() {
        runner.withPropertyValues("retort.url=" + database.url(), "retort.pool.max-size=8", "retort.pool.size=5",
                        "retort.pool.max-overflow=10")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining("max-size"));
    }

    @Test
    void zeroDurationsMeanNoneAndThePoolKindIsApplied() {
        runner.withPropertyValues("retort.url=" + database.url(), "retort.pool.timeout=0",
                        "retort.pool.max-idle-time=0", "retort.pool.kind=NULL")
                .run(context -> {
                    EngineOptions options = context.getBean(Engine.class).options();
                    assertThat(options.poolTimeout()).isNull();
                    assertThat(options.idleTimeout()).isNull();
                    assertThat(options.poolKind()).isEqualTo(PoolKind.NULL);
                });
    }

    @Test
    void customizersRunAfterTheProperties() {
        runner.withPropertyValues("retort.url=" + database.url(), "retort.name=from-properties")
                .withUserConfiguration(Customizers.class)
                .run(context -> assertThat(context.getBean(Engine.class).options().name())
                        .isEqualTo("from-properties-first-second"));
    }

    @Test
    void theEngineIsDisposedWhenTheContextCloses() {
        Engine[] holder = new Engine[1];
        runner.withPropertyValues("retort.url=" + database.url()).run(context -> {
            holder[0] = context.getBean(Engine.class);
            holder[0].execute(text("SELECT 1")).scalar(Integer.class).block(WAIT);
            assertThat(holder[0].poolStatus().size()).isEqualTo(1);
        });
        assertThat(holder[0].poolStatus().size()).isZero();
        holder[0].execute(text("SELECT 1")).scalar(Integer.class).as(StepVerifier::create).expectError().verify(WAIT);
    }

    @Test
    void anApplicationEngineReplacesOursAndStillGetsTheTransactionManager() {
        runner.withPropertyValues("retort.url=" + database.url())
                .withBean(Engine.class, () -> database.newEngine(EngineOptions.builder().name("mine")
                        .externalTransactions(SpringTransactions.instance()).build()))
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.options().name()).isEqualTo("mine");
                    assertThat(context).doesNotHaveBean(RetortAutoConfiguration.EngineDisposal.class);
                    assertThat(((R2dbcTransactionManager) context.getBean(ReactiveTransactionManager.class))
                            .getConnectionFactory()).isSameAs(engine.connectionFactory());
                });
    }

    @Test
    void ormPackagesAreScannedForEntities() {
        runner.withPropertyValues("retort.url=" + database.url(), "retort.orm.packages=dev.retort.spring.other",
                        "retort.orm.autoflush=false", "retort.orm.batch-size=50")
                .run(context -> {
                    Mapping mapping = context.getBean(Mapping.class);
                    assertThat(mapping.mappers()).extracting(mapper -> (Object) mapper.entityClass()).containsExactly(Gadget.class);
                    SessionFactory sessions = context.getBean(SessionFactory.class);
                    assertThat(sessions.engine()).isSameAs(context.getBean(Engine.class));
                    assertThat(sessions.options()).isEqualTo(new SessionOptions(false, false, 50));
                });
    }

    @Test
    void anApplicationMappingAndSessionOptionsAreUsed() {
        runner.withPropertyValues("retort.url=" + database.url(), "retort.orm.packages=dev.retort.spring.other")
                .withBean(Mapping.class, () -> Mapping.of(Note.class))
                .withBean(SessionOptions.class, () -> new SessionOptions(true, true, 7))
                .run(context -> {
                    SessionFactory sessions = context.getBean(SessionFactory.class);
                    assertThat(sessions.mapping().mappers()).extracting(mapper -> (Object) mapper.entityClass())
                            .containsExactly(Note.class);
                    assertThat(sessions.options().batchSize()).isEqualTo(7);
                });
    }

    @Test
    void aForeignConnectionBoundBySpringIsRefused() {
        // a transaction manager over some other connection factory binds a connection Retort cannot join
        runner.withPropertyValues("retort.url=" + database.url()).run(context -> {
            Engine engine = context.getBean(Engine.class);
            Engine other = database.newEngine(EngineOptions.defaults());
            TransactionalOperator foreign = TransactionalOperator.create(
                    new R2dbcTransactionManager(other.connectionFactory()));
            // Retort looks up its own connection factory only: outside its transactions it uses its own pool
            engine.execute(text("SELECT 1")).scalar(Integer.class).as(foreign::transactional)
                    .as(StepVerifier::create).expectNext(1).verifyComplete();
            // an engine whose lookup answers another engine's connection fails clearly
            Engine confused = database.newEngine(EngineOptions.builder()
                    .externalTransactions(ignored -> SpringTransactions.instance().boundConnection(other)).build());
            confused.execute(text("SELECT 1")).scalar(Integer.class).as(foreign::transactional)
                    .as(StepVerifier::create)
                    .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                            .hasMessageContaining("not a connection of this engine"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        @Bean
        @Order(2)
        EngineOptionsCustomizer second() {
            return options -> options.name(options.build().name() + "-second");
        }

        @Bean
        @Order(1)
        EngineOptionsCustomizer first() {
            return options -> options.name(options.build().name() + "-first");
        }
    }

    /** The test database's URL as a Spring R2DBC URL without credentials, and the credentials. */
    record SpringUrl(String url, String user, String password) {

        private static final Pattern CREDENTIALS = Pattern.compile("^[a-z:]+://([^:@/]+)(?::([^@]*))?@(.*)$");

        static SpringUrl of(String url) {
            Matcher matcher = CREDENTIALS.matcher(url);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("no credentials in the test URL");
            }
            String password = matcher.group(2) == null ? null : URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8);
            return new SpringUrl("r2dbc:mysql://" + matcher.group(3),
                    URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8), password);
        }
    }
}
