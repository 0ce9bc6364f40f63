package dev.retort.orm.mapping;

import dev.retort.core.schema.Column;
import dev.retort.core.types.JsonType;
import java.lang.invoke.MethodHandle;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A field read and written through method handles adapted to {@code (Object)Object} / {@code (Object,Object)void}. */
final class FieldAttribute implements Attribute {

    private final String name;
    private final Column<?> column;
    private final Class<?> javaType;
    private final MethodHandle getter;
    private final MethodHandle setter;
    private final boolean id;
    private final boolean generated;
    private final boolean version;
    private final @Nullable Supplier<?> clientDefault;
    private final boolean json;

    FieldAttribute(String name, Column<?> column, Class<?> javaType, MethodHandle getter, MethodHandle setter,
            boolean id, boolean generated, boolean version, @Nullable Supplier<?> clientDefault) {
        this.name = name;
        this.column = column;
        this.javaType = javaType;
        this.getter = getter;
        this.setter = setter;
        this.id = id;
        this.generated = generated;
        this.version = version;
        this.clientDefault = clientDefault;
        this.json = column.type() instanceof JsonType || column.type() instanceof RecordJsonType<?>;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Column<?> column() {
        return column;
    }

    @Override
    public Class<?> javaType() {
        return javaType;
    }

    @Override
    public boolean isId() {
        return id;
    }

    @Override
    public boolean isGenerated() {
        return generated;
    }

    @Override
    public boolean isVersion() {
        return version;
    }

    @Override
    public boolean hasServerDefault() {
        return column.serverDefault().isPresent();
    }

    @Override
    public boolean hasServerOnUpdate() {
        return column.serverOnUpdate().isPresent();
    }

    @Override
    public Optional<Supplier<?>> clientDefault() {
        return Optional.ofNullable(clientDefault);
    }

    @Override
    public @Nullable Object get(Object entity) {
        try {
            return (Object) getter.invokeExact(entity);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public void set(Object entity, @Nullable Object value) {
        Object converted = value == null && javaType.isPrimitive() ? Primitives.zero(javaType) : Primitives.coerce(value, javaType);
        try {
            setter.invokeExact(entity, converted);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public @Nullable Object coerce(@Nullable Object value) {
        return Primitives.coerce(value, javaType);
    }

    @Override
    public boolean isUnset(@Nullable Object value) {
        return value == null || javaType.isPrimitive() && value.equals(Primitives.zero(javaType));
    }

    @Override
    public @Nullable Object snapshot(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (json) {
            return column.type().toDriver(value);
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        return value;
    }

    @Override
    public boolean sameAs(@Nullable Object value, @Nullable Object snapshot) {
        return Objects.deepEquals(snapshot(value), snapshot);
    }

    private RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("Cannot access " + name, e);
    }

    @Override
    public String toString() {
        return name + " → " + column;
    }
}
