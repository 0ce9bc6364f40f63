package dev.retort.core.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * The standard types, for {@code import static dev.retort.core.types.Types.*}. MySQL mapping:
 *
 * <table>
 *   <caption>Types and their MySQL/MariaDB columns</caption>
 *   <tr><th>type</th><th>column</th><th>Java</th></tr>
 *   <tr><td>{@link #INTEGER}</td><td>INTEGER</td><td>Integer</td></tr>
 *   <tr><td>{@link #BIGINT}</td><td>BIGINT</td><td>Long</td></tr>
 *   <tr><td>{@link #SMALLINT}</td><td>SMALLINT</td><td>Short</td></tr>
 *   <tr><td>{@link #string(int)}</td><td>VARCHAR(n)</td><td>String</td></tr>
 *   <tr><td>{@link #TEXT}</td><td>TEXT / MEDIUMTEXT / LONGTEXT</td><td>String</td></tr>
 *   <tr><td>{@link #BOOLEAN}</td><td>BOOL (TINYINT(1))</td><td>Boolean</td></tr>
 *   <tr><td>{@link #DATETIME}, {@link #datetime(int)}</td><td>DATETIME[(fsp)]</td><td>LocalDateTime</td></tr>
 *   <tr><td>{@link #DATE}</td><td>DATE</td><td>LocalDate</td></tr>
 *   <tr><td>{@link #TIME}, {@link #time(int)}</td><td>TIME[(fsp)]</td><td>LocalTime</td></tr>
 *   <tr><td>{@link #TIMESTAMP}, {@link #timestamp(int)}</td><td>TIMESTAMP[(fsp)]</td><td>Instant</td></tr>
 *   <tr><td>{@link #FLOAT}</td><td>FLOAT</td><td>Float</td></tr>
 *   <tr><td>{@link #DOUBLE}</td><td>DOUBLE</td><td>Double</td></tr>
 *   <tr><td>{@link #numeric(int, int)}</td><td>DECIMAL(p, s)</td><td>BigDecimal</td></tr>
 *   <tr><td>{@link #JSON}, {@link #JSON_TEXT}</td><td>JSON</td><td>Object (Map/List/…), String</td></tr>
 *   <tr><td>{@link #enumOf(String...)}, {@link #enumOf(Class)}</td><td>ENUM(…)</td><td>String, the enum</td></tr>
 *   <tr><td>{@link #LARGE_BINARY}, {@link #largeBinary(long)}</td><td>BLOB / MEDIUMBLOB / LONGBLOB</td><td>byte[]</td></tr>
 *   <tr><td>{@link #UUID}</td><td>CHAR(36)</td><td>UUID</td></tr>
 * </table>
 */
public final class Types {

    public static final SqlType<Integer> INTEGER = IntegerType.INSTANCE;
    public static final SqlType<Long> BIGINT = BigIntegerType.INSTANCE;
    public static final SqlType<Short> SMALLINT = SmallIntegerType.INSTANCE;
    /** VARCHAR without a length: usable for reflection and expressions, refused in DDL on MySQL. */
    public static final SqlType<String> STRING = new StringType(null);
    public static final SqlType<String> TEXT = new TextType(null);
    public static final SqlType<Boolean> BOOLEAN = BooleanType.INSTANCE;
    public static final SqlType<LocalDateTime> DATETIME = new DateTimeType(0);
    public static final SqlType<LocalDate> DATE = DateType.INSTANCE;
    public static final SqlType<LocalTime> TIME = new TimeType(0);
    public static final SqlType<Instant> TIMESTAMP = new TimestampType(0);
    public static final SqlType<Float> FLOAT = FloatType.INSTANCE;
    public static final SqlType<Double> DOUBLE = DoubleType.INSTANCE;
    /** DECIMAL without a precision: refused in DDL; use {@link #numeric(int, int)}. */
    public static final SqlType<BigDecimal> NUMERIC = new NumericType(null, 0);
    public static final SqlType<Object> JSON = JsonType.DOCUMENT;
    public static final SqlType<Object> JSON_TEXT = JsonType.TEXT;
    public static final SqlType<byte[]> LARGE_BINARY = new LargeBinaryType(null);
    public static final SqlType<UUID> UUID = UuidType.INSTANCE;
    /** The type of values whose SQL type is unknown; see {@link AnyType}. Not usable in DDL. */
    public static final SqlType<Object> ANY = AnyType.INSTANCE;

    private Types() {
    }

    /** {@code VARCHAR(length)}. */
    public static SqlType<String> string(int length) {
        return new StringType(length);
    }

    /** TEXT, MEDIUMTEXT or LONGTEXT, whichever first holds {@code bytes}. */
    public static SqlType<String> text(long bytes) {
        return new TextType(bytes);
    }

    /** {@code DATETIME(fsp)}, fsp 0–6. */
    public static SqlType<LocalDateTime> datetime(int fsp) {
        return new DateTimeType(fsp);
    }

    /** {@code TIME(fsp)}, fsp 0–6. */
    public static SqlType<LocalTime> time(int fsp) {
        return new TimeType(fsp);
    }

    /** {@code TIMESTAMP(fsp)}, fsp 0–6. */
    public static SqlType<Instant> timestamp(int fsp) {
        return new TimestampType(fsp);
    }

    /** {@code DECIMAL(precision, scale)}. */
    public static SqlType<BigDecimal> numeric(int precision, int scale) {
        return new NumericType(precision, scale);
    }

    /** {@code ENUM} of string labels. */
    public static SqlType<String> enumOf(String... labels) {
        return EnumType.ofLabels(List.of(labels));
    }

    /** {@code ENUM} of a Java enum's constant names. */
    public static <E extends Enum<E>> SqlType<E> enumOf(Class<E> type) {
        return EnumType.ofEnum(type);
    }

    /** BLOB, MEDIUMBLOB or LONGBLOB, whichever first holds {@code bytes}. */
    public static SqlType<byte[]> largeBinary(long bytes) {
        return new LargeBinaryType(bytes);
    }
}
