package dev.retort.core.types;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** {@code DATE}: a calendar date, Java {@link LocalDate}. */
public final class DateType implements SqlType<LocalDate> {

    static final DateType INSTANCE = new DateType();

    private DateType() {
    }

    @Override
    public Class<LocalDate> javaType() {
        return LocalDate.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return value == null ? null : fromDriver(value);
    }

    @Override
    public @Nullable LocalDate fromDriver(@Nullable Object value) {
        return Conversions.convert(value, LocalDate.class, "DATE");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitDate(this);
    }

    @Override
    public String toString() {
        return "DATE";
    }
}
