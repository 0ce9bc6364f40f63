package dev.retort.orm.mapping;

/**
 * An explicit SQL type for {@link Column#type()}; {@link #AUTO} infers it from the field's Java type:
 *
 * <table>
 *   <caption>Inferred SQL types</caption>
 *   <tr><th>Java</th><th>SQL</th></tr>
 *   <tr><td>int, Integer</td><td>INT</td></tr>
 *   <tr><td>long, Long</td><td>BIGINT</td></tr>
 *   <tr><td>short, Short</td><td>SMALLINT</td></tr>
 *   <tr><td>boolean, Boolean</td><td>BOOLEAN</td></tr>
 *   <tr><td>double, Double / float, Float</td><td>DOUBLE / FLOAT</td></tr>
 *   <tr><td>String</td><td>VARCHAR(255), or VARCHAR({@link Column#length()})</td></tr>
 *   <tr><td>BigDecimal</td><td>DECIMAL({@link Column#precision()}, {@link Column#scale()}), by default DECIMAL(19, 4)</td></tr>
 *   <tr><td>LocalDateTime</td><td>DATETIME</td></tr>
 *   <tr><td>Instant</td><td>TIMESTAMP</td></tr>
 *   <tr><td>LocalDate / LocalTime</td><td>DATE / TIME</td></tr>
 *   <tr><td>UUID</td><td>CHAR(36)</td></tr>
 *   <tr><td>byte[]</td><td>BLOB, or the smallest BLOB type holding {@link Column#length()} bytes (MEDIUMBLOB, LONGBLOB)</td></tr>
 *   <tr><td>an enum</td><td>ENUM of the constants' names</td></tr>
 *   <tr><td>a record, Map or List</td><td>JSON</td></tr>
 * </table>
 */
public enum ColumnType {
    /** Infer from the Java type. */
    AUTO,
    /** {@code INT}. */
    INTEGER,
    /** {@code BIGINT}. */
    BIGINT,
    /** {@code SMALLINT}. */
    SMALLINT,
    /** {@code VARCHAR(length)}. */
    VARCHAR,
    /** {@code TEXT}-family, sized by {@link Column#length()} when given. */
    TEXT,
    /** {@code BOOLEAN}. */
    BOOLEAN,
    /** {@code DECIMAL(precision, scale)}. */
    DECIMAL,
    /** {@code FLOAT}. */
    FLOAT,
    /** {@code DOUBLE}. */
    DOUBLE,
    /** {@code DATE}. */
    DATE,
    /** {@code DATETIME(precision)} (precision as fractional-second digits, 0 by default). */
    DATETIME,
    /** {@code TIMESTAMP(precision)}. */
    TIMESTAMP,
    /** {@code TIME(precision)}. */
    TIME,
    /** {@code JSON}. */
    JSON,
    /** {@code ENUM} of an enum's constant names. */
    ENUM,
    /** {@code BLOB}-family. */
    BLOB,
    /** {@code CHAR(36)} holding a UUID. */
    UUID
}
