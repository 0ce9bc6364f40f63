package dev.retort.core.internal;

import dev.retort.core.exception.InvalidRequestException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A small JSON (RFC 8259) codec, so that reactive-core needs no JSON library: {@link #parse} turns
 * text into maps, lists, strings, exact numbers, booleans and nulls, and {@link #write} turns such
 * values (and a few more Java types) back into compact text. Both accept at most
 * {@value #MAX_DEPTH} levels of nested arrays and objects, so deep or cyclic input fails cleanly
 * instead of overflowing the stack, and both report every problem as an
 * {@link InvalidRequestException}.
 */
public final class Json {

    /** The deepest nesting of arrays and objects that {@link #parse} and {@link #write} accept. */
    public static final int MAX_DEPTH = 512;

    /** A BigDecimal whose plain form would need more zeros than this is written with an exponent. */
    private static final int MAX_PLAIN_ZEROS = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {}

    /**
     * Parses one JSON text; whitespace (space, tab, CR, LF) may surround it.
     *
     * <ul>
     *   <li>object → {@code LinkedHashMap<String, Object>} in document order; of duplicate keys the
     *       last wins;
     *   <li>array → {@code ArrayList<Object>};
     *   <li>string → {@code String} with every escape decoded; <code>&#92;u</code> escapes are UTF-16
     *       code units, so an escaped surrogate pair becomes one code point; raw control characters
     *       (below U+0020) are rejected;
     *   <li>number without fraction or exponent → {@code Integer} if it fits, else {@code Long} if it
     *       fits, else {@code BigInteger};
     *   <li>number with a fraction or exponent → {@code BigDecimal}, exactly as written (never via
     *       {@code double});
     *   <li>{@code true}/{@code false} → {@code Boolean}; {@code null} → {@code null}.
     * </ul>
     *
     * @param text one JSON value
     * @return the value, mapped as above
     * @throws InvalidRequestException if the text is not exactly one JSON value, or nests arrays and
     *     objects deeper than {@value #MAX_DEPTH}; the message gives the character offset and what was
     *     expected there, e.g. <code>Invalid JSON at offset 7: expected ',' or '&#125;'</code>
     */
    public static @Nullable Object parse(String text) {
        Parser parser = new Parser(text);
        Object value = parser.value(0);
        if (parser.skipWhitespace() != -1) {
            throw parser.error("expected end of input");
        }
        return value;
    }

    /**
     * Writes a value as compact JSON, without whitespace: {@code {"a":1,"b":[true,null]}}.
     *
     * <ul>
     *   <li>{@code null} and an empty {@link Optional} → {@code null}; a present Optional → its value;
     *   <li>{@link Map} → object in iteration order; each key must be a {@link CharSequence}, a
     *       {@link Number} (written as {@code String.valueOf(key)}) or an {@link Enum} ({@code name()});
     *   <li>{@link Iterable} and arrays, object or primitive → array;
     *   <li>{@link CharSequence}, {@link Character}, {@link Enum} ({@code name()}) → string, escaping
     *       {@code "}, {@code \}, control characters and U+2028/U+2029; everything else, emoji
     *       included, is written as is;
     *   <li>{@link Boolean} → {@code true}/{@code false};
     *   <li>{@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger} → the exact
     *       integer; {@link BigDecimal} → exact, plain unless that would need more than 32 padding
     *       zeros, then with an exponent; {@link Double}, {@link Float} → their {@code toString} form
     *       ({@code 1.0} stays {@code 1.0}, {@code 1.0E300}), finite values only.
     * </ul>
     *
     * @param value the value to write, mapped as above
     * @return compact JSON text
     * @throws InvalidRequestException for any other type (other {@link Number} subclasses too), a
     *     NaN or infinite number, an unsupported map key, or nesting deeper than {@value #MAX_DEPTH}
     *     (such as a list that contains itself); the message names the offending class or value
     */
    public static String write(@Nullable Object value) {
        StringBuilder out = new StringBuilder(64);
        writeValue(out, value, 0);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, @Nullable Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence s) {
            writeString(out, s);
        } else if (value instanceof Number n) {
            writeNumber(out, n);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Map<?, ?> map) {
            checkDepth(depth);
            char separator = '{';
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                separator = ',';
                writeString(out, key(entry.getKey()));
                out.append(':');
                writeValue(out, entry.getValue(), depth + 1);
            }
            out.append(separator == '{' ? "{}" : "}");
        } else if (value instanceof Iterable<?> items && !(value instanceof Path)) { // a Path iterates Paths, endlessly
            checkDepth(depth);
            char separator = '[';
            for (Object item : items) {
                out.append(separator);
                separator = ',';
                writeValue(out, item, depth + 1);
            }
            out.append(separator == '[' ? "[]" : "]");
        } else if (value instanceof Enum<?> e) {
            writeString(out, e.name());
        } else if (value instanceof Character c) {
            writeString(out, String.valueOf(c.charValue()));
        } else if (value instanceof Optional<?> optional) {
            writeValue(out, optional.orElse(null), depth);
        } else if (value.getClass().isArray()) {
            checkDepth(depth);
            out.append('[');
            for (int i = 0, length = Array.getLength(value); i < length; i++) {
                out.append(i == 0 ? "" : ",");
                writeValue(out, Array.get(value, i), depth + 1);
            }
            out.append(']');
        } else {
            throw new InvalidRequestException("Cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new InvalidRequestException("Cannot write JSON nested deeper than " + MAX_DEPTH
                    + " levels of arrays and objects (does a value contain itself?)");
        }
    }

    private static CharSequence key(@Nullable Object key) {
        if (key instanceof CharSequence s) {
            return s;
        } else if (key instanceof Enum<?> e) {
            return e.name();
        } else if (key instanceof Number) {
            return String.valueOf(key);
        }
        throw new InvalidRequestException("Cannot write a JSON object key of type "
                + (key == null ? "null" : key.getClass().getName()) + "; expected a CharSequence, Number or Enum");
    }

    private static void writeNumber(StringBuilder out, Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            out.append(n.longValue());
        } else if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new InvalidRequestException("Cannot write the non-finite number " + n + " as JSON");
            } else if (n instanceof Float f) {
                out.append(f.floatValue());
            } else {
                out.append(n.doubleValue());
            }
        } else if (n instanceof BigDecimal d) {
            int zeros = d.scale() < 0 ? -d.scale() : d.scale() - d.precision();
            out.append(zeros > MAX_PLAIN_ZEROS ? d.toString() : d.toPlainString());
        } else if (n instanceof BigInteger) {
            out.append(n);
        } else {
            throw new InvalidRequestException("Cannot write a " + n.getClass().getName() + " as JSON");
        }
    }

    private static void writeString(StringBuilder out, CharSequence s) {
        out.append('"');
        int run = 0;
        for (int i = 0, length = s.length(); i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            int simple = "\"\\\b\f\n\r\t".indexOf(c);
            if (simple >= 0) {
                out.append('\\').append("\"\\bfnrt".charAt(simple));
            } else {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, run, s.length()).append('"');
    }

    /** A recursive-descent parser over one text; its recursion is bounded by {@link #MAX_DEPTH}. */
    private static final class Parser {

        private final String text;
        private final int length;
        private int pos;

        Parser(String text) {
            this.text = text;
            this.length = text.length();
        }

        InvalidRequestException error(String expected) {
            return new InvalidRequestException("Invalid JSON at offset " + pos + ": " + expected);
        }

        private void check(boolean ok, String expected) {
            if (!ok) {
                throw error(expected);
            }
        }

        /** Skips whitespace; returns the next character, or -1 at the end of the text. */
        int skipWhitespace() {
            for (; pos < length; pos++) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return c;
                }
            }
            return -1;
        }

        private int peek() {
            return pos < length ? text.charAt(pos) : -1;
        }

        /** Steps past the next character if it is {@code c}; returns whether it did. */
        private boolean skip(char c) {
            if (peek() != c) {
                return false;
            }
            pos++;
            return true;
        }

        @Nullable Object value(int depth) {
            int c = skipWhitespace();
            if ((c == '{' || c == '[') && depth == MAX_DEPTH) {
                throw error("expected at most " + MAX_DEPTH + " levels of nested arrays and objects");
            }
            switch (c) {
                case '{': return object(depth + 1);
                case '[': return array(depth + 1);
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || isDigit(c)) {
                        return number();
                    }
                    throw error("expected value");
            }
        }

        private Map<String, @Nullable Object> object(int depth) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            if (empty('}')) {
                return map;
            }
            do {
                check(skipWhitespace() == '"', map.isEmpty() ? "expected string key or '}'" : "expected string key");
                String key = string();
                skipWhitespace();
                check(skip(':'), "expected ':'");
                map.put(key, value(depth));
            } while (more('}', "expected ',' or '}'"));
            return map;
        }

        private List<@Nullable Object> array(int depth) {
            List<@Nullable Object> list = new ArrayList<>();
            if (empty(']')) {
                return list;
            }
            do {
                list.add(value(depth));
            } while (more(']', "expected ',' or ']'"));
            return list;
        }

        /** Steps past an opening bracket, and past the closing one if it follows; returns whether it did. */
        private boolean empty(char close) {
            pos++;
            skipWhitespace();
            return skip(close);
        }

        /** Steps past the ',' (returning true) or the closing bracket (false) after an element. */
        private boolean more(char close, String expected) {
            int c = skipWhitespace();
            check(c == ',' || c == close, expected);
            pos++;
            return c == ',';
        }

        private String string() {
            int open = pos++;
            int run = pos;
            StringBuilder sb = null;
            while (pos < length) {
                char c = text.charAt(pos);
                if (c == '"') {
                    String s = sb == null ? text.substring(run, pos) : sb.append(text, run, pos).toString();
                    pos++;
                    return s;
                } else if (c == '\\') {
                    sb = (sb == null ? new StringBuilder(pos - run + 16) : sb).append(text, run, pos);
                    pos++;
                    sb.append(escape());
                    run = pos;
                } else if (c < 0x20) {
                    throw error(String.format("expected '\"' or an escape, not raw control character U+%04X", (int) c));
                } else {
                    pos++;
                }
            }
            throw error("expected '\"' to close the string opened at offset " + open);
        }

        private char escape() {
            int simple = pos < length ? "\"\\/bfnrt".indexOf(text.charAt(pos)) : -1;
            if (simple >= 0) {
                pos++;
                return "\"\\/\b\f\n\r\t".charAt(simple);
            } else if (peek() != 'u') {
                throw error("expected escape character '\"', '\\', '/', 'b', 'f', 'n', 'r', 't' or 'u'");
            }
            pos++;
            int code = 0;
            for (int i = 0; i < 4; i++, pos++) {
                int c = peek();
                int digit = c >= 0 && c < 128 ? Character.digit(c, 16) : -1;
                check(digit >= 0, "expected hex digit");
                code = code << 4 | digit;
            }
            return (char) code;
        }

        private @Nullable Object literal(String word, @Nullable Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected '" + word + "'");
            }
            pos += word.length();
            return value;
        }

        private Number number() {
            int start = pos;
            skip('-');
            int intStart = pos;
            if (skip('0')) {
                check(!isDigit(peek()), "expected '.', 'e' or the end of the number (no leading zeros)");
            } else {
                check(skipDigits(), "expected digit");
            }
            int intDigits = pos - intStart;
            boolean fraction = skip('.');
            if (fraction) {
                check(skipDigits(), "expected digit after '.'");
            }
            boolean exponent = skip('e') || skip('E');
            if (exponent) {
                if (!skip('+')) {
                    skip('-');
                }
                check(skipDigits(), "expected digit in exponent");
            }
            if (fraction || exponent) {
                try {
                    return new BigDecimal(text.substring(start, pos));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("expected a number whose exponent fits a BigDecimal");
                }
            } else if (intDigits <= 9) {
                return Integer.parseInt(text, start, pos, 10);
            } else if (intDigits <= 18) {
                long value = Long.parseLong(text, start, pos, 10);
                return value == (int) value ? (Number) Integer.valueOf((int) value) : (Number) Long.valueOf(value);
            }
            BigInteger value = new BigInteger(text.substring(start, pos));
            return value.bitLength() < 64 ? (Number) Long.valueOf(value.longValue()) : value;
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        /** Skips ASCII digits; returns whether there was at least one. */
        private boolean skipDigits() {
            int start = pos;
            while (isDigit(peek())) {
                pos++;
            }
            return pos > start;
        }
    }
}
