package dev.retort.orm.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Zero values of primitive fields and the numeric widening/narrowing between driver and field types. */
final class Primitives {

    private static final Map<Class<?>, Object> ZERO = Map.of(int.class, 0, long.class, 0L, short.class, (short) 0,
            byte.class, (byte) 0, double.class, 0d, float.class, 0f, boolean.class, false, char.class, '\0');

    private static final Map<Class<?>, Class<?>> BOXED = Map.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, double.class, Double.class, float.class, Float.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private Primitives() {
    }

    static Object zero(Class<?> primitive) {
        return ZERO.get(primitive);
    }

    static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? BOXED.get(type) : type;
    }

    /**
     * {@code value} as an instance of {@code type} when it is a number of another width (a key the
     * driver returned as {@code Long} for an {@code Integer} field); anything else unchanged.
     */
    static @Nullable Object coerce(@Nullable Object value, Class<?> type) {
        if (!(value instanceof Number number)) {
            return value;
        }
        Class<?> target = boxed(type);
        if (target.isInstance(value)) {
            return value;
        }
        if (target == Integer.class) {
            return Math.toIntExact(number.longValue());
        }
        if (target == Long.class) {
            return number instanceof BigInteger big ? big.longValueExact() : number.longValue();
        }
        if (target == Short.class) {
            return (short) Math.toIntExact(number.longValue());
        }
        if (target == Byte.class) {
            return (byte) Math.toIntExact(number.longValue());
        }
        if (target == Double.class) {
            return number.doubleValue();
        }
        if (target == Float.class) {
            return number.floatValue();
        }
        if (target == BigDecimal.class) {
            return new BigDecimal(number.toString());
        }
        if (target == BigInteger.class) {
            return new BigInteger(number.toString());
        }
        return value;
    }
}
