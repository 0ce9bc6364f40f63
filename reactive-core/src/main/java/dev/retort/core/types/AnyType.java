package dev.retort.core.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The type of a value whose SQL type is not known (a parameter of {@code text()}, a literal in an
 * expression without a typed side). Binding applies the conversions every typed column would
 * agree on: a Java enum by name, a UUID as text, an {@code Instant} as UTC date-time (the session
 * zone, see {@link TimestampType}); everything else goes to the driver as it is. Reads return the
 * driver's value. Cannot appear in DDL.
 */
public final class AnyType implements SqlType<Object> {

    static final AnyType INSTANCE = new AnyType();

    private AnyType() {
    }

    @Override
    public Class<Object> javaType() {
        return Object.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return value;
    }

    @Override
    public @Nullable Object fromDriver(@Nullable Object value) {
        return value;
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitAny(this);
    }

    @Override
    public String toString() {
        return "ANY";
    }
}
