package dev.retort.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Column options of a mapped field. A field without this annotation is still a column with the
 * defaults below. Primitive fields and {@link Id} fields are always {@code NOT NULL}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Column {

    /** The column name; by default the field name in snake_case ({@code createdAt} → {@code created_at}). */
    String name() default "";

    /** The SQL type; {@link ColumnType#AUTO} infers it from the Java type. */
    ColumnType type() default ColumnType.AUTO;

    /** Length of VARCHAR (default 255), TEXT or BLOB; 0 for the default. */
    int length() default 0;

    /** DECIMAL precision (default 19), or fractional-second digits of DATETIME/TIMESTAMP/TIME (default 0). */
    int precision() default -1;

    /** DECIMAL scale (default 4). */
    int scale() default -1;

    /** Whether the column accepts NULL. */
    boolean nullable() default true;

    /** A single-column unique constraint. */
    boolean unique() default false;

    /** A single-column index named by the naming convention. */
    boolean index() default false;

    /**
     * A client-side default, written by the flush when the field is still {@code null} on a new
     * object (and set into the object). Parsed for the field's type: text for strings, decimal
     * text for numbers, {@code true}/{@code false}, an enum constant's name. A Java field
     * initializer ({@code String status = "active";}) does the same without this.
     */
    String defaultValue() default "";

    /**
     * A server default as SQL text, e.g. {@code "CURRENT_TIMESTAMP"} or {@code "'draft'"}. The flush
     * omits a {@code null} field with a server default from its INSERT and reads the value the
     * server chose back into the object.
     */
    String serverDefault() default "";

    /**
     * {@code ON UPDATE …} SQL text (MySQL allows {@code CURRENT_TIMESTAMP} on DATETIME/TIMESTAMP).
     * After flushing an UPDATE of the object, the flush reads the new value back into it.
     */
    String serverOnUpdate() default "";

    /** A column comment; empty for none. */
    String comment() default "";
}
