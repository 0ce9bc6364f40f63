package dev.retort.core.result;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.types.Conversions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Maps rows to records or classes through a constructor. For a record the canonical constructor
 * is used and its components are matched to columns by name ({@code createdAt} matches
 * {@code created_at} and {@code CREATEDAT}); for a class, the single public constructor whose
 * parameter count equals the row's column count, matched by position. Values convert as typed reads
 * do. The constructor is looked up once per class and called through a cached method handle, not
 * reflection, per row.
 */
public final class RowMapper<R> implements Function<Row, R> {

    private static final Map<Class<?>, RowMapper<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<R> type;
    private final MethodHandle constructor;
    private final List<String> names;
    private final Class<?>[] parameterTypes;

    private RowMapper(Class<R> type, MethodHandle constructor, List<String> names, Class<?>[] parameterTypes) {
        this.type = type;
        this.constructor = constructor;
        this.names = names;
        this.parameterTypes = parameterTypes;
    }

    /** The mapper for {@code type}, built on first use and cached. */
    @SuppressWarnings("unchecked")
    public static <R> RowMapper<R> of(Class<R> type) {
        return (RowMapper<R>) CACHE.computeIfAbsent(type, RowMapper::create);
    }

    private static <R> RowMapper<R> create(Class<R> type) {
        try {
            // a private lookup in the target class, so records need not be public (classpath / same module)
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
                Constructor<R> canonical = type.getDeclaredConstructor(types);
                List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
                return new RowMapper<>(type, spreader(lookup.unreflectConstructor(canonical)), names, types);
            }
            List<Constructor<?>> candidates = Arrays.stream(type.getConstructors()).toList();
            if (candidates.size() != 1) {
                throw new InvalidRequestException(type.getName() + " needs exactly one public constructor to map rows to, has "
                        + candidates.size());
            }
            Constructor<?> only = candidates.get(0);
            List<String> names = new ArrayList<>();
            for (Parameter parameter : only.getParameters()) {
                names.add(parameter.isNamePresent() ? parameter.getName() : null);
            }
            return new RowMapper<>(type, spreader(lookup.unreflectConstructor(only)), names, only.getParameterTypes());
        } catch (ReflectiveOperationException | IllegalArgumentException unusable) {
            throw new InvalidRequestException("Cannot map rows to " + type.getName() + ": " + unusable.getMessage(), unusable);
        }
    }

    /** {@code (Object[]) -> Object}, so each call is one {@code invokeExact}. */
    private static MethodHandle spreader(MethodHandle constructor) {
        int count = constructor.type().parameterCount();
        return constructor.asType(MethodType.genericMethodType(count)).asSpreader(Object[].class, count);
    }

    @Override
    public R apply(Row row) {
        Object[] arguments = new Object[parameterTypes.length];
        for (int i = 0; i < arguments.length; i++) {
            int index = names.get(i) == null ? i : column(row, names.get(i));
            Object value = row.get(index);
            arguments[i] = Conversions.convert(value, parameterTypes[i], row.columnNames().get(index));
        }
        try {
            return type.cast((Object) constructor.invokeExact(arguments));
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new InvalidRequestException("The constructor of " + type.getName() + " failed: " + failure, failure);
        }
    }

    private int column(Row row, String name) {
        String wanted = normalise(name);
        List<String> columns = row.columnNames();
        for (int i = 0; i < columns.size(); i++) {
            if (normalise(columns.get(i)).equals(wanted)) {
                return i;
            }
        }
        throw new InvalidRequestException("No column for " + type.getSimpleName() + "." + name + " in " + columns);
    }

    private static String normalise(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
