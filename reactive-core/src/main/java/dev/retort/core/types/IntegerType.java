package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/** {@code INT}: a 32-bit integer, Java {@link Integer}. */
public final class IntegerType implements SqlType<Integer> {

    static final IntegerType INSTANCE = new IntegerType();

    private IntegerType() {
    }

    @Override
    public Class<Integer> javaType() {
        return Integer.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return value == null ? null : fromDriver(value);
    }

    @Override
    public @Nullable Integer fromDriver(@Nullable Object value) {
        return Conversions.convert(value, Integer.class, "INTEGER");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitInteger(this);
    }

    @Override
    public String toString() {
        return "INTEGER";
    }
}
