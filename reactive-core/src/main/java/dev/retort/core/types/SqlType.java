package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/**
 * A SQL column type and how its values travel between Java and the driver. Immutable and
 * thread-safe; conversions do no IO.
 *
 * @param <T> the Java type of the column's values
 */
public interface SqlType<T> {

    /** The Java class of this type's values. */
    Class<T> javaType();

    /**
     * Converts a Java value into what the driver binds (for example an enum into its name, a
     * JSON document into its text). {@code null} stays {@code null}.
     *
     * @throws dev.retort.core.exception.InvalidRequestException when the value does not fit
     *     (an unknown enum label, a string longer than the column)
     */
    @Nullable Object toDriver(@Nullable Object value);

    /**
     * Converts what the driver read into this type's Java value. {@code null} stays {@code null}.
     *
     * @throws dev.retort.core.exception.InvalidRequestException when the value cannot be converted
     */
    @Nullable T fromDriver(@Nullable Object value);

    /** Double dispatch for compilers: {@code visitor.visitX(this)}. */
    <R> R accept(TypeVisitor<R> visitor);
}
