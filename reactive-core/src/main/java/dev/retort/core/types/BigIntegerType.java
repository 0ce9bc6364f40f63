package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/** {@code BIGINT}: a 64-bit integer, Java {@link Long}. */
public final class BigIntegerType implements SqlType<Long> {

    static final BigIntegerType INSTANCE = new BigIntegerType();

    private BigIntegerType() {
    }

    @Override
    public Class<Long> javaType() {
        return Long.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return value == null ? null : fromDriver(value);
    }

    @Override
    public @Nullable Long fromDriver(@Nullable Object value) {
        return Conversions.convert(value, Long.class, "BIGINT");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitBigInteger(this);
    }

    @Override
    public String toString() {
        return "BIGINT";
    }
}
