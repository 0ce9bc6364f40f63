package dev.retort.core.types;

import java.time.LocalDateTime;

/**
 * {@code DATETIME[(fsp)]}: a wall-clock date and time with no zone, Java {@link LocalDateTime}. Values
 * are stored and read as written; no time-zone conversion happens (see {@link TimestampType} for
 * instants).
 */
public final class DateTimeType extends FractionalSecondsType<LocalDateTime> {

    DateTimeType(int fsp) {
        super(LocalDateTime.class, "DATETIME", fsp);
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitDateTime(this);
    }
}
