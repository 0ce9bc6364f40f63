package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/** {@code FLOAT}: a single-precision float, Java {@link Float}. */
public final class FloatType implements SqlType<Float> {

    static final FloatType INSTANCE = new FloatType();

    private FloatType() {
    }

    @Override
    public Class<Float> javaType() {
        return Float.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return value == null ? null : fromDriver(value);
    }

    @Override
    public @Nullable Float fromDriver(@Nullable Object value) {
        return Conversions.convert(value, Float.class, "FLOAT");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitFloat(this);
    }

    @Override
    public String toString() {
        return "FLOAT";
    }
}
