package dev.retort.core.types;

import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * {@code TIME[(fsp)]}: a time of day, Java {@link LocalTime}. (MySQL's TIME also holds durations
 * beyond 24 hours; those fail to convert.)
 */
public final class TimeType implements SqlType<LocalTime> {

    private final int fsp;

    TimeType(int fsp) {
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
    public Class<LocalTime> javaType() {
        return LocalTime.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return fromDriver(value);
    }

    @Override
    public @Nullable LocalTime fromDriver(@Nullable Object value) {
        if (value instanceof java.time.Duration duration && !duration.isNegative() && duration.toDays() == 0) {
            return LocalTime.ofNanoOfDay(duration.toNanos());
        }
        return Conversions.convert(value, LocalTime.class, toString());
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitTime(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimeType that && fsp == that.fsp;
    }

    @Override
    public int hashCode() {
        return fsp;
    }

    @Override
    public String toString() {
        return fsp == 0 ? "TIME" : "TIME(" + fsp + ")";
    }
}
