package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/** {@code SMALLINT}: a 16-bit integer, Java {@link Short}. */
public final class SmallIntegerType implements SqlType<Short> {

    static final SmallIntegerType INSTANCE = new SmallIntegerType();

    private SmallIntegerType() {
    }

    @Override
    public Class<Short> javaType() {
        return Short.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return value == null ? null : fromDriver(value);
    }

    @Override
    public @Nullable Short fromDriver(@Nullable Object value) {
        return Conversions.convert(value, Short.class, "SMALLINT");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitSmallInteger(this);
    }

    @Override
    public String toString() {
        return "SMALLINT";
    }
}
