package dev.retort.core.types;

/** {@code BIGINT}: a 64-bit integer, Java {@link Long}. */
public final class BigIntegerType extends ConvertedType<Long> {

    static final BigIntegerType INSTANCE = new BigIntegerType();

    private BigIntegerType() {
        super(Long.class, "BIGINT");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitBigInteger(this);
    }
}
