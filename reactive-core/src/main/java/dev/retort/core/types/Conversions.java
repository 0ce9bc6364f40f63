package dev.retort.core.types;

import dev.retort.core.exception.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The conversions typed reads and {@link SqlType}s apply: widening and exact narrowing between
 * numeric types, booleans from numbers ({@code TINYINT(1)}), strings from text-like values.
 * Everything else is refused with a message naming the column.
 */
public final class Conversions {

    private static final Map<Class<?>, Class<?>> WRAPPERS = Map.of(
            int.class, Integer.class, long.class, Long.class, short.class, Short.class, byte.class, Byte.class,
            double.class, Double.class, float.class, Float.class, boolean.class, Boolean.class, char.class,
            Character.class);

    private Conversions() {
    }

    /**
     * Converts a driver value to {@code requested} (primitive classes accepted).
     *
     * @param column names the value in error messages
     * @throws InvalidRequestException when the value does not convert without loss
     */
    @SuppressWarnings("unchecked")
    public static <T> @Nullable T convert(@Nullable Object value, Class<T> requested, String column) {
        Class<?> type = requested.isPrimitive() ? WRAPPERS.get(requested) : requested;
        if (value == null) {
            if (requested.isPrimitive()) {
                throw new InvalidRequestException("Column '" + column + "' is NULL and cannot be read as " + requested);
            }
            return null;
        }
        if (type.isInstance(value)) {
            return (T) value;
        }
        Object converted = convertNonNull(value, type);
        if (converted == null) {
            throw new InvalidRequestException("Column '" + column + "' holds a " + value.getClass().getName()
                    + " and cannot be read as " + requested.getName());
        }
        return (T) converted;
    }

    private static @Nullable Object convertNonNull(Object value, Class<?> type) {
        if (value instanceof Number number) {
            return fromNumber(number, type);
        }
        if (value instanceof Boolean bool && Number.class.isAssignableFrom(type)) {
            return fromNumber(bool ? 1 : 0, type);
        }
        if (type == String.class) {
            if (value instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            if (value instanceof CharSequence || value instanceof Character) {
                return value.toString();
            }
        }
        return null;
    }

    private static @Nullable Object fromNumber(Number number, Class<?> type) {
        if (type == Double.class || type == Float.class) {
            return toFloatingPoint(number, type);
        }
        if (type == Number.class) {
            return number;
        }
        try {
            BigDecimal exact = number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
            if (type == Long.class) {
                return exact.longValueExact();
            }
            if (type == Integer.class) {
                return exact.intValueExact();
            }
            if (type == Short.class) {
                return exact.shortValueExact();
            }
            if (type == Byte.class) {
                return exact.byteValueExact();
            }
            if (type == BigInteger.class) {
                return exact.toBigIntegerExact();
            }
            if (type == BigDecimal.class) {
                return exact;
            }
            if (type == Boolean.class) {
                return exact.signum() != 0;
            }
        } catch (ArithmeticException | NumberFormatException lossy) {
            throw new InvalidRequestException("Value " + number + " does not fit in " + type.getSimpleName(), lossy);
        }
        return null;
    }

    /** Double or Float; NaN and infinities pass through, a finite value too large for the type is refused. */
    private static Object toFloatingPoint(Number number, Class<?> type) {
        double value = number.doubleValue();
        boolean finite = !(number instanceof Double d && !Double.isFinite(d)) && !(number instanceof Float f && !Float.isFinite(f));
        Object converted = type == Double.class ? (Object) value : (Object) number.floatValue();
        boolean overflowed = type == Double.class ? Double.isInfinite(value) : Float.isInfinite((Float) converted);
        if (finite && overflowed) {
            throw new InvalidRequestException("Value " + number + " does not fit in " + type.getSimpleName());
        }
        return converted;
    }
}
