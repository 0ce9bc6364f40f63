package dev.retort.orm.mapping;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts between a declared Java type and JSON's tree (maps, lists, strings, numbers, booleans):
 * records become objects of their components, lists and maps are converted element by element,
 * enums and {@code java.time}/UUID values become strings. Built once per field at registration
 * (record accessors and constructors resolved to method handles then), so unsupported types fail
 * there, not on a row.
 */
abstract class JsonShape {

    private static final Set<Class<?>> PLAIN = Set.of(String.class, Boolean.class, Integer.class, Long.class,
            Double.class, Float.class, Short.class, BigDecimal.class, BigInteger.class, Object.class);

    abstract Object toJson(Object value);

    abstract Object fromJson(Object json);

    /**
     * The shape of {@code type}.
     *
     * @throws IllegalArgumentException naming the part of the type that has no JSON form
     */
    static JsonShape of(Type type) {
        if (type instanceof WildcardType wildcard) {
            return of(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                requireReadableAs(raw, ArrayList.class, type);
                return new ListShape(of(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                requireReadableAs(raw, LinkedHashMap.class, type);
                requireStringKeys(arguments[0], type);
                return new MapShape(of(arguments[1]));
            }
            throw new IllegalArgumentException("no JSON form for " + type.getTypeName());
        }
        if (!(type instanceof Class<?> raw)) {
            throw new IllegalArgumentException("no JSON form for " + type.getTypeName());
        }
        Class<?> boxed = Primitives.boxed(raw);
        if (PLAIN.contains(boxed)) {
            return new ScalarShape(boxed);
        }
        if (List.class.isAssignableFrom(raw)) {
            requireReadableAs(raw, ArrayList.class, type);
            return new ListShape(new ScalarShape(Object.class));
        }
        if (Map.class.isAssignableFrom(raw)) {
            requireReadableAs(raw, LinkedHashMap.class, type);
            return new MapShape(new ScalarShape(Object.class));
        }
        if (raw.isEnum()) {
            return textShape(raw, name -> enumConstant(raw, name));
        }
        if (raw == LocalDate.class) {
            return textShape(raw, LocalDate::parse);
        }
        if (raw == LocalDateTime.class) {
            return textShape(raw, LocalDateTime::parse);
        }
        if (raw == LocalTime.class) {
            return textShape(raw, LocalTime::parse);
        }
        if (raw == Instant.class) {
            return textShape(raw, Instant::parse);
        }
        if (raw == UUID.class) {
            return textShape(raw, UUID::fromString);
        }
        if (raw.isRecord()) {
            return RecordShape.of(raw);
        }
        throw new IllegalArgumentException("no JSON form for " + raw.getName());
    }

    /** A list is read back as an ArrayList and a map as a LinkedHashMap; a declared type must accept that. */
    private static void requireReadableAs(Class<?> declared, Class<?> read, Type whole) {
        if (!declared.isAssignableFrom(read)) {
            throw new IllegalArgumentException("no JSON form for " + whole.getTypeName() + ": JSON is read back as "
                    + read.getSimpleName() + "; declare it as " + (List.class.isAssignableFrom(declared) ? "List" : "Map"));
        }
    }

    private static void requireStringKeys(Type key, Type whole) {
        if (key != String.class) {
            throw new IllegalArgumentException("JSON object keys are strings; " + whole.getTypeName() + " has other keys");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static JsonShape textShape(Class<?> type, Function<String, Object> parse) {
        return new JsonShape() {
            @Override
            Object toJson(Object value) {
                return value instanceof Enum<?> constant ? constant.name() : value.toString();
            }

            @Override
            Object fromJson(Object json) {
                if (!(json instanceof String text)) {
                    throw new IllegalArgumentException("expected a JSON string for " + type.getSimpleName() + ", got " + json);
                }
                return parse.apply(text);
            }
        };
    }

    private static final class ScalarShape extends JsonShape {
        private final Class<?> type;

        ScalarShape(Class<?> type) {
            this.type = type;
        }

        @Override
        Object toJson(Object value) {
            return value;
        }

        @Override
        Object fromJson(Object json) {
            Object converted = Primitives.coerce(json, type);
            if (!type.isInstance(converted)) {
                throw new IllegalArgumentException("expected " + type.getSimpleName() + " in JSON, got " + json);
            }
            return converted;
        }
    }

    private static final class ListShape extends JsonShape {
        private final JsonShape element;

        ListShape(JsonShape element) {
            this.element = element;
        }

        @Override
        Object toJson(Object value) {
            List<Object> out = new ArrayList<>();
            for (Object item : (Iterable<?>) value) {
                out.add(item == null ? null : element.toJson(item));
            }
            return out;
        }

        @Override
        Object fromJson(Object json) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) json) {
                out.add(item == null ? null : element.fromJson(item));
            }
            return out;
        }
    }

    private static final class MapShape extends JsonShape {
        private final JsonShape value;

        MapShape(JsonShape value) {
            this.value = value;
        }

        @Override
        Object toJson(Object map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) map).forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : value.toJson(v)));
            return out;
        }

        @Override
        Object fromJson(Object json) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) json).forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : value.fromJson(v)));
            return out;
        }
    }

    private static final class RecordShape extends JsonShape {
        private final String[] names;
        private final JsonShape[] shapes;
        private final MethodHandle[] accessors;
        private final Class<?>[] types;
        private final MethodHandle constructor;

        private RecordShape(String[] names, JsonShape[] shapes, MethodHandle[] accessors, Class<?>[] types,
                MethodHandle constructor) {
            this.names = names;
            this.types = types;
            this.shapes = shapes;
            this.accessors = accessors;
            this.constructor = constructor;
        }

        static RecordShape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            JsonShape[] shapes = new JsonShape[components.length];
            MethodHandle[] accessors = new MethodHandle[components.length];
            Class<?>[] parameterTypes = new Class<?>[components.length];
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    shapes[i] = JsonShape.of(components[i].getGenericType());
                    accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                    parameterTypes[i] = components[i].getType();
                }
                MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new RecordShape(names, shapes, accessors, parameterTypes, constructor);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new IllegalArgumentException("record " + type.getName() + ": " + e.getMessage(), e);
            }
        }

        @Override
        Object toJson(Object value) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                Object component = invoke(accessors[i], value);
                out.put(names[i], component == null ? null : shapes[i].toJson(component));
            }
            return out;
        }

        @Override
        Object fromJson(Object json) {
            if (!(json instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("expected a JSON object for a record, got " + json);
            }
            Object[] arguments = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                Object component = map.get(names[i]);
                arguments[i] = component != null ? shapes[i].fromJson(component)
                        : types[i].isPrimitive() ? Primitives.zero(types[i]) : null;
            }
            try {
                return (Object) constructor.invokeExact(arguments);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        private static Object invoke(MethodHandle accessor, Object value) {
            try {
                return (Object) accessor.invokeExact(value);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
