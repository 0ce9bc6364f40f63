package dev.retort.core.types;

import org.jspecify.annotations.Nullable;

/**
 * The shared part of the types whose values need only {@link Conversions}: a Java class and a SQL
 * name. Subclasses add their visitor dispatch.
 */
abstract class ConvertedType<T> implements SqlType<T> {

    private final Class<T> javaType;
    private final String sqlName;

    ConvertedType(Class<T> javaType, String sqlName) {
        this.javaType = javaType;
        this.sqlName = sqlName;
    }

    @Override
    public final Class<T> javaType() {
        return javaType;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return fromDriver(value);
    }

    @Override
    public @Nullable T fromDriver(@Nullable Object value) {
        return Conversions.convert(value, javaType, toString());
    }

    @Override
    public String toString() {
        return sqlName;
    }
}
