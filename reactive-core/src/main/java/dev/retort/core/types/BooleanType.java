package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/** {@code BOOLEAN} (MySQL stores {@code TINYINT(1)}): Java {@link Boolean}; read from 0/1 as well. */
public final class BooleanType implements SqlType<Boolean> {

    static final BooleanType INSTANCE = new BooleanType();

    private BooleanType() {
    }

    @Override
    public Class<Boolean> javaType() {
        return Boolean.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return value == null ? null : fromDriver(value);
    }

    @Override
    public @Nullable Boolean fromDriver(@Nullable Object value) {
        return Conversions.convert(value, Boolean.class, "BOOLEAN");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitBoolean(this);
    }

    @Override
    public String toString() {
        return "BOOLEAN";
    }
}
