package dev.retort.core.types;

/** {@code INT}: a 32-bit integer, Java {@link Integer}. */
public final class IntegerType extends ConvertedType<Integer> {

    static final IntegerType INSTANCE = new IntegerType();

    private IntegerType() {
        super(Integer.class, "INTEGER");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitInteger(this);
    }
}
