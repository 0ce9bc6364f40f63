package dev.retort.core.types;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code DECIMAL(precision, scale)}: an exact number, Java {@link BigDecimal}. A type made without a
 * precision ({@link Types#NUMERIC}) fails when its DDL is compiled, naming the table and column,
 * rather than silently becoming MySQL's {@code DECIMAL(10,0)}.
 */
public final class NumericType implements SqlType<BigDecimal> {

    private final @Nullable Integer precision;
    private final int scale;

    NumericType(@Nullable Integer precision, int scale) {
        if (precision != null && (precision < 1 || precision > 65)) {
            throw new IllegalArgumentException("DECIMAL precision must be 1 to 65, was " + precision);
        }
        if (scale < 0 || scale > 30 || (precision != null && scale > precision)) {
            throw new IllegalArgumentException("DECIMAL scale must be 0 to 30 and at most the precision, was " + scale);
        }
        this.precision = precision;
        this.scale = scale;
    }

    /** Total digits, or {@code null} when none was given. */
    public @Nullable Integer precision() {
        return precision;
    }

    /** Digits after the decimal point. */
    public int scale() {
        return scale;
    }

    @Override
    public Class<BigDecimal> javaType() {
        return BigDecimal.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return fromDriver(value);
    }

    @Override
    public @Nullable BigDecimal fromDriver(@Nullable Object value) {
        return Conversions.convert(value, BigDecimal.class, toString());
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitNumeric(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NumericType that && Objects.equals(precision, that.precision) && scale == that.scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(precision, scale);
    }

    @Override
    public String toString() {
        return precision == null ? "DECIMAL" : "DECIMAL(" + precision + ", " + scale + ")";
    }
}
