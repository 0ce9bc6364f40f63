package dev.retort.core.types;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Long text: Java {@link String}. Without a length it is {@code TEXT} (64 KiB); with one, the
 * smallest of {@code TEXT}, {@code MEDIUMTEXT}, {@code LONGTEXT} that holds that many bytes.
 */
public final class TextType implements SqlType<String> {

    private final @Nullable Long length;

    TextType(@Nullable Long length) {
        if (length != null && length < 1) {
            throw new IllegalArgumentException("A TEXT length must be at least 1, was " + length);
        }
        this.length = length;
    }

    /** The declared length in bytes, or {@code null}. */
    public @Nullable Long length() {
        return length;
    }

    @Override
    public Class<String> javaType() {
        return String.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return fromDriver(value);
    }

    @Override
    public @Nullable String fromDriver(@Nullable Object value) {
        return Conversions.convert(value, String.class, "TEXT");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitText(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TextType that && Objects.equals(length, that.length);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(length);
    }

    @Override
    public String toString() {
        return length == null ? "TEXT" : "TEXT(" + length + ")";
    }
}
