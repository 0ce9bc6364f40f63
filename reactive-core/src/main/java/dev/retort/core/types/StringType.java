package dev.retort.core.types;

import dev.retort.core.exception.InvalidRequestException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code VARCHAR(length)}: Java {@link String}. MySQL needs a length; a type made without one
 * ({@link Types#STRING}) fails when its DDL is compiled, naming the table and column. Binding a
 * string longer than the length fails before anything is sent.
 */
public final class StringType implements SqlType<String> {

    private final @Nullable Integer length;

    StringType(@Nullable Integer length) {
        if (length != null && length < 1) {
            throw new IllegalArgumentException("A VARCHAR length must be at least 1, was " + length);
        }
        this.length = length;
    }

    /** The declared length, or {@code null} when none was given. */
    public @Nullable Integer length() {
        return length;
    }

    @Override
    public Class<String> javaType() {
        return String.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        String text = fromDriver(value);
        if (text != null && length != null && text.codePointCount(0, text.length()) > length) {
            throw new InvalidRequestException("A value of " + text.codePointCount(0, text.length())
                    + " characters does not fit in VARCHAR(" + length + ")");
        }
        return text;
    }

    @Override
    public @Nullable String fromDriver(@Nullable Object value) {
        return Conversions.convert(value, String.class, toString());
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitString(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StringType that && Objects.equals(length, that.length);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(length);
    }

    @Override
    public String toString() {
        return length == null ? "VARCHAR" : "VARCHAR(" + length + ")";
    }
}
