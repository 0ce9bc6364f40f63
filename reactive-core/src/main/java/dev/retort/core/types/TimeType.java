package dev.retort.core.types;

import java.time.Duration;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * {@code TIME[(fsp)]}: a time of day, Java {@link LocalTime}. (MySQL's TIME also holds durations
 * beyond 24 hours; those fail to convert.)
 */
public final class TimeType extends FractionalSecondsType<LocalTime> {

    TimeType(int fsp) {
        super(LocalTime.class, "TIME", fsp);
    }

    @Override
    public @Nullable LocalTime fromDriver(@Nullable Object value) {
        if (value instanceof Duration duration && !duration.isNegative() && duration.toDays() == 0) {
            return LocalTime.ofNanoOfDay(duration.toNanos());
        }
        return super.fromDriver(value);
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitTime(this);
    }
}
