package dev.retort.core.types;

/** The shared part of DATETIME, TIME and TIMESTAMP: a fractional seconds precision of 0 to 6. */
abstract class FractionalSecondsType<T> extends ConvertedType<T> {

    private final int fsp;
    private final String sqlName;

    FractionalSecondsType(Class<T> javaType, String sqlName, int fsp) {
        super(javaType, sqlName);
        if (fsp < 0 || fsp > 6) {
            throw new IllegalArgumentException("Fractional seconds precision must be 0 to 6, was " + fsp);
        }
        this.fsp = fsp;
        this.sqlName = sqlName;
    }

    /** Fractional seconds precision, 0 to 6 (6 = microseconds). */
    public int fsp() {
        return fsp;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && fsp == ((FractionalSecondsType<?>) other).fsp;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + fsp;
    }

    @Override
    public String toString() {
        return fsp == 0 ? sqlName : sqlName + "(" + fsp + ")";
    }
}
