package dev.retort.core.types;

import dev.retort.core.exception.InvalidRequestException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A UUID, Java {@link UUID}, stored as {@code CHAR(36)} in its canonical lower-case text form
 * ({@code 123e4567-e89b-12d3-a456-426614174000}). Text keeps values readable in any client and
 * identical on MySQL and MariaDB (MariaDB's native UUID type exists only from 10.7). Reads also
 * accept 16-byte binary values, so a {@code BINARY(16)} column written elsewhere can be read.
 */
public final class UuidType implements SqlType<UUID> {

    static final UuidType INSTANCE = new UuidType();

    private UuidType() {
    }

    @Override
    public Class<UUID> javaType() {
        return UUID.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        UUID uuid = fromDriver(value);
        return uuid == null ? null : uuid.toString();
    }

    @Override
    public @Nullable UUID fromDriver(@Nullable Object value) {
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        if (value instanceof CharSequence text) {
            try {
                return UUID.fromString(text.toString().trim());
            } catch (IllegalArgumentException notUuid) {
                throw new InvalidRequestException("'" + text + "' is not a UUID", notUuid);
            }
        }
        if (value instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        if (value instanceof ByteBuffer binary && binary.remaining() == 16) {
            ByteBuffer buffer = binary.duplicate();
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        throw new InvalidRequestException("A " + value.getClass().getName() + " is not a UUID");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitUuid(this);
    }

    @Override
    public String toString() {
        return "UUID";
    }
}
