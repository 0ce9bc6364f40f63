package dev.retort.orm.mapping;

import dev.retort.core.schema.Table;
import java.util.List;
import java.util.Optional;

/**
 * How one entity class maps to its table: the attributes in column order, the key, the version
 * counter. Built once by {@link Mapping#of} and shared; thread-safe and free of IO.
 *
 * @param <T> the entity class
 */
public interface Mapper<T> {

    /** The mapped class. */
    Class<T> entityClass();

    /** The core table (in the {@link Mapping}'s {@code MetaData}). */
    Table table();

    /** Every mapped attribute, in the table's column order. */
    List<Attribute> attributes();

    /** The primary-key attributes in key order. */
    List<Attribute> primaryKey();

    /** The {@link Version} attribute, if any. */
    Optional<Attribute> version();

    /**
     * The attribute of a Java field name.
     *
     * @throws MappingException when the class has no mapped field of that name
     */
    Attribute attribute(String fieldName);

    /** The relationships ({@code ToOne}, {@code ToMany}, {@code WriteOnly} fields), in field order. */
    List<Relation<T, ?>> relations();

    /**
     * The relationship of a Java field name.
     *
     * @throws MappingException when the class has no relationship field of that name
     */
    Relation<T, ?> relation(String fieldName);

    /** A new, empty instance made with the class's parameterless constructor. */
    T newInstance();
}
