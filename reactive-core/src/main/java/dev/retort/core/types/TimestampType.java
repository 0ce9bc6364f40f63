package dev.retort.core.types;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code TIMESTAMP[(fsp)]}: an instant on the time line, Java {@link Instant}. The server stores
 * TIMESTAMP in UTC and shows it in the session time zone; Retort pins the session time zone to
 * UTC on every connection it opens ({@code connectionTimeZone=UTC},
 * {@code forceConnectionTimeZoneToSession=true}), and this type converts through UTC, so an
 * {@code Instant} written is the instant read back whatever the JVM's or the server's zone.
 */
public final class TimestampType implements SqlType<Instant> {

    private final int fsp;

    TimestampType(int fsp) {
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
    public Class<Instant> javaType() {
        return Instant.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        Instant instant = fromDriver(value);
        return instant == null ? null : java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    @Override
    public @Nullable Instant fromDriver(@Nullable Object value) {
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        return Conversions.convert(value, Instant.class, toString());
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitTimestamp(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimestampType that && fsp == that.fsp;
    }

    @Override
    public int hashCode() {
        return fsp;
    }

    @Override
    public String toString() {
        return fsp == 0 ? "TIMESTAMP" : "TIMESTAMP(" + fsp + ")";
    }
}
