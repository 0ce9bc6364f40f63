package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.ConfigurationException;
import dev.retort.core.pool.PoolKind;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineOptionsTest {

    @Test
    void defaultsFollowSqlAlchemysCreateEngine() {
        EngineOptions options = EngineOptions.builder().build();

        assertThat(options.echo()).isFalse();
        assertThat(options.echoPool()).isFalse();
        assertThat(options.hideParameters()).isFalse();
        assertThat(options.poolKind()).isEqualTo(PoolKind.QUEUE);
        assertThat(options.poolSize()).isEqualTo(5);
        assertThat(options.maxOverflow()).isEqualTo(10);
        assertThat(options.poolTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.poolRecycle()).isNull();
        assertThat(options.prePing()).isFalse();
        assertThat(options.isolationLevel()).isNull();
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.releaseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.name()).isEqualTo("retort");
    }

    @Test
    void defaultsIsTheSameAsAnEmptyBuilder() {
        assertThat(EngineOptions.defaults()).usingRecursiveComparison().isEqualTo(EngineOptions.builder().build());
    }

    @Test
    void idleTimeoutDefaultsTo60SecondsWhenOverflowIsAllowed() {
        assertThat(EngineOptions.builder().build().idleTimeout())
                .isEqualTo(EngineOptions.DEFAULT_OVERFLOW_IDLE_TIMEOUT)
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(EngineOptions.builder().maxOverflow(1).build().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void idleTimeoutDefaultsToNeverWithoutOverflow() {
        assertThat(EngineOptions.builder().maxOverflow(0).build().idleTimeout()).isNull();
    }

    @Test
    void explicitIdleTimeoutWins() {
        assertThat(EngineOptions.builder().maxOverflow(0).idleTimeout(Duration.ofMinutes(5)).build().idleTimeout())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(EngineOptions.builder().maxOverflow(10).idleTimeout(null).build().idleTimeout()).isNull();
    }

    @Test
    void everySetterIsKept() {
        EngineOptions options = custom();

        assertThat(options.echo()).isTrue();
        assertThat(options.echoPool()).isTrue();
        assertThat(options.hideParameters()).isTrue();
        assertThat(options.poolKind()).isEqualTo(PoolKind.STATIC);
        assertThat(options.poolSize()).isEqualTo(1);
        assertThat(options.maxOverflow()).isZero();
        assertThat(options.poolTimeout()).isNull();
        assertThat(options.poolRecycle()).isEqualTo(Duration.ofHours(1));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.prePing()).isTrue();
        assertThat(options.isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.releaseTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.name()).isEqualTo("orders");
    }

    @Test
    void toBuilderRoundTrips() {
        EngineOptions options = custom();

        assertThat(options.toBuilder().build()).usingRecursiveComparison().isEqualTo(options);
        assertThat(EngineOptions.defaults().toBuilder().build()).usingRecursiveComparison()
                .isEqualTo(EngineOptions.defaults());
        assertThat(EngineOptions.builder().maxOverflow(0).build().toBuilder().build().idleTimeout()).isNull();
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        EngineOptions options = custom();

        EngineOptions changed = options.toBuilder().poolSize(20).echo(false).build();

        assertThat(changed.poolSize()).isEqualTo(20);
        assertThat(changed.echo()).isFalse();
        assertThat(changed).usingRecursiveComparison().ignoringFields("poolSize", "echo").isEqualTo(options);
        assertThat(options.poolSize()).as("original unchanged").isEqualTo(1);
        assertThat(options.echo()).as("original unchanged").isTrue();
    }

    @Test
    void toBuilderKeepsTheIdleTimeoutDerivedFromMaxOverflow() {
        EngineOptions noOverflow = EngineOptions.defaults().toBuilder().maxOverflow(0).build();

        assertThat(noOverflow.idleTimeout()).isEqualTo(EngineOptions.builder().maxOverflow(0).build().idleTimeout())
                .isNull();
    }

    @Test
    void toStringShowsTheSettings() {
        assertThat(EngineOptions.defaults().toString())
                .startsWith("EngineOptions[")
                .contains("poolKind=QUEUE", "poolSize=5", "maxOverflow=10", "poolTimeout=PT30S", "idleTimeout=PT1M",
                        "name=retort");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void poolSizeMustBeAtLeastOne(int size) {
        assertThatThrownBy(() -> EngineOptions.builder().poolSize(size))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("poolSize must be at least 1, was " + size);
    }

    @Test
    void maxOverflowMustNotBeNegative() {
        assertThatThrownBy(() -> EngineOptions.builder().maxOverflow(-1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxOverflow must be at least 0, was -1");
    }

    static Stream<Arguments> durationSetters() {
        return Stream.of(
                Arguments.of("poolTimeout", (DurationSetter) EngineOptions.Builder::poolTimeout),
                Arguments.of("poolRecycle", (DurationSetter) EngineOptions.Builder::poolRecycle),
                Arguments.of("idleTimeout", (DurationSetter) EngineOptions.Builder::idleTimeout),
                Arguments.of("connectTimeout", (DurationSetter) EngineOptions.Builder::connectTimeout),
                Arguments.of("releaseTimeout", (DurationSetter) EngineOptions.Builder::releaseTimeout));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationSetters")
    void durationsMustBePositive(String name, DurationSetter setter) {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(-1)}) {
            assertThatThrownBy(() -> setter.set(EngineOptions.builder(), bad))
                    .as("%s(%s)", name, bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(name + " must be positive, was " + bad);
        }
        assertThat(setter.set(EngineOptions.builder(), Duration.ofNanos(1))).isNotNull();
    }

    @Test
    void optionalDurationsAcceptNull() {
        EngineOptions options = EngineOptions.builder().poolTimeout(null).poolRecycle(null).idleTimeout(null).build();

        assertThat(options.poolTimeout()).isNull();
        assertThat(options.poolRecycle()).isNull();
        assertThat(options.idleTimeout()).isNull();
    }

    @Test
    void requiredDurationsAndPoolKindRefuseNull() {
        assertRefusesNull(builder -> builder.connectTimeout(null));
        assertRefusesNull(builder -> builder.releaseTimeout(null));
        assertRefusesNull(builder -> builder.poolKind(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void nameMustNotBeBlank(String name) {
        assertThatThrownBy(() -> EngineOptions.builder().name(name))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("name must not be blank");
    }

    @Test
    void nameMustNotBeNull() {
        assertThatThrownBy(() -> EngineOptions.builder().name(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("name must not be blank");
    }

    private static void assertRefusesNull(Consumer<EngineOptions.Builder> setter) {
        assertThatThrownBy(() -> setter.accept(EngineOptions.builder())).isInstanceOf(NullPointerException.class);
    }

    private static EngineOptions custom() {
        return EngineOptions.builder()
                .echo(true)
                .echoPool(true)
                .hideParameters(true)
                .poolKind(PoolKind.STATIC)
                .poolSize(1)
                .maxOverflow(0)
                .poolTimeout(null)
                .poolRecycle(Duration.ofHours(1))
                .idleTimeout(Duration.ofSeconds(90))
                .prePing(true)
                .isolationLevel(IsolationLevel.READ_COMMITTED)
                .connectTimeout(Duration.ofSeconds(3))
                .releaseTimeout(Duration.ofMillis(500))
                .name("orders")
                .build();
    }

    @FunctionalInterface
    interface DurationSetter {
        EngineOptions.Builder set(EngineOptions.Builder builder, Duration value);
    }
}
