package dev.retort.core.types;

/** {@code DOUBLE}: a double-precision float, Java {@link Double}. */
public final class DoubleType extends ConvertedType<Double> {

    static final DoubleType INSTANCE = new DoubleType();

    private DoubleType() {
        super(Double.class, "DOUBLE");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitDouble(this);
    }
}
