package dev.retort.core.types;

import static dev.retort.core.types.Types.BIGINT;
import static dev.retort.core.types.Types.BOOLEAN;
import static dev.retort.core.types.Types.DATE;
import static dev.retort.core.types.Types.DATETIME;
import static dev.retort.core.types.Types.DOUBLE;
import static dev.retort.core.types.Types.FLOAT;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.JSON;
import static dev.retort.core.types.Types.JSON_TEXT;
import static dev.retort.core.types.Types.LARGE_BINARY;
import static dev.retort.core.types.Types.NUMERIC;
import static dev.retort.core.types.Types.SMALLINT;
import static dev.retort.core.types.Types.STRING;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.TIME;
import static dev.retort.core.types.Types.TIMESTAMP;
import static dev.retort.core.types.Types.UUID;
import static dev.retort.core.types.Types.datetime;
import static dev.retort.core.types.Types.enumOf;
import static dev.retort.core.types.Types.largeBinary;
import static dev.retort.core.types.Types.numeric;
import static dev.retort.core.types.Types.string;
import static dev.retort.core.types.Types.text;
import static dev.retort.core.types.Types.time;
import static dev.retort.core.types.Types.timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.InvalidRequestException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conversions of every standard type, without a database. */
class TypesTest {

    enum Color {
        RED, GREEN {
            @Override
            public String toString() {
                return "green!";
            }
        },
        BLUE
    }

    enum Other {
        RED
    }

    /** Every standard type maps null to null in both directions. */
    @Test
    void nullStaysNullInBothDirections() {
        List<SqlType<?>> all = List.of(INTEGER, BIGINT, SMALLINT, STRING, string(3), TEXT, text(100), BOOLEAN,
                DATETIME, datetime(6), DATE, TIME, time(6), TIMESTAMP, timestamp(6), FLOAT, DOUBLE, NUMERIC,
                numeric(10, 2), JSON, JSON_TEXT, enumOf("a", "b"), enumOf(Color.class), LARGE_BINARY,
                largeBinary(10), UUID);
        for (SqlType<?> type : all) {
            assertThat(type.toDriver(null)).as("%s.toDriver(null)", type).isNull();
            assertThat(type.fromDriver(null)).as("%s.fromDriver(null)", type).isNull();
        }
    }

    @Test
    void javaTypes() {
        assertThat(INTEGER.javaType()).isEqualTo(Integer.class);
        assertThat(BIGINT.javaType()).isEqualTo(Long.class);
        assertThat(SMALLINT.javaType()).isEqualTo(Short.class);
        assertThat(string(5).javaType()).isEqualTo(String.class);
        assertThat(TEXT.javaType()).isEqualTo(String.class);
        assertThat(BOOLEAN.javaType()).isEqualTo(Boolean.class);
        assertThat(DATETIME.javaType()).isEqualTo(LocalDateTime.class);
        assertThat(DATE.javaType()).isEqualTo(LocalDate.class);
        assertThat(TIME.javaType()).isEqualTo(LocalTime.class);
        assertThat(TIMESTAMP.javaType()).isEqualTo(Instant.class);
        assertThat(FLOAT.javaType()).isEqualTo(Float.class);
        assertThat(DOUBLE.javaType()).isEqualTo(Double.class);
        assertThat(numeric(10, 2).javaType()).isEqualTo(BigDecimal.class);
        assertThat(JSON.javaType()).isEqualTo(Object.class);
        assertThat(enumOf("a").javaType()).isEqualTo(String.class);
        assertThat(enumOf(Color.class).javaType()).isEqualTo(Color.class);
        assertThat(LARGE_BINARY.javaType()).isEqualTo(byte[].class);
        assertThat(UUID.javaType()).isEqualTo(java.util.UUID.class);
    }

    /** accept() calls the visitor method of the type's own kind. */
    @Test
    @SuppressWarnings("unchecked")
    void visitorDispatch() {
        TypeVisitor<String> names = (TypeVisitor<String>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TypeVisitor.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "visitor" : null;
                    }
                    return method.getName() + ":" + args[0];
                });
        assertThat(INTEGER.accept(names)).isEqualTo("visitInteger:INTEGER");
        assertThat(BIGINT.accept(names)).isEqualTo("visitBigInteger:BIGINT");
        assertThat(SMALLINT.accept(names)).isEqualTo("visitSmallInteger:SMALLINT");
        assertThat(string(7).accept(names)).isEqualTo("visitString:VARCHAR(7)");
        assertThat(TEXT.accept(names)).isEqualTo("visitText:TEXT");
        assertThat(BOOLEAN.accept(names)).isEqualTo("visitBoolean:BOOLEAN");
        assertThat(datetime(3).accept(names)).isEqualTo("visitDateTime:DATETIME(3)");
        assertThat(DATE.accept(names)).isEqualTo("visitDate:DATE");
        assertThat(time(6).accept(names)).isEqualTo("visitTime:TIME(6)");
        assertThat(timestamp(6).accept(names)).isEqualTo("visitTimestamp:TIMESTAMP(6)");
        assertThat(FLOAT.accept(names)).isEqualTo("visitFloat:FLOAT");
        assertThat(DOUBLE.accept(names)).isEqualTo("visitDouble:DOUBLE");
        assertThat(numeric(10, 2).accept(names)).isEqualTo("visitNumeric:DECIMAL(10, 2)");
        assertThat(JSON.accept(names)).isEqualTo("visitJson:JSON");
        assertThat(JSON_TEXT.accept(names)).isEqualTo("visitJson:JSON_TEXT");
        assertThat(enumOf("a", "b").accept(names)).isEqualTo("visitEnum:ENUM[a, b]");
        assertThat(LARGE_BINARY.accept(names)).isEqualTo("visitLargeBinary:BLOB");
        assertThat(UUID.accept(names)).isEqualTo("visitUuid:UUID");
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    class Integers {

        @Test
        void integerConvertsExactly() {
            assertThat(INTEGER.toDriver(42)).isEqualTo(42);
            assertThat(INTEGER.toDriver(42L)).isInstanceOf(Integer.class).isEqualTo(42);
            assertThat(INTEGER.toDriver((short) 7)).isInstanceOf(Integer.class).isEqualTo(7);
            assertThat(INTEGER.toDriver((byte) -3)).isEqualTo(-3);
            assertThat(INTEGER.toDriver(new BigDecimal("5.000"))).isEqualTo(5);
            assertThat(INTEGER.toDriver(BigInteger.TEN)).isEqualTo(10);
            assertThat(INTEGER.toDriver(3.0d)).isEqualTo(3);
            assertThat(INTEGER.fromDriver((long) Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
            assertThat(INTEGER.fromDriver((long) Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
            assertThat(INTEGER.fromDriver(true)).isEqualTo(1);
            assertThat(INTEGER.fromDriver(false)).isEqualTo(0);
        }

        @Test
        void integerRefusesLossAndNonNumbers() {
            assertThatThrownBy(() -> INTEGER.toDriver(Integer.MAX_VALUE + 1L))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("2147483648").hasMessageContaining("Integer");
            assertThatThrownBy(() -> INTEGER.fromDriver(Integer.MIN_VALUE - 1L)).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> INTEGER.toDriver(1.5d)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("1.5");
            assertThatThrownBy(() -> INTEGER.toDriver("12")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("INTEGER").hasMessageContaining("java.lang.String")
                    .hasMessageContaining("java.lang.Integer");
            assertThatThrownBy(() -> INTEGER.fromDriver(LocalDate.EPOCH)).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void bigintEdges() {
            assertThat(BIGINT.toDriver(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
            assertThat(BIGINT.toDriver(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
            assertThat(BIGINT.toDriver(7)).isInstanceOf(Long.class).isEqualTo(7L);
            assertThat(BIGINT.fromDriver(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
            assertThat(BIGINT.fromDriver(new BigDecimal(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
            assertThatThrownBy(() -> BIGINT.fromDriver(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("9223372036854775808");
            assertThatThrownBy(() -> BIGINT.toDriver("1")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("BIGINT");
        }

        @Test
        void smallintEdges() {
            assertThat(SMALLINT.toDriver(Short.MAX_VALUE)).isEqualTo(Short.MAX_VALUE);
            assertThat(SMALLINT.toDriver(-32768)).isInstanceOf(Short.class).isEqualTo((short) -32768);
            assertThat(SMALLINT.fromDriver(32767L)).isEqualTo((short) 32767);
            assertThatThrownBy(() -> SMALLINT.toDriver(32768)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("32768").hasMessageContaining("Short");
            assertThatThrownBy(() -> SMALLINT.toDriver(-32769)).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void toStrings() {
            assertThat(INTEGER).hasToString("INTEGER");
            assertThat(BIGINT).hasToString("BIGINT");
            assertThat(SMALLINT).hasToString("SMALLINT");
        }
    }

    @Nested
    class Floats {

        @Test
        void floatAndDouble() {
            assertThat(FLOAT.toDriver(1.5f)).isEqualTo(1.5f);
            assertThat(FLOAT.toDriver(1.5d)).isInstanceOf(Float.class).isEqualTo(1.5f);
            assertThat(FLOAT.fromDriver(Float.MAX_VALUE)).isEqualTo(Float.MAX_VALUE);
            assertThat(FLOAT.fromDriver(-Float.MIN_VALUE)).isEqualTo(-Float.MIN_VALUE);
            assertThat(FLOAT.fromDriver(3)).isEqualTo(3.0f);
            assertThat(DOUBLE.toDriver(Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
            assertThat(DOUBLE.toDriver(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
            assertThat(DOUBLE.toDriver(-0.0d)).isEqualTo(-0.0d);
            assertThat(DOUBLE.fromDriver(1.25f)).isInstanceOf(Double.class).isEqualTo(1.25d);
            assertThat(DOUBLE.fromDriver(new BigDecimal("0.1"))).isEqualTo(0.1d);
            assertThat(DOUBLE.fromDriver(10L)).isEqualTo(10.0d);
            assertThatThrownBy(() -> DOUBLE.toDriver("1.0")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("DOUBLE");
            assertThatThrownBy(() -> FLOAT.fromDriver("1.0")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("FLOAT");
            assertThat(FLOAT).hasToString("FLOAT");
            assertThat(DOUBLE).hasToString("DOUBLE");
        }

        /** SqlType.toDriver: "@throws InvalidRequestException when the value does not fit" - as INTEGER does. */
        @Test
        void finiteValuesTooLargeForTheTypeAreRefused() {
            assertThatThrownBy(() -> FLOAT.toDriver(1e300d)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Float");
            assertThatThrownBy(() -> DOUBLE.toDriver(new BigDecimal("1e400"))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Double");
        }

        /** Widening/narrowing between float and double follows Java, non-finite values included. */
        @Test
        void nonFiniteValuesConvertBetweenFloatAndDouble() {
            assertThat(DOUBLE.fromDriver(Float.NaN)).isNaN();
            assertThat(DOUBLE.fromDriver(Float.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(FLOAT.fromDriver(Double.NaN)).isNaN();
            assertThat(FLOAT.toDriver(Double.NEGATIVE_INFINITY)).isEqualTo(Float.NEGATIVE_INFINITY);
        }
    }

    @Nested
    class Booleans {

        @Test
        void fromNumbersAndBooleans() {
            assertThat(BOOLEAN.toDriver(true)).isEqualTo(true);
            assertThat(BOOLEAN.toDriver(false)).isEqualTo(false);
            assertThat(BOOLEAN.fromDriver((byte) 1)).isTrue();
            assertThat(BOOLEAN.fromDriver((byte) 0)).isFalse();
            assertThat(BOOLEAN.fromDriver(1)).isTrue();
            assertThat(BOOLEAN.fromDriver(0L)).isFalse();
            assertThat(BOOLEAN.fromDriver((short) -1)).isTrue();
            assertThat(BOOLEAN.fromDriver(BigInteger.ONE)).isTrue();
            assertThat(BOOLEAN.fromDriver(new BigDecimal("0.00"))).isFalse();
            assertThat(BOOLEAN.toDriver(1)).isEqualTo(true);
        }

        @Test
        void refusesText() {
            assertThatThrownBy(() -> BOOLEAN.fromDriver("true")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("BOOLEAN").hasMessageContaining("java.lang.String");
            assertThat(BOOLEAN).hasToString("BOOLEAN");
        }
    }

    @Nested
    class Decimals {

        @Test
        void keepsScaleAndConvertsNumbersExactly() {
            SqlType<BigDecimal> money = numeric(10, 2);
            BigDecimal value = new BigDecimal("1.50");
            assertThat(money.toDriver(value)).isSameAs(value);
            assertThat(((BigDecimal) money.toDriver(value)).scale()).isEqualTo(2);
            assertThat(money.fromDriver(new BigDecimal("12345678.90"))).isEqualByComparingTo("12345678.9")
                    .satisfies(read -> assertThat(read.scale()).isEqualTo(2));
            assertThat(money.toDriver(42)).isEqualTo(new BigDecimal("42"));
            assertThat(money.toDriver(Long.MAX_VALUE)).isEqualTo(new BigDecimal(Long.MAX_VALUE));
            assertThat(money.toDriver(1.1f)).isEqualTo(new BigDecimal("1.1"));
            assertThat(money.toDriver(0.1d)).isEqualTo(new BigDecimal("0.1"));
            BigInteger huge = BigInteger.TEN.pow(40);
            assertThat(numeric(65, 0).fromDriver(huge)).isEqualTo(new BigDecimal(huge));
            assertThatThrownBy(() -> money.toDriver("1.50")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("DECIMAL(10, 2)");
        }

        @Test
        void precisionAndScaleArguments() {
            NumericType max = (NumericType) numeric(65, 30);
            assertThat(max.precision()).isEqualTo(65);
            assertThat(max.scale()).isEqualTo(30);
            assertThat(((NumericType) numeric(1, 0)).precision()).isEqualTo(1);
            assertThat(((NumericType) numeric(1, 1)).scale()).isEqualTo(1);
            assertThat(((NumericType) NUMERIC).precision()).isNull();
            assertThat(((NumericType) NUMERIC).scale()).isZero();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 66, 1000})
        void badPrecisionRefused(int precision) {
            assertThatThrownBy(() -> numeric(precision, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("precision").hasMessageContaining(String.valueOf(precision));
        }

        @Test
        void badScaleRefused() {
            assertThatThrownBy(() -> numeric(10, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("scale").hasMessageContaining("-1");
            assertThatThrownBy(() -> numeric(65, 31)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("31");
            assertThatThrownBy(() -> numeric(5, 6)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("precision");
        }

        @Test
        void equalityAndText() {
            assertThat(numeric(10, 2)).isEqualTo(numeric(10, 2)).hasSameHashCodeAs(numeric(10, 2))
                    .isNotEqualTo(numeric(10, 3)).isNotEqualTo(numeric(11, 2)).isNotEqualTo(NUMERIC)
                    .isNotEqualTo(DOUBLE).isNotEqualTo(null);
            assertThat(NUMERIC).isEqualTo(NUMERIC).isNotEqualTo(numeric(10, 0));
            assertThat(numeric(10, 2)).hasToString("DECIMAL(10, 2)");
            assertThat(NUMERIC).hasToString("DECIMAL");
        }
    }

    @Nested
    class Strings {

        @Test
        void varcharAcceptsUpToItsLengthInCodePoints() {
            SqlType<String> five = string(5);
            assertThat(five.toDriver("hello")).isEqualTo("hello");
            assertThat(five.toDriver("")).isEqualTo("");
            String emoji = "😀😀😀😀😀"; // 5 code points, 10 UTF-16 chars
            assertThat(emoji.length()).isEqualTo(10);
            assertThat(five.toDriver(emoji)).isEqualTo(emoji);
            assertThat(string(1).toDriver("𝄞")).isEqualTo("𝄞");
        }

        @Test
        void varcharRefusesLongerValuesBeforeSending() {
            assertThatThrownBy(() -> string(5).toDriver("hello!")).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("A value of 6 characters does not fit in VARCHAR(5)");
            assertThatThrownBy(() -> string(5).toDriver("😀😀😀😀😀😀"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("6 characters").hasMessageContaining("VARCHAR(5)");
            assertThatThrownBy(() -> string(1).toDriver("ab")).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void varcharWithoutLengthTakesAnything() {
            String big = "x".repeat(100_000);
            assertThat(STRING.toDriver(big)).isEqualTo(big);
            assertThat(((StringType) STRING).length()).isNull();
            assertThat(((StringType) string(30)).length()).isEqualTo(30);
        }

        @Test
        void stringConversions() {
            assertThat(string(5).toDriver(new StringBuilder("abc"))).isEqualTo("abc");
            assertThat(string(5).toDriver('c')).isEqualTo("c");
            assertThat(string(5).fromDriver("é€😀".getBytes(StandardCharsets.UTF_8))).isEqualTo("é€😀");
            assertThatThrownBy(() -> string(5).toDriver(12)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("VARCHAR(5)").hasMessageContaining("java.lang.Integer");
        }

        @Test
        void varcharArgumentsAndEquality() {
            assertThatThrownBy(() -> string(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0");
            assertThatThrownBy(() -> string(-5)).isInstanceOf(IllegalArgumentException.class);
            assertThat(string(5)).isEqualTo(string(5)).hasSameHashCodeAs(string(5)).isNotEqualTo(string(6))
                    .isNotEqualTo(STRING).isNotEqualTo(text(5));
            assertThat(string(5)).hasToString("VARCHAR(5)");
            assertThat(STRING).hasToString("VARCHAR");
        }

        @Test
        void textTypes() {
            String big = "😀".repeat(50_000);
            assertThat(TEXT.toDriver(big)).isEqualTo(big);
            assertThat(TEXT.fromDriver("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo("abc");
            assertThat(((TextType) TEXT).length()).isNull();
            assertThat(((TextType) Types.text(70_000)).length()).isEqualTo(70_000L);
            assertThat(TEXT).hasToString("TEXT").isEqualTo(TEXT).isNotEqualTo(Types.text(10));
            assertThat(Types.text(10)).hasToString("TEXT(10)").isEqualTo(Types.text(10))
                    .hasSameHashCodeAs(Types.text(10));
            assertThatThrownBy(() -> Types.text(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TEXT.toDriver(1)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("TEXT");
        }
    }

    @Nested
    class DatesAndTimes {

        @Test
        void datetimeIsPassedThroughUnchanged() {
            LocalDateTime value = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);
            assertThat(datetime(6).toDriver(value)).isSameAs(value);
            assertThat(DATETIME.fromDriver(value)).isSameAs(value);
            assertThat(datetime(6).toDriver(LocalDateTime.MIN)).isEqualTo(LocalDateTime.MIN);
            assertThatThrownBy(() -> DATETIME.toDriver("2024-01-01 00:00:00"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("DATETIME");
            assertThatThrownBy(() -> DATETIME.toDriver(Instant.EPOCH)).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void fractionalSecondsPrecision() {
            assertThat(((DateTimeType) datetime(6)).fsp()).isEqualTo(6);
            assertThat(((DateTimeType) DATETIME).fsp()).isZero();
            assertThat(((TimeType) time(3)).fsp()).isEqualTo(3);
            assertThat(((TimestampType) timestamp(6)).fsp()).isEqualTo(6);
            for (int bad : new int[] {-1, 7}) {
                assertThatThrownBy(() -> datetime(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(String.valueOf(bad));
                assertThatThrownBy(() -> time(bad)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> timestamp(bad)).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void equalityAndText() {
            assertThat(datetime(6)).isEqualTo(datetime(6)).hasSameHashCodeAs(datetime(6)).isNotEqualTo(DATETIME)
                    .isNotEqualTo(timestamp(6)).hasToString("DATETIME(6)");
            assertThat(datetime(0)).isEqualTo(DATETIME).hasToString("DATETIME");
            assertThat(time(6)).isEqualTo(time(6)).hasSameHashCodeAs(time(6)).isNotEqualTo(TIME).hasToString("TIME(6)");
            assertThat(TIME).hasToString("TIME");
            assertThat(timestamp(6)).isEqualTo(timestamp(6)).hasSameHashCodeAs(timestamp(6)).isNotEqualTo(TIMESTAMP)
                    .hasToString("TIMESTAMP(6)");
            assertThat(TIMESTAMP).hasToString("TIMESTAMP");
            assertThat(DATE).hasToString("DATE");
        }

        @Test
        void date() {
            LocalDate value = LocalDate.of(1000, 1, 1);
            assertThat(DATE.toDriver(value)).isSameAs(value);
            assertThat(DATE.fromDriver(LocalDate.of(9999, 12, 31))).isEqualTo(LocalDate.of(9999, 12, 31));
            assertThatThrownBy(() -> DATE.fromDriver(LocalDateTime.of(2020, 1, 1, 0, 0)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("DATE");
            assertThatThrownBy(() -> DATE.toDriver("2020-01-01")).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void timeFromLocalTimeAndDuration() {
            LocalTime value = LocalTime.of(13, 5, 0, 123_456_000);
            assertThat(time(6).toDriver(value)).isSameAs(value);
            assertThat(time(6).fromDriver(Duration.ofHours(13).plusMinutes(5).plusNanos(123_456_000)))
                    .isEqualTo(value);
            assertThat(time(6).toDriver(Duration.ofMinutes(90))).isEqualTo(LocalTime.of(1, 30));
            assertThat(TIME.fromDriver(Duration.ZERO)).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(TIME.fromDriver(Duration.ofDays(1).minusNanos(1000))).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        }

        @Test
        void timeRefusesDurationsOutsideADay() {
            assertThatThrownBy(() -> TIME.fromDriver(Duration.ofHours(24))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("TIME").hasMessageContaining("Duration");
            assertThatThrownBy(() -> TIME.fromDriver(Duration.ofHours(838))).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> TIME.toDriver(Duration.ofSeconds(-1))).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> TIME.toDriver("12:00")).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void timestampWritesUtcWallClock() {
            Instant instant = Instant.parse("2024-03-10T12:34:56.123456Z");
            assertThat(timestamp(6).toDriver(instant)).isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 34, 56, 123_456_000));
            OffsetDateTime auckland = OffsetDateTime.of(2024, 3, 11, 1, 34, 56, 123_456_000, ZoneOffset.ofHours(13));
            assertThat(timestamp(6).toDriver(auckland)).isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 34, 56, 123_456_000));
            ZonedDateTime la = instant.atZone(ZoneId.of("America/Los_Angeles"));
            assertThat(timestamp(6).toDriver(la)).isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 34, 56, 123_456_000));
            // a LocalDateTime is read as UTC wall-clock time
            assertThat(timestamp(6).toDriver(LocalDateTime.of(2024, 3, 10, 12, 34, 56)))
                    .isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 34, 56));
        }

        @Test
        void timestampReadsThroughUtc() {
            Instant instant = Instant.parse("2038-01-19T03:14:07.999999Z");
            assertThat(TIMESTAMP.fromDriver(LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_000))).isEqualTo(instant);
            assertThat(TIMESTAMP.fromDriver(instant)).isSameAs(instant);
            assertThat(TIMESTAMP.fromDriver(instant.atOffset(ZoneOffset.ofHours(-5)))).isEqualTo(instant);
            assertThat(TIMESTAMP.fromDriver(instant.atZone(ZoneId.of("Asia/Kolkata")))).isEqualTo(instant);
            assertThatThrownBy(() -> TIMESTAMP.fromDriver(LocalDate.EPOCH)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("TIMESTAMP");
            assertThatThrownBy(() -> TIMESTAMP.toDriver("2024-01-01T00:00:00Z"))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> TIMESTAMP.toDriver(1_700_000_000L)).isInstanceOf(InvalidRequestException.class);
        }

        /** The JVM's default zone plays no part in TIMESTAMP conversions. */
        @Test
        void timestampIgnoresTheJvmZone() {
            Instant instant = Instant.parse("2024-07-01T00:30:00Z");
            TimeZone saved = TimeZone.getDefault();
            try {
                TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
                assertThat(TIMESTAMP.toDriver(instant)).isEqualTo(LocalDateTime.of(2024, 7, 1, 0, 30));
                assertThat(TIMESTAMP.fromDriver(LocalDateTime.of(2024, 7, 1, 0, 30))).isEqualTo(instant);
                TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
                assertThat(TIMESTAMP.toDriver(instant)).isEqualTo(LocalDateTime.of(2024, 7, 1, 0, 30));
                assertThat(TIMESTAMP.fromDriver(LocalDateTime.of(2024, 7, 1, 0, 30))).isEqualTo(instant);
            } finally {
                TimeZone.setDefault(saved);
            }
        }
    }

    @Nested
    class Enums {

        @Test
        void stringLabels() {
            SqlType<String> status = enumOf("draft", "published", "💡");
            assertThat(status.toDriver("draft")).isEqualTo("draft");
            assertThat(status.toDriver("💡")).isEqualTo("💡");
            assertThat(status.fromDriver("published")).isEqualTo("published");
            assertThat(((EnumType<?>) status).labels()).containsExactly("draft", "published", "💡");
            assertThat(status).hasToString("ENUM[draft, published, 💡]");
        }

        @Test
        void unknownLabelRefusedWithClearMessage() {
            SqlType<String> status = enumOf("draft", "published");
            assertThatThrownBy(() -> status.toDriver("archived")).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("'archived' is not one of ENUM[draft, published]");
            assertThatThrownBy(() -> status.toDriver("Draft")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'Draft'");
            assertThatThrownBy(() -> status.toDriver("")).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void labelArguments() {
            assertThatThrownBy(() -> enumOf()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one");
            assertThatThrownBy(() -> enumOf("a", "b", "a")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("distinct");
        }

        @Test
        void javaEnumStoredByName() {
            SqlType<Color> color = enumOf(Color.class);
            assertThat(color.javaType()).isEqualTo(Color.class);
            assertThat(((EnumType<?>) color).labels()).containsExactly("RED", "GREEN", "BLUE");
            assertThat(color.toDriver(Color.RED)).isEqualTo("RED");
            assertThat(color.toDriver(Color.GREEN)).isEqualTo("GREEN"); // name(), not toString()
            assertThat(color.toDriver("BLUE")).isEqualTo("BLUE");
            assertThat(color.fromDriver("GREEN")).isSameAs(Color.GREEN);
            assertThat(color.fromDriver("BLUE")).isSameAs(Color.BLUE);
            assertThat(color).hasToString("ENUM<Color>[RED, GREEN, BLUE]");
        }

        @Test
        void javaEnumUnknownValues() {
            SqlType<Color> color = enumOf(Color.class);
            assertThatThrownBy(() -> color.toDriver("PURPLE")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'PURPLE'").hasMessageContaining("RED, GREEN, BLUE");
            assertThatThrownBy(() -> color.fromDriver("red")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'red'").hasMessageContaining(Color.class.getName());
        }

        @Test
        void equality() {
            assertThat(enumOf("a", "b")).isEqualTo(enumOf("a", "b")).hasSameHashCodeAs(enumOf("a", "b"))
                    .isNotEqualTo(enumOf("b", "a")).isNotEqualTo(enumOf("a"));
            assertThat(enumOf(Color.class)).isEqualTo(enumOf(Color.class)).hasSameHashCodeAs(enumOf(Color.class))
                    .isNotEqualTo(enumOf("RED", "GREEN", "BLUE"));
            assertThat(enumOf(Other.class)).isNotEqualTo(enumOf("RED"));
        }
    }

    @Nested
    class JsonDocuments {

        @Test
        void documentWritesCompactJson() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", "Zoë 😀");
            doc.put("tags", List.of("a", "b"));
            doc.put("n", 1);
            doc.put("none", null);
            doc.put("ok", true);
            assertThat(JSON.toDriver(doc)).isEqualTo("{\"name\":\"Zoë 😀\",\"tags\":[\"a\",\"b\"],\"n\":1,\"none\":null,\"ok\":true}");
            assertThat(JSON.toDriver(List.of())).isEqualTo("[]");
            assertThat(JSON.toDriver(42)).isEqualTo("42");
            assertThat(JSON.toDriver(false)).isEqualTo("false");
        }

        @Test
        void aJavaStringIsAJsonStringValue() {
            assertThat(JSON.toDriver("abc")).isEqualTo("\"abc\"");
            assertThat(JSON.toDriver("{\"a\":1}")).isEqualTo("\"{\\\"a\\\":1}\"");
            assertThat(JSON.fromDriver("\"abc\"")).isEqualTo("abc");
        }

        @Test
        void documentReadsMapsListsAndExactNumbers() {
            Object read = JSON.fromDriver(
                    "{\"a\": [1, 3000000000, 123456789012345678901234567890, 1.50, {\"b\": null}], \"c\": false}");
            assertThat(read).isInstanceOf(LinkedHashMap.class);
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) read;
            assertThat(map.keySet()).containsExactly("a", "c");
            assertThat(map.get("a")).isInstanceOf(ArrayList.class);
            List<?> list = (List<?>) map.get("a");
            assertThat(list.get(0)).isEqualTo(1);
            assertThat(list.get(1)).isEqualTo(3_000_000_000L);
            assertThat(list.get(2)).isEqualTo(new BigInteger("123456789012345678901234567890"));
            assertThat(list.get(3)).isEqualTo(new BigDecimal("1.50"));
            assertThat(list.get(4)).isEqualTo(Collections.singletonMap("b", null));
            assertThat(map.get("c")).isEqualTo(false);
            assertThat(JSON.fromDriver("null")).isNull();
        }

        @Test
        void documentRoundTripThroughText() {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("x", Arrays.asList(1, null, "é"));
            inner.put("big", new BigInteger("98765432109876543210"));
            inner.put("dec", new BigDecimal("-0.000001"));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("list", List.of(inner, Map.of("k", "v")));
            Object text = JSON.toDriver(doc);
            assertThat(JSON.fromDriver(text)).isEqualTo(doc);
            assertThat(JSON.fromDriver(((String) text).getBytes(StandardCharsets.UTF_8))).isEqualTo(doc);
        }

        @Test
        void documentErrors() {
            assertThatThrownBy(() -> JSON.fromDriver("{bad")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("offset");
            assertThatThrownBy(() -> JSON.toDriver(new Object())).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> JSON.toDriver(Double.NaN)).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void textPassesThroughAsWritten() {
            String json = "{ \"b\" : 1,   \"a\": [true, null] }";
            assertThat(JSON_TEXT.toDriver(json)).isEqualTo(json);
            assertThat(JSON_TEXT.fromDriver(json)).isEqualTo(json);
            assertThat(JSON_TEXT.fromDriver("[1]".getBytes(StandardCharsets.UTF_8))).isEqualTo("[1]");
            assertThat(JSON_TEXT.toDriver("\"just a string\"")).isEqualTo("\"just a string\"");
        }

        @Test
        void textRefusesMalformedJsonAndNonStrings() {
            assertThatThrownBy(() -> JSON_TEXT.toDriver("{\"a\": }")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("offset");
            assertThatThrownBy(() -> JSON_TEXT.toDriver("abc")).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> JSON_TEXT.toDriver(Map.of("a", 1))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("JSON_TEXT").hasMessageContaining("String");
        }

        @Test
        void flavours() {
            assertThat(((JsonType) JSON).isText()).isFalse();
            assertThat(((JsonType) JSON_TEXT).isText()).isTrue();
            assertThat(JSON).hasToString("JSON").isNotEqualTo(JSON_TEXT);
            assertThat(JSON_TEXT).hasToString("JSON_TEXT");
        }
    }

    @Nested
    class Binary {

        @Test
        void bytesAndBuffers() {
            byte[] bytes = {0, 1, (byte) 0xff, (byte) 0x80};
            assertThat(LARGE_BINARY.toDriver(bytes)).isSameAs(bytes);
            assertThat(LARGE_BINARY.fromDriver(new byte[0])).isEmpty();
            ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3});
            buffer.get(); // position 1
            assertThat(LARGE_BINARY.fromDriver(buffer)).containsExactly(1, 2, 3);
            assertThat(buffer.position()).isEqualTo(1);
            assertThatThrownBy(() -> LARGE_BINARY.toDriver("bytes")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("java.lang.String").hasMessageContaining("BLOB");
        }

        @Test
        void lengthsAndEquality() {
            assertThat(((LargeBinaryType) LARGE_BINARY).length()).isNull();
            assertThat(((LargeBinaryType) largeBinary(1L << 32)).length()).isEqualTo(1L << 32);
            assertThatThrownBy(() -> largeBinary(0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(largeBinary(16)).isEqualTo(largeBinary(16)).hasSameHashCodeAs(largeBinary(16))
                    .isNotEqualTo(LARGE_BINARY).hasToString("BLOB(16)");
            assertThat(LARGE_BINARY).hasToString("BLOB");
        }
    }

    @Nested
    class Uuids {

        private final java.util.UUID id = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        @Test
        void writtenAsCanonicalLowerCaseText() {
            assertThat(UUID.toDriver(id)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
            assertThat(UUID.toDriver("123E4567-E89B-12D3-A456-426614174000"))
                    .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
            assertThat(UUID.toDriver(new java.util.UUID(0, 0))).isEqualTo("00000000-0000-0000-0000-000000000000");
        }

        @Test
        void readFromTextAndFromSixteenBytes() {
            assertThat(UUID.fromDriver("123e4567-e89b-12d3-a456-426614174000")).isEqualTo(id);
            assertThat(UUID.fromDriver(" 123e4567-e89b-12d3-a456-426614174000 ")).isEqualTo(id);
            assertThat(UUID.fromDriver(id)).isSameAs(id);
            byte[] bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits()).array();
            assertThat(UUID.fromDriver(bytes)).isEqualTo(id);
            byte[] ones = new byte[16];
            Arrays.fill(ones, (byte) 0xff);
            assertThat(UUID.fromDriver(ones)).isEqualTo(new java.util.UUID(-1L, -1L));
        }

        @Test
        void refusesWhatIsNotAUuid() {
            assertThatThrownBy(() -> UUID.fromDriver("not-a-uuid")).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'not-a-uuid' is not a UUID");
            assertThatThrownBy(() -> UUID.toDriver("")).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> UUID.fromDriver(new byte[15])).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("not a UUID");
            assertThatThrownBy(() -> UUID.fromDriver(42L)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("java.lang.Long");
            assertThat(UUID).hasToString("UUID");
        }
    }

    @Nested
    class ConversionsDirectly {

        @Test
        void primitivesAndNulls() {
            assertThat(Conversions.convert(5L, int.class, "c")).isEqualTo(5);
            assertThat(Conversions.convert(null, Integer.class, "c")).isNull();
            assertThatThrownBy(() -> Conversions.convert(null, int.class, "qty"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'qty'")
                    .hasMessageContaining("NULL");
            assertThat(Conversions.convert((byte) 1, boolean.class, "flag")).isTrue();
            assertThat(Conversions.convert(7, Number.class, "n")).isEqualTo(7);
            assertThat(Conversions.convert(7, BigInteger.class, "n")).isEqualTo(BigInteger.valueOf(7));
            assertThatThrownBy(() -> Conversions.convert(7.5, BigInteger.class, "n"))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> Conversions.convert("x", LocalDate.class, "when"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'when'")
                    .hasMessageContaining("java.time.LocalDate");
        }
    }
}
