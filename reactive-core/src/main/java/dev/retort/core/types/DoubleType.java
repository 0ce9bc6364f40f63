package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/** {@code DOUBLE}: a double-precision float, Java {@link Double}. */
public final class DoubleType implements SqlType<Double> {

    static final DoubleType INSTANCE = new DoubleType();

    private DoubleType() {
    }

    @Override
    public Class<Double> javaType() {
        return Double.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return value == null ? null : fromDriver(value);
    }

    @Override
    public @Nullable Double fromDriver(@Nullable Object value) {
        return Conversions.convert(value, Double.class, "DOUBLE");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitDouble(this);
    }

    @Override
    public String toString() {
        return "DOUBLE";
    }
}
