package dev.retort.core.types;

/** {@code SMALLINT}: a 16-bit integer, Java {@link Short}. */
public final class SmallIntegerType extends ConvertedType<Short> {

    static final SmallIntegerType INSTANCE = new SmallIntegerType();

    private SmallIntegerType() {
        super(Short.class, "SMALLINT");
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitSmallInteger(this);
    }
}
