package dev.retort.core.types;

import dev.retort.core.exception.InvalidRequestException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binary data: Java {@code byte[]}. Without a length it is {@code BLOB} (64 KiB); with one, the
 * smallest of {@code BLOB}, {@code MEDIUMBLOB}, {@code LONGBLOB} that holds that many bytes.
 */
public final class LargeBinaryType implements SqlType<byte[]> {

    private final @Nullable Long length;

    LargeBinaryType(@Nullable Long length) {
        if (length != null && length < 1) {
            throw new IllegalArgumentException("A BLOB length must be at least 1, was " + length);
        }
        this.length = length;
    }

    /** The declared length in bytes, or {@code null}. */
    public @Nullable Long length() {
        return length;
    }

    @Override
    public Class<byte[]> javaType() {
        return byte[].class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return fromDriver(value);
    }

    @Override
    public byte @Nullable [] fromDriver(@Nullable Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        throw new InvalidRequestException("A " + value.getClass().getName() + " is not binary data for " + this);
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitLargeBinary(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LargeBinaryType that && Objects.equals(length, that.length);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(length);
    }

    @Override
    public String toString() {
        return length == null ? "BLOB" : "BLOB(" + length + ")";
    }
}
