package dev.retort.core.types;

import java.time.LocalDate;

/** {@code DATE}: a calendar date, Java {@link LocalDate}. */
public final class DateType extends ConvertedType<LocalDate> {

    static final DateType INSTANCE = new DateType();

    private DateType() {
        super(LocalDate.class, "DATE");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitDate(this);
    }
}
