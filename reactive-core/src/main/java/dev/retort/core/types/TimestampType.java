package dev.retort.core.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * {@code TIMESTAMP[(fsp)]}: an instant on the time line, Java {@link Instant}. The server stores
 * TIMESTAMP in UTC and shows it in the session time zone; Retort pins the session time zone to
 * UTC on every connection it opens ({@code connectionTimeZone=UTC},
 * {@code forceConnectionTimeZoneToSession=true}), and this type converts through UTC, so an
 * {@code Instant} written is the instant read back whatever the JVM's or the server's zone.
 */
public final class TimestampType extends FractionalSecondsType<Instant> {

    TimestampType(int fsp) {
        super(Instant.class, "TIMESTAMP", fsp);
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        Instant instant = fromDriver(value);
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public @Nullable Instant fromDriver(@Nullable Object value) {
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        return super.fromDriver(value);
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitTimestamp(this);
    }
}
