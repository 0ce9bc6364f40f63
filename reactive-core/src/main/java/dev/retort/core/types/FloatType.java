package dev.retort.core.types;

/** {@code FLOAT}: a single-precision float, Java {@link Float}. */
public final class FloatType extends ConvertedType<Float> {

    static final FloatType INSTANCE = new FloatType();

    private FloatType() {
        super(Float.class, "FLOAT");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitFloat(this);
    }
}
