package dev.retort.orm.mapping;

import dev.retort.core.schema.Column;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One mapped field of an entity: its column and how to read and write it. Reads and writes go
 * through method handles resolved once at registration. No IO.
 */
public interface Attribute {

    /** The Java field's name. */
    String name();

    /** The column this field maps to. */
    Column<?> column();

    /** The field's Java type (primitive types as declared). */
    Class<?> javaType();

    /** Whether the field is part of the primary key. */
    boolean isId();

    /** Whether the server generates the value ({@link GeneratedValue}). */
    boolean isGenerated();

    /** Whether this is the {@link Version} counter. */
    boolean isVersion();

    /** Whether the column has a server default (the flush reads the chosen value back). */
    boolean hasServerDefault();

    /** Whether the column has {@code ON UPDATE …} (the flush reads the new value back after an UPDATE). */
    boolean hasServerOnUpdate();

    /** The client-side default from {@link Column#defaultValue()}, if any. */
    Optional<Supplier<?>> clientDefault();

    /** The field's value in {@code entity}, boxed. */
    @Nullable Object get(Object entity);

    /** Sets the field; {@code null} sets a primitive field to its zero value. */
    void set(Object entity, @Nullable Object value);

    /**
     * {@code value} converted to this field's type where the two differ only in numeric width
     * (a key the driver reports as {@code Long} for an {@code Integer} field); others unchanged.
     */
    @Nullable Object coerce(@Nullable Object value);

    /** Whether {@code value} means "not set" for this field: {@code null}, or zero for a primitive number. */
    boolean isUnset(@Nullable Object value);

    /**
     * A value to compare later with {@link #sameAs}: immutable values as they are, JSON values as
     * their serialised text (so changes inside a list or map are seen), byte arrays copied.
     */
    @Nullable Object snapshot(@Nullable Object value);

    /** Whether the current {@code value} equals an earlier {@link #snapshot}. */
    boolean sameAs(@Nullable Object value, @Nullable Object snapshot);
}
