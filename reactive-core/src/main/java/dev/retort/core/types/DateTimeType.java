package dev.retort.core.types;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * {@code DATETIME[(fsp)]}: a wall-clock date and time with no zone, Java {@link LocalDateTime}. Values
 * are stored and read as written; no time-zone conversion happens (see {@link TimestampType} for
 * instants).
 */
public final class DateTimeType implements SqlType<LocalDateTime> {

    private final int fsp;

    DateTimeType(int fsp) {
        if (fsp < 0 || fsp > 6) {
            throw new IllegalArgumentException("Fractional seconds precision must be 0 to 6, was " + fsp);
        }
        this.fsp = fsp;
    }

    /** Fractional seconds precision, 0 to 6 (6 = microseconds). */
    public int fsp() {
        return fsp;
    }

    @Override
    public Class<LocalDateTime> javaType() {
        return LocalDateTime.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return fromDriver(value);
    }

    @Override
    public @Nullable LocalDateTime fromDriver(@Nullable Object value) {
        return Conversions.convert(value, LocalDateTime.class, toString());
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitDateTime(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DateTimeType that && fsp == that.fsp;
    }

    @Override
    public int hashCode() {
        return fsp;
    }

    @Override
    public String toString() {
        return fsp == 0 ? "DATETIME" : "DATETIME(" + fsp + ")";
    }
}
