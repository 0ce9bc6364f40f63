package dev.retort.orm.mapping;

import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Chooses a field's SQL type: the {@link Column#type()} override, else the table in {@link ColumnType}. */
final class TypeInference {

    static final int DEFAULT_STRING_LENGTH = 255;
    static final int DEFAULT_PRECISION = 19;
    static final int DEFAULT_SCALE = 4;

    private TypeInference() {
    }

    static SqlType<?> sqlType(Field field, Column column) {
        Class<?> type = Primitives.boxed(field.getType());
        ColumnType wanted = column == null ? ColumnType.AUTO : column.type();
        if (wanted == ColumnType.AUTO) {
            wanted = inferred(field, type);
        }
        int length = column == null ? 0 : column.length();
        int precision = column == null ? -1 : column.precision();
        int scale = column == null ? -1 : column.scale();
        SqlType<?> sqlType = switch (wanted) {
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case SMALLINT -> Types.SMALLINT;
            case VARCHAR -> Types.string(length > 0 ? length : DEFAULT_STRING_LENGTH);
            case TEXT -> length > 0 ? Types.text(length) : Types.TEXT;
            case BOOLEAN -> Types.BOOLEAN;
            case DECIMAL -> Types.numeric(precision >= 0 ? precision : DEFAULT_PRECISION, scale >= 0 ? scale : DEFAULT_SCALE);
            case FLOAT -> Types.FLOAT;
            case DOUBLE -> Types.DOUBLE;
            case DATE -> Types.DATE;
            case DATETIME -> Types.datetime(Math.max(precision, 0));
            case TIMESTAMP -> Types.timestamp(Math.max(precision, 0));
            case TIME -> Types.time(Math.max(precision, 0));
            case JSON -> jsonType(field, type);
            case ENUM -> enumType(field, type);
            case BLOB -> length > 0 ? Types.largeBinary(length) : Types.LARGE_BINARY;
            case UUID -> Types.UUID;
            case AUTO -> throw new IllegalStateException("AUTO is resolved above");
        };
        Class<?> sqlJava = Primitives.boxed(sqlType.javaType());
        if (sqlJava != Object.class && !sqlJava.isAssignableFrom(type) && !(wanted == ColumnType.ENUM && sqlJava == String.class)) {
            throw MappingException.of(field, "its Java type " + field.getType().getSimpleName() + " cannot be stored as "
                    + wanted + " (" + sqlJava.getSimpleName() + " values)");
        }
        return sqlType;
    }

    private static ColumnType inferred(Field field, Class<?> type) {
        if (type == Integer.class) {
            return ColumnType.INTEGER;
        }
        if (type == Long.class) {
            return ColumnType.BIGINT;
        }
        if (type == Short.class) {
            return ColumnType.SMALLINT;
        }
        if (type == String.class) {
            return ColumnType.VARCHAR;
        }
        if (type == Boolean.class) {
            return ColumnType.BOOLEAN;
        }
        if (type == BigDecimal.class) {
            return ColumnType.DECIMAL;
        }
        if (type == Double.class) {
            return ColumnType.DOUBLE;
        }
        if (type == Float.class) {
            return ColumnType.FLOAT;
        }
        if (type == LocalDateTime.class) {
            return ColumnType.DATETIME;
        }
        if (type == Instant.class) {
            return ColumnType.TIMESTAMP;
        }
        if (type == LocalDate.class) {
            return ColumnType.DATE;
        }
        if (type == LocalTime.class) {
            return ColumnType.TIME;
        }
        if (type == UUID.class) {
            return ColumnType.UUID;
        }
        if (type == byte[].class) {
            return ColumnType.BLOB;
        }
        if (type.isEnum()) {
            return ColumnType.ENUM;
        }
        if (type.isRecord() || List.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return ColumnType.JSON;
        }
        throw MappingException.of(field, "no SQL type for its Java type " + field.getGenericType().getTypeName()
                + " (supported: numbers, String, Boolean, BigDecimal, java.time, UUID, byte[], enums, records, List, Map;"
                + " mark it @Transient to leave it out)");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SqlType<?> enumType(Field field, Class<?> type) {
        if (!type.isEnum()) {
            throw MappingException.of(field, "ENUM needs an enum field, not " + type.getSimpleName());
        }
        return Types.enumOf((Class) type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SqlType<?> jsonType(Field field, Class<?> type) {
        try {
            return new RecordJsonType(type, JsonShape.of(field.getGenericType()));
        } catch (IllegalArgumentException e) {
            throw MappingException.of(field, "cannot be stored as JSON: " + e.getMessage());
        }
    }
}
