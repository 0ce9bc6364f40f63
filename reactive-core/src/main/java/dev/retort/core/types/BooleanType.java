package dev.retort.core.types;

/** {@code BOOLEAN} (MySQL stores {@code TINYINT(1)}): Java {@link Boolean}; read from 0/1 as well. */
public final class BooleanType extends ConvertedType<Boolean> {

    static final BooleanType INSTANCE = new BooleanType();

    private BooleanType() {
        super(Boolean.class, "BOOLEAN");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitBoolean(this);
    }
}
