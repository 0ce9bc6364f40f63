package dev.retort.core.testing;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.pool.PoolKind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The harness itself: the class database exists and is the engine's current database, every class
 * gets its own (dropped afterwards), {@code @Nested} classes share their enclosing class's, and a
 * connection left checked out fails the test. The fixture classes below run only inside
 * {@link EngineTestKit}, never on their own. Nesting is tested through a fixture too: a
 * {@code @Nested} class directly in this class makes Surefire attribute all its tests to the nested one.
 */
@DatabaseTest
class DatabaseExtensionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String FIXTURES = "retort.harness.fixtures";

    /** Database names seen by the fixture classes, by fixture. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    private final TestDatabase database;

    DatabaseExtensionTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void theClassDatabaseExistsAndIsTheDefaultEnginesDatabase(Engine engine) {
        String current = engine.execute(text("SELECT DATABASE()")).scalar(String.class).block(TIMEOUT);

        assertThat(current).isEqualTo(database.name());
        assertThat(database.name()).matches("retort_databaseextensiontest_[a-z0-9]{6}");
        assertThat(engine).isSameAs(database.engine());
        assertThat(engine.options().name()).isEqualTo("DatabaseExtensionTest");
        assertThat(DatabaseAdmin.exists(database.name())).isTrue();
    }

    @Test
    void newEnginesUseTheClassDatabase() {
        Engine other = database.newEngine(EngineOptions.builder().poolKind(PoolKind.NULL).name("other").build());

        assertThat(other).isNotSameAs(database.engine());
        assertThat(other.execute(text("SELECT DATABASE()")).scalar(String.class).block(TIMEOUT))
                .isEqualTo(database.name());
    }

    @Test
    void eachClassGetsItsOwnDatabaseAndItIsDroppedAfterwards() {
        SEEN.clear();

        run(FirstFixture.class, SecondFixture.class).assertStatistics(stats -> stats.succeeded(2).failed(0));

        String first = SEEN.get("first");
        String second = SEEN.get("second");
        assertThat(first).startsWith("retort_firstfixture_");
        assertThat(second).startsWith("retort_secondfixture_");
        assertThat(first).isNotEqualTo(second).isNotEqualTo(database.name());
        assertThat(DatabaseAdmin.exists(first)).as("dropped after its class").isFalse();
        assertThat(DatabaseAdmin.exists(second)).as("dropped after its class").isFalse();
        assertThat(DatabaseAdmin.exists(database.name())).as("still there while its class runs").isTrue();
    }

    @Test
    void aConnectionLeftCheckedOutFailsTheTest() {
        Events tests = run(LeakingFixture.class);

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = tests.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("engine 'leaky'")
                .hasMessageContaining("checkedOut=1");
        assertThat(DatabaseAdmin.exists(SEEN.get("leaking"))).isFalse();
    }

    @Test
    void nestedClassesShareTheEnclosingClassDatabase() {
        SEEN.clear();

        run(OuterFixture.class).assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(SEEN.get("outer")).startsWith("retort_outerfixture_");
        assertThat(SEEN.get("inner")).isEqualTo(SEEN.get("outer"));
        assertThat(DatabaseAdmin.exists(SEEN.get("outer"))).isFalse();
    }

    private static Events run(Class<?>... fixtures) {
        var request = EngineTestKit.engine("junit-jupiter").configurationParameter(FIXTURES, "true");
        for (Class<?> fixture : fixtures) {
            request = request.selectors(selectClass(fixture));
        }
        return request.execute().testEvents();
    }

    /** Enables a fixture class only when {@link EngineTestKit} runs it with {@value #FIXTURES}. */
    static final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(FIXTURES).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("run by DatabaseExtensionTest")
                    : ConditionEvaluationResult.disabled("a fixture of DatabaseExtensionTest");
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @DatabaseTest
    static class FirstFixture {

        @BeforeAll
        static void record(TestDatabase database) {
            SEEN.put("first", database.name());
        }

        @Test
        void usesItsDatabase(Engine engine) {
            assertThat(engine.execute(text("SELECT DATABASE()")).scalar(String.class).block(TIMEOUT))
                    .isEqualTo(SEEN.get("first"));
        }
    }

    /** Same as {@link FirstFixture} with one instance per class, constructed before {@code @BeforeAll}. */
    @ExtendWith(OnlyInTestKit.class)
    @DatabaseTest
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class SecondFixture {

        private final TestDatabase database;

        SecondFixture(TestDatabase database) {
            this.database = database;
            SEEN.put("second", database.name());
        }

        @Test
        void usesItsDatabase() {
            assertThat(database.engine().execute(text("SELECT DATABASE()")).scalar(String.class).block(TIMEOUT))
                    .isEqualTo(database.name());
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @DatabaseTest
    static class OuterFixture {

        @BeforeAll
        static void record(TestDatabase database) {
            SEEN.put("outer", database.name());
        }

        @Nested
        class Inner {

            @Test
            void seesTheOuterDatabase(TestDatabase database, Engine engine) {
                SEEN.put("inner", database.name());
                assertThat(engine).isSameAs(database.engine());
            }
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @DatabaseTest
    static class LeakingFixture {

        private static Disposable leak = () -> { };

        @Test
        void leavesAConnectionCheckedOut(TestDatabase database) throws InterruptedException {
            SEEN.put("leaking", database.name());
            Engine engine = database.newEngine(EngineOptions.builder().name("leaky").poolSize(1).maxOverflow(0).build());
            AtomicReference<Throwable> failed = new AtomicReference<>();
            leak = engine.connect(connection -> Mono.never()).subscribe(value -> { }, failed::set);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (engine.poolStatus().checkedOut() == 0 && failed.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(failed.get()).as("checking out a connection failed").isNull();
            assertThat(engine.poolStatus().checkedOut()).isEqualTo(1);
        }

        @AfterAll
        static void release() {
            leak.dispose();
        }
    }
}
