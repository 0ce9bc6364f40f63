package dev.retort.core.dialect.mysql;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the column types MySQL 8 and MariaDB report in {@code information_schema.COLUMNS}
 * ({@code COLUMN_TYPE}, e.g. {@code int(11)}, {@code bigint unsigned}, {@code enum('draft','published')},
 * with {@code DATA_TYPE} as the base name) into Retort's {@link SqlType}s, for table reflection.
 * Pure: no IO, thread-safe.
 *
 * <p>The mapping, and where it is not one to one:
 * <table>
 *   <caption>Reported types and their Retort types</caption>
 *   <tr><th>reported</th><th>type</th></tr>
 *   <tr><td>{@code tinyint(1)}</td><td>{@link Types#BOOLEAN}. MySQL 8.0.19+ drops the display width of
 *       integer types in its reports <em>except</em> for {@code TINYINT(1)}, which it keeps precisely so
 *       that clients can recognise booleans; a bare {@code tinyint} (MySQL 8.0.19+) or any other width is
 *       therefore never a boolean.</td></tr>
 *   <tr><td>other {@code tinyint}, {@code tinyint(1) unsigned}, {@code smallint}</td><td>{@link Types#SMALLINT}
 *       (Retort has no TINYINT; SMALLINT holds every TINYINT value)</td></tr>
 *   <tr><td>{@code smallint unsigned}, {@code mediumint [unsigned]}, {@code int}</td><td>{@link Types#INTEGER}</td></tr>
 *   <tr><td>{@code int unsigned}, {@code bigint [unsigned]}</td><td>{@link Types#BIGINT}. Unsigned types are
 *       widened so every value can be read; Retort has no UNSIGNED, so DDL from a reflected table
 *       writes the signed type. A {@code bigint unsigned} value above {@link Long#MAX_VALUE} cannot be
 *       read as a Long.</td></tr>
 *   <tr><td>{@code varchar(n)}, {@code char(n)}</td><td>{@link Types#string(int)}. CHAR is fixed-width
 *       VARCHAR to Retort; {@code char(36)} is <em>not</em> guessed to be a {@link Types#UUID}, since
 *       nothing in the schema says it holds UUIDs.</td></tr>
 *   <tr><td>{@code tinytext}, {@code text}</td><td>{@link Types#TEXT}</td></tr>
 *   <tr><td>{@code mediumtext}, {@code longtext}</td><td>{@link Types#text(long)} of the type's capacity
 *       ({@value #MEDIUM_MAX}, {@value #LONG_MAX} bytes), which compiles back to the same type</td></tr>
 *   <tr><td>{@code tinyblob}, {@code blob}, {@code mediumblob}, {@code longblob}</td><td>{@link Types#LARGE_BINARY},
 *       {@link Types#largeBinary(long)}, by the same rule as text</td></tr>
 *   <tr><td>{@code datetime[(fsp)]}, {@code timestamp[(fsp)]}, {@code time[(fsp)]}, {@code date}</td>
 *       <td>{@link Types#datetime(int)}, {@link Types#timestamp(int)}, {@link Types#time(int)}, {@link Types#DATE}</td></tr>
 *   <tr><td>{@code float}, {@code double} ({@code real})</td><td>{@link Types#FLOAT}, {@link Types#DOUBLE}
 *       (a deprecated {@code (m,d)} is ignored)</td></tr>
 *   <tr><td>{@code decimal(p,s)}</td><td>{@link Types#numeric(int, int)}</td></tr>
 *   <tr><td>{@code json}</td><td>{@link Types#JSON}. On MariaDB a JSON column is reported as
 *       {@code longtext} with a {@code json_valid} check; the reflector recognises that, not this parser.</td></tr>
 *   <tr><td>{@code enum('a','b')}</td><td>{@link Types#enumOf(String...)}, labels unescaped ({@code ''} and
 *       backslash escapes)</td></tr>
 *   <tr><td>{@code uuid} (MariaDB 10.7+)</td><td>{@link Types#UUID}</td></tr>
 * </table>
 * {@code unsigned}, {@code signed} and {@code zerofill} attributes are otherwise ignored. Anything
 * else ({@code bit}, {@code year}, {@code set}, {@code binary}, {@code varbinary}, spatial types,
 * {@code inet6}, …) has no Retort type and is refused with an {@link InvalidRequestException}
 * naming the type.
 */
public final class MySqlColumnTypes {

    /** The capacity in bytes of MEDIUMTEXT and MEDIUMBLOB. */
    public static final long MEDIUM_MAX = 16_777_215L;
    /** The capacity in bytes of LONGTEXT and LONGBLOB. */
    public static final long LONG_MAX = 4_294_967_295L;

    /** {@code name[(a[,b])][ unsigned| signed| zerofill]*}, lower-cased. */
    private static final Pattern SIMPLE = Pattern.compile(
            "([a-z][a-z0-9 ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?((?:\\s+(?:unsigned|signed|zerofill))*)");

    private MySqlColumnTypes() {
    }

    /**
     * The Retort type of a column as information_schema reports it.
     *
     * @param columnType {@code COLUMN_TYPE}, such as {@code varchar(50)} or {@code enum('a','b')}
     *     (case is ignored except in enum labels)
     * @param dataType {@code DATA_TYPE}, the base name such as {@code varchar}; when {@code null} or
     *     blank it is taken from {@code columnType}
     * @throws InvalidRequestException when the type has no Retort equivalent or cannot be read; the
     *     message names the type
     */
    public static SqlType<?> parse(String columnType, @Nullable String dataType) {
        String reported = columnType.strip();
        String lower = reported.toLowerCase(Locale.ROOT);
        String base = dataType == null || dataType.isBlank() ? baseName(lower) : dataType.strip().toLowerCase(Locale.ROOT);
        if (base.equals("enum")) {
            return Types.enumOf(enumLabels(reported).toArray(String[]::new));
        }
        Matcher m = SIMPLE.matcher(lower);
        if (!m.matches()) {
            throw unsupported(reported, "Retort has no type for it");
        }
        Integer first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        boolean unsigned = m.group(4).contains("unsigned");
        return switch (base) {
            case "tinyint" -> first != null && first == 1 && !unsigned ? Types.BOOLEAN : Types.SMALLINT;
            case "bool", "boolean" -> Types.BOOLEAN;
            case "smallint" -> unsigned ? Types.INTEGER : Types.SMALLINT;
            case "mediumint" -> Types.INTEGER;
            case "int", "integer" -> unsigned ? Types.BIGINT : Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "varchar", "char" -> first == null
                    ? (base.equals("char") ? Types.string(1) : Types.STRING)
                    : Types.string(first);
            case "tinytext", "text" -> Types.TEXT;
            case "mediumtext" -> Types.text(MEDIUM_MAX);
            case "longtext" -> Types.text(LONG_MAX);
            case "tinyblob", "blob" -> Types.LARGE_BINARY;
            case "mediumblob" -> Types.largeBinary(MEDIUM_MAX);
            case "longblob" -> Types.largeBinary(LONG_MAX);
            case "datetime" -> Types.datetime(fsp(first, reported));
            case "timestamp" -> Types.timestamp(fsp(first, reported));
            case "time" -> Types.time(fsp(first, reported));
            case "date" -> Types.DATE;
            case "float" -> Types.FLOAT;
            case "double", "double precision", "real" -> Types.DOUBLE;
            case "decimal", "numeric", "dec", "fixed" -> decimal(first, second, reported);
            case "json" -> Types.JSON;
            case "uuid" -> Types.UUID;
            default -> throw unsupported(reported, "Retort has no type for it");
        };
    }

    /**
     * The labels of an {@code enum('a','b')} (or {@code set(…)}) column type, unescaped.
     *
     * @throws InvalidRequestException when the text is not a quoted, comma-separated label list
     */
    public static List<String> enumLabels(String columnType) {
        String text = columnType.strip();
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            throw unsupported(text, "its labels cannot be read");
        }
        List<String> labels = new ArrayList<>();
        int i = open + 1;
        int end = text.length() - 1;
        while (i < end) {
            if (text.charAt(i) != '\'') {
                throw unsupported(text, "its labels cannot be read");
            }
            int close = endOfQuoted(text, i);
            if (close < 0 || close > end) {
                throw unsupported(text, "a label is not terminated");
            }
            labels.add(unquote(text.substring(i, close)));
            i = close;
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < end) {
                if (text.charAt(i) != ',') {
                    throw unsupported(text, "its labels cannot be read");
                }
                i++;
                while (i < end && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
            }
        }
        if (labels.isEmpty()) {
            throw unsupported(text, "it has no labels");
        }
        return labels;
    }

    /**
     * The value of a single-quoted MySQL string literal as the server writes it in information_schema
     * and {@code SHOW CREATE TABLE}: {@code 'it''s'} is {@code it's}, and backslash escapes
     * ({@code \\}, {@code \'}, {@code \n}, {@code \0}, …) are undone as MySQL reads them.
     *
     * @throws IllegalArgumentException when {@code literal} is not enclosed in single quotes
     */
    public static String unquote(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '\'' || literal.charAt(literal.length() - 1) != '\'') {
            throw new IllegalArgumentException("Not a quoted string literal: " + literal);
        }
        StringBuilder value = new StringBuilder(literal.length());
        int last = literal.length() - 1;
        for (int i = 1; i < last; i++) {
            char c = literal.charAt(i);
            if (c == '\'' && i + 1 < last && literal.charAt(i + 1) == '\'') {
                value.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < last) {
                char next = literal.charAt(++i);
                switch (next) {
                    case '0' -> value.append('\0');
                    case 'b' -> value.append('\b');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'Z' -> value.append('\u001A');
                    // MySQL keeps the backslash of \% and \_ (they matter to LIKE)
                    case '%', '_' -> value.append('\\').append(next);
                    default -> value.append(next);
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    /** The index just past the closing quote of the literal opening at {@code start}, or -1. */
    private static int endOfQuoted(String text, int start) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static String baseName(String lower) {
        int end = 0;
        while (end < lower.length() && (Character.isLetterOrDigit(lower.charAt(end)) || lower.charAt(end) == '_')) {
            end++;
        }
        return lower.substring(0, end);
    }

    private static int fsp(@Nullable Integer first, String reported) {
        int fsp = first == null ? 0 : first;
        if (fsp > 6) {
            throw unsupported(reported, "its fractional seconds precision is above 6");
        }
        return fsp;
    }

    private static SqlType<?> decimal(@Nullable Integer precision, @Nullable Integer scale, String reported) {
        int p = precision == null ? 10 : precision;
        int s = scale == null ? 0 : scale;
        if (p < 1 || p > 65 || s > 30 || s > p) {
            throw unsupported(reported, "its precision or scale is out of range");
        }
        return Types.numeric(p, s);
    }

    private static InvalidRequestException unsupported(String reported, String why) {
        return new InvalidRequestException("Column type '" + reported + "' cannot be reflected: " + why);
    }
}
