package dev.retort.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.retort.core.exception.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    enum Color {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green!";
            }
        }
    }

    private static String nested(int depth, String open, String inner, String close) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @Test
    void parseLiteralsAndWhitespace() {
        assertThat(Json.parse("true")).isEqualTo(Boolean.TRUE);
        assertThat(Json.parse("false")).isEqualTo(Boolean.FALSE);
        assertThat(Json.parse("null")).isNull();
        assertThat(Json.parse(" \t\r\n[ 1 ,\n\t2 ] \r\n")).isEqualTo(List.of(1, 2));
        assertThat(Json.parse("{ \"a\" : [ ] , \"b\" : { } }"))
                .isEqualTo(Map.of("a", List.of(), "b", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("integers")
    void parseIntegersUseTheNarrowestExactType(String text, Number expected) {
        Object parsed = Json.parse(text);
        assertThat(parsed).isEqualTo(expected).isExactlyInstanceOf(expected.getClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "-0.0", "1.0", "1e-400", "1E+2", "-1.5e3", "2.50", "123456789012345678901234567890.5",
            "0e0", "1E400", "3.141592653589793238462643383279502884197"})
    void parseNumbersWithFractionOrExponentAreExactBigDecimals(String text) {
        Object parsed = Json.parse(text);
        assertThat(parsed).isExactlyInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal(text));
    }

    @Test
    void parseDecimalsKeepTheirScale() {
        assertThat(((BigDecimal) Json.parse("2.50")).scale()).isEqualTo(2);
        assertThat(((BigDecimal) Json.parse("1e-400")).scale()).isEqualTo(400);
        assertThat(Json.parse("0.1")).isEqualTo(new BigDecimal("0.1")).isNotEqualTo(new BigDecimal(0.1));
    }

    @Test
    void parseStringEscapes() {
        assertThat(Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")).isEqualTo("\"\\/\b\f\n\r\t");
        assertThat(Json.parse("\"a\\u00e9\\u00C9\\u0000z\"")).isEqualTo("aéÉ\u0000z");
        assertThat(Json.parse("\"\\uD83D\\uDE00\"")).isEqualTo("😀").isEqualTo(new String(Character.toChars(0x1F600)));
        assertThat(Json.parse("\"\\u2028\\u2029\"")).isEqualTo("\u2028\u2029");
        assertThat(Json.parse("\"\"")).isEqualTo("");
    }

    @Test
    void parseRawUnicodeAndEmojiPassThrough() {
        assertThat(Json.parse("\"héllo wörld 日本語 😀👍🏽 \u007f\"")).isEqualTo("héllo wörld 日本語 😀👍🏽 \u007f");
    }

    @Test
    void parseLoneSurrogateEscapesAreKeptAsCodeUnits() {
        assertThat(Json.parse("\"\\uD800x\"")).isEqualTo("\uD800x");
    }

    @Test
    void parseObjectsKeepOrderAndTheLastDuplicateWins() {
        Object parsed = Json.parse("{\"z\":1,\"a\":2,\"m\":3,\"a\":4}");
        assertThat(parsed).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        assertThat(map.keySet()).containsExactly("z", "a", "m");
        assertThat(map.get("a")).isEqualTo(4);
    }

    @Test
    void parseContainerTypes() {
        Object parsed = Json.parse("{\"list\":[1,\"two\",null,true,{\"x\":[]}]}");
        assertThat(parsed).isExactlyInstanceOf(LinkedHashMap.class);
        Object list = ((Map<?, ?>) parsed).get("list");
        assertThat(list).isExactlyInstanceOf(ArrayList.class);
        assertThat(list).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(1, "two", null, true, Map.of("x", List.of()));
    }

    @Test
    void parseAcceptsNestingUpToTheLimit() {
        assertThat(Json.parse(nested(512, "[", "1", "]"))).isInstanceOf(List.class);
        assertThat(Json.parse(nested(512, "{\"a\":", "1", "}"))).isInstanceOf(Map.class);
    }

    @Test
    void parseRejectsNestingBeyondTheLimit() {
        assertThatThrownBy(() -> Json.parse(nested(513, "[", "1", "]")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Invalid JSON at offset 512: expected at most 512 levels of nested arrays and objects");
        assertThatThrownBy(() -> Json.parse(nested(513, "{\"a\":", "1", "}")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Invalid JSON at offset " + 512 * 5 + ": expected at most 512 levels");
    }

    @Test
    void parseTenThousandOpenBracketsFailCleanly() {
        assertThatThrownBy(() -> Json.parse("[".repeat(10_000)))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Invalid JSON at offset 512: ");
        assertThatThrownBy(() -> Json.parse("{\"k\":[".repeat(10_000)))
                .isExactlyInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void parseRejectsMalformedTextWithOffsetAndExpectation(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> integers() {
        return Stream.of(
                arguments("0", 0),
                arguments("-0", 0),
                arguments("7", 7),
                arguments("-42", -42),
                arguments("999999999", 999_999_999),
                arguments("1000000000", 1_000_000_000),
                arguments("2147483647", Integer.MAX_VALUE),
                arguments("-2147483648", Integer.MIN_VALUE),
                arguments("2147483648", 2_147_483_648L),
                arguments("-2147483649", -2_147_483_649L),
                arguments("999999999999999999", 999_999_999_999_999_999L),
                arguments("9223372036854775807", Long.MAX_VALUE),
                arguments("-9223372036854775808", Long.MIN_VALUE),
                arguments("9223372036854775808", new BigInteger("9223372036854775808")),
                arguments("-9223372036854775809", new BigInteger("-9223372036854775809")),
                arguments("123456789012345678901234567890", new BigInteger("123456789012345678901234567890")));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("", "Invalid JSON at offset 0: expected value"),
                arguments("   ", "Invalid JSON at offset 3: expected value"),
                arguments("01", "Invalid JSON at offset 1: expected '.', 'e' or the end of the number (no leading zeros)"),
                arguments("[-00]", "Invalid JSON at offset 3: expected '.', 'e' or the end of the number (no leading zeros)"),
                arguments("+1", "Invalid JSON at offset 0: expected value"),
                arguments(".5", "Invalid JSON at offset 0: expected value"),
                arguments("1.", "Invalid JSON at offset 2: expected digit after '.'"),
                arguments("1.e5", "Invalid JSON at offset 2: expected digit after '.'"),
                arguments("1e", "Invalid JSON at offset 2: expected digit in exponent"),
                arguments("1e+", "Invalid JSON at offset 3: expected digit in exponent"),
                arguments("-", "Invalid JSON at offset 1: expected digit"),
                arguments("- 1", "Invalid JSON at offset 1: expected digit"),
                arguments("NaN", "Invalid JSON at offset 0: expected value"),
                arguments("Infinity", "Invalid JSON at offset 0: expected value"),
                arguments("-Infinity", "Invalid JSON at offset 1: expected digit"),
                arguments("1e99999999999", "Invalid JSON at offset 0: expected a number whose exponent fits a BigDecimal"),
                arguments("\"abc", "Invalid JSON at offset 4: expected '\"' to close the string opened at offset 0"),
                arguments("[\"a\\\"]", "Invalid JSON at offset 6: expected '\"' to close the string opened at offset 1"),
                arguments("[\"a\nb\"]", "Invalid JSON at offset 3: expected '\"' or an escape, not raw control character U+000A"),
                arguments("\"\t\"", "Invalid JSON at offset 1: expected '\"' or an escape, not raw control character U+0009"),
                arguments("\"\\x\"", "Invalid JSON at offset 2: expected escape character '\"', '\\', '/', 'b', 'f', 'n', 'r', 't' or 'u'"),
                arguments("\"\\", "Invalid JSON at offset 2: expected escape character '\"', '\\', '/', 'b', 'f', 'n', 'r', 't' or 'u'"),
                arguments("\"\\u12G4\"", "Invalid JSON at offset 5: expected hex digit"),
                arguments("\"\\u12\"", "Invalid JSON at offset 5: expected hex digit"),
                arguments("\"\\u١٢٣٤\"", "Invalid JSON at offset 3: expected hex digit"),
                arguments("[", "Invalid JSON at offset 1: expected value"),
                arguments("[1,2", "Invalid JSON at offset 4: expected ',' or ']'"),
                arguments("[1 2]", "Invalid JSON at offset 3: expected ',' or ']'"),
                arguments("[1,]", "Invalid JSON at offset 3: expected value"),
                arguments("[1}", "Invalid JSON at offset 2: expected ',' or ']'"),
                arguments("{", "Invalid JSON at offset 1: expected string key or '}'"),
                arguments("{\"a\":1 \"b\":2}", "Invalid JSON at offset 7: expected ',' or '}'"),
                arguments("{a:1}", "Invalid JSON at offset 1: expected string key or '}'"),
                arguments("{\"a\" 1}", "Invalid JSON at offset 5: expected ':'"),
                arguments("{\"a\":}", "Invalid JSON at offset 5: expected value"),
                arguments("{\"a\":1,}", "Invalid JSON at offset 7: expected string key"),
                arguments("{\"a\":1]", "Invalid JSON at offset 6: expected ',' or '}'"),
                arguments("[1] x", "Invalid JSON at offset 4: expected end of input"),
                arguments("1 2", "Invalid JSON at offset 2: expected end of input"),
                arguments("{}}", "Invalid JSON at offset 2: expected end of input"),
                arguments("tru", "Invalid JSON at offset 0: expected 'true'"),
                arguments("[nul]", "Invalid JSON at offset 1: expected 'null'"),
                arguments("falsy", "Invalid JSON at offset 0: expected 'false'"),
                arguments("truex", "Invalid JSON at offset 4: expected end of input"),
                arguments("True", "Invalid JSON at offset 0: expected value"),
                arguments("'a'", "Invalid JSON at offset 0: expected value"),
                arguments("\uFEFF1", "Invalid JSON at offset 0: expected value"),
                arguments("\u00a01", "Invalid JSON at offset 0: expected value"),
                arguments("１", "Invalid JSON at offset 0: expected value"));
    }

    @Test
    void writeScalars() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write(Boolean.FALSE)).isEqualTo("false");
        assertThat(Json.write("text")).isEqualTo("\"text\"");
        assertThat(Json.write(new StringBuilder("sb"))).isEqualTo("\"sb\"");
        assertThat(Json.write('c')).isEqualTo("\"c\"");
        assertThat(Json.write('\n')).isEqualTo("\"\\n\"");
        assertThat(Json.write(Color.RED)).isEqualTo("\"RED\"");
        assertThat(Json.write(Color.GREEN)).isEqualTo("\"GREEN\"");
        assertThat(Json.write(Optional.empty())).isEqualTo("null");
        assertThat(Json.write(Optional.of(List.of(1)))).isEqualTo("[1]");
    }

    @Test
    void writeIntegers() {
        assertThat(Json.write(42)).isEqualTo("42");
        assertThat(Json.write(-7L)).isEqualTo("-7");
        assertThat(Json.write(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(Json.write(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(Json.write((short) -300)).isEqualTo("-300");
        assertThat(Json.write((byte) 127)).isEqualTo("127");
        assertThat(Json.write(new BigInteger("-123456789012345678901234567890")))
                .isEqualTo("-123456789012345678901234567890");
    }

    @Test
    void writeBigDecimalsAreExact() {
        assertThat(Json.write(new BigDecimal("0.1"))).isEqualTo("0.1");
        assertThat(Json.write(new BigDecimal("-12.3400"))).isEqualTo("-12.3400");
        assertThat(Json.write(new BigDecimal("0.000001"))).isEqualTo("0.000001");
        assertThat(Json.write(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Json.write(new BigDecimal("1E-20"))).isEqualTo("0.00000000000000000001");
        assertThat(Json.write(new BigDecimal("1E-400"))).isEqualTo("1E-400");
        assertThat(Json.write(new BigDecimal("1E+400"))).isEqualTo("1E+400");
        assertThat(Json.write(new BigDecimal("0E-400"))).isEqualTo("0E-400");
        assertThat(Json.write(new BigDecimal(new BigInteger("1".repeat(200)), 100)))
                .isEqualTo("1".repeat(100) + "." + "1".repeat(100));
    }

    @Test
    void writeDoublesAndFloats() {
        assertThat(Json.write(1.0)).isEqualTo("1.0");
        assertThat(Json.write(0.1)).isEqualTo("0.1");
        assertThat(Json.write(-0.0)).isEqualTo("-0.0");
        assertThat(Json.write(1e300)).isEqualTo("1.0E300");
        assertThat(Json.write(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThat(Json.write(1.5f)).isEqualTo("1.5");
        assertThat(Json.write(0.1f)).isEqualTo("0.1");
        assertThat(Json.parse(Json.write(1e300))).isEqualTo(new BigDecimal("1.0E300"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void writeRejectsNonFiniteNumbers(double value) {
        assertThatThrownBy(() -> Json.write(value))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot write the non-finite number " + value + " as JSON");
        assertThatThrownBy(() -> Json.write(List.of(1, Map.of("x", (float) value))))
                .isExactlyInstanceOf(InvalidRequestException.class);
    }

    @Test
    void writeEscapes() {
        assertThat(Json.write("\"\\/\b\f\n\r\t\u0000\u0001\u001f\u2028\u2029"))
                .isEqualTo("\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f\\u2028\\u2029\"");
        assertThat(Json.write("héllo 日本語 😀 \u007f \uD800")).isEqualTo("\"héllo 日本語 😀 \u007f \uD800\"");
        assertThat(Json.write("a\"b")).isEqualTo("\"a\\\"b\"");
    }

    @Test
    void writeMapsInIterationOrderWithSupportedKeys() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", Arrays.asList(true, null));
        map.put(3, "three");
        map.put(2.5, "x");
        map.put(Color.GREEN, Map.of());
        map.put(new StringBuilder("q\""), List.of());
        assertThat(Json.write(map))
                .isEqualTo("{\"a\":1,\"b\":[true,null],\"3\":\"three\",\"2.5\":\"x\",\"GREEN\":{},\"q\\\"\":[]}");
    }

    @Test
    void writeRejectsUnsupportedKeys() {
        Map<Object, Object> objectKey = Map.of(new Object(), 1);
        assertThatThrownBy(() -> Json.write(objectKey))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot write a JSON object key of type java.lang.Object; expected a CharSequence, Number or Enum");
        Map<Object, Object> nullKey = new LinkedHashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> Json.write(nullKey))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("key of type null");
    }

    @Test
    void writeIterablesAndArrays() {
        assertThat(Json.write(List.of())).isEqualTo("[]");
        assertThat(Json.write(Map.of())).isEqualTo("{}");
        assertThat(Json.write(new LinkedHashSet<>(List.of("x", "y")))).isEqualTo("[\"x\",\"y\"]");
        Iterable<Integer> iterable = () -> List.of(1, 2, 3).iterator();
        assertThat(Json.write(iterable)).isEqualTo("[1,2,3]");
        assertThat(Json.write(new Object[] {"a", 1, null, new String[0]})).isEqualTo("[\"a\",1,null,[]]");
        assertThat(Json.write(new int[] {1, -2})).isEqualTo("[1,-2]");
        assertThat(Json.write(new long[] {Long.MAX_VALUE})).isEqualTo("[9223372036854775807]");
        assertThat(Json.write(new double[] {1, 0.5})).isEqualTo("[1.0,0.5]");
        assertThat(Json.write(new boolean[] {true, false})).isEqualTo("[true,false]");
        assertThat(Json.write(new char[] {'h', '"'})).isEqualTo("[\"h\",\"\\\"\"]");
        assertThat(Json.write(new byte[] {-1, 2})).isEqualTo("[-1,2]");
        assertThat(Json.write(new int[][] {{1}, {}})).isEqualTo("[[1],[]]");
    }

    @Test
    void writeRejectsUnsupportedTypesNamingTheClass() {
        assertThatThrownBy(() -> Json.write(new Object()))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot write a java.lang.Object as JSON");
        assertThatThrownBy(() -> Json.write(List.of(LocalDate.of(2024, 1, 2))))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot write a java.time.LocalDate as JSON");
        assertThatThrownBy(() -> Json.write(new AtomicInteger(1)))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot write a java.util.concurrent.atomic.AtomicInteger as JSON");
        assertThatThrownBy(() -> Json.write(Path.of("a", "b")))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Cannot write a ")
                .hasMessageContaining("Path");
    }

    @Test
    void writeNestingLimit() {
        Object deepest = 1;
        for (int i = 0; i < 512; i++) {
            deepest = List.of(deepest);
        }
        assertThat(Json.write(deepest)).isEqualTo(nested(512, "[", "1", "]"));
        Object tooDeep = Map.of("a", deepest);
        assertThatThrownBy(() -> Json.write(tooDeep))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot write JSON nested deeper than 512 levels of arrays and objects"
                        + " (does a value contain itself?)");
    }

    @Test
    void writeSelfContainingListFailsClearly() {
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertThatThrownBy(() -> Json.write(list))
                .isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("does a value contain itself?");
        Object[] array = new Object[1];
        array[0] = array;
        assertThatThrownBy(() -> Json.write(array)).isExactlyInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"b\":[true,null]}",
        "[]",
        "{}",
        "\"\"",
        "[0,-1,2147483648,9223372036854775807,-9223372036854775808,123456789012345678901234567890]",
        "[0.1,1E-400,1E+400,-2.50,1.5e-5,0.000001]",
        "{\"z\":{\"y\":{\"x\":[[[{\"w\":\"deep\"}]]]}},\"a\":\"first?\"}",
        "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\\u2028\\u2029\"",
        "\"héllo 日本語 😀👍🏽\"",
    })
    void roundTripTextSurvivesParseAndWrite(String text) {
        Object parsed = Json.parse(text);
        assertThat(Json.parse(Json.write(parsed))).isEqualTo(parsed);
    }

    @Test
    void roundTripCanonicalTextIsReproducedExactly() {
        String text = "{\"name\":\"Ré \\\"quoted\\\" 😀\",\"n\":[1,-2,3000000000,99999999999999999999,0.1,1E-400],"
                + "\"ok\":true,\"none\":null,\"nested\":{\"empty\":[],\"obj\":{}}}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Test
    void roundTripJavaValuesSurviveWriteAndParse() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("int", Integer.MIN_VALUE);
        value.put("long", Long.MAX_VALUE);
        value.put("big", new BigInteger("1" + "0".repeat(40)));
        value.put("decimal", new BigDecimal("12345678901234567890.000000000000000000001"));
        value.put("tiny", new BigDecimal("1E-400"));
        value.put("text", "line\nbreak \t tab \u0001 😀 \u2028");
        value.put("list", Arrays.asList(1, "two", null, false, List.of(Map.of("k", "v"))));
        Object parsed = Json.parse(Json.write(value));
        assertThat(parsed).isEqualTo(value);
        assertThat(new ArrayList<Object>(((Map<?, ?>) parsed).keySet())).containsExactlyElementsOf(value.keySet());
    }
}
