package dev.retort.orm.mapping;

import dev.retort.core.exception.ConfigurationException;

/**
 * A class cannot be mapped: no {@link Id}, a field type with no SQL type, two fields for one
 * column, a bad annotation value. Raised synchronously when the class is registered
 * ({@link Mapping#of}) and names the class and, where one is to blame, the field.
 */
public class MappingException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }

    static MappingException of(Class<?> type, String problem) {
        return new MappingException("Cannot map " + type.getName() + ": " + problem);
    }

    static MappingException of(java.lang.reflect.Field field, String problem) {
        return new MappingException("Cannot map " + field.getDeclaringClass().getName() + "." + field.getName() + ": " + problem);
    }
}
