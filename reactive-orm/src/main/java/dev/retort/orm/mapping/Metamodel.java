package dev.retort.orm.mapping;

import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;

/**
 * What the generated {@code Entity_} classes call to reach the core columns of a mapped field, so
 * {@code User_.NAME} is a real {@code Column<String>} usable in any statement. Resolving maps the
 * class if it is not mapped yet (see {@link Mapping#mapperOf}).
 */
public final class Metamodel {

    private Metamodel() {
    }

    /**
     * The column of {@code entityClass}'s field {@code fieldName}.
     *
     * @throws MappingException when the class cannot be mapped or has no such mapped field
     */
    @SuppressWarnings("unchecked")
    public static <T> Column<T> column(Class<?> entityClass, String fieldName) {
        return (Column<T>) Mapping.mapperOf(entityClass).attribute(fieldName).column();
    }

    /**
     * The relationship of {@code entityClass}'s field {@code fieldName} (a {@code ToOne},
     * {@code ToMany} or {@code WriteOnly} field), for loader options such as
     * {@code selectinload(User_.POSTS)}.
     *
     * @throws MappingException when the class cannot be mapped or has no such relationship
     */
    @SuppressWarnings("unchecked")
    public static <O, T> Relation<O, T> relation(Class<O> entityClass, String fieldName) {
        return (Relation<O, T>) Mapping.mapperOf(entityClass).relation(fieldName);
    }

    /** The table of {@code entityClass}. */
    public static Table table(Class<?> entityClass) {
        return Mapping.mapperOf(entityClass).table();
    }
}
