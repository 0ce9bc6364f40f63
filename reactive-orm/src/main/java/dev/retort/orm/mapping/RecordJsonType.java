package dev.retort.orm.mapping;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.TypeVisitor;
import dev.retort.core.types.Types;
import org.jspecify.annotations.Nullable;

/**
 * A JSON column holding a value of a declared Java type (a record, or a generic list or map):
 * stored as core JSON, converted on the way in and out by a {@link JsonShape} built once per field.
 * Compiles in DDL exactly as {@link Types#JSON}.
 */
final class RecordJsonType<T> implements SqlType<T> {

    private final Class<T> javaType;
    private final JsonShape shape;

    RecordJsonType(Class<T> javaType, JsonShape shape) {
        this.javaType = javaType;
        this.shape = shape;
    }

    @Override
    public Class<T> javaType() {
        return javaType;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        return Types.JSON.toDriver(value == null ? null : shape.toJson(value));
    }

    @Override
    public @Nullable T fromDriver(@Nullable Object value) {
        Object json = Types.JSON.fromDriver(value);
        return json == null ? null : javaType.cast(shape.fromJson(json));
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return Types.JSON.accept(visitor);
    }

    @Override
    public String toString() {
        return "JSON(" + javaType.getSimpleName() + ")";
    }
}
