package dev.retort.orm.mapping;

import dev.retort.core.schema.Table;
import java.lang.invoke.MethodHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link Mapper} built by {@link EntityIntrospector}. Immutable once built. */
final class EntityMapper<T> implements Mapper<T> {

    private final Class<T> entityClass;
    private final Table table;
    private final List<Attribute> attributes;
    private final List<Attribute> primaryKey;
    private final Optional<Attribute> version;
    private final Map<String, Attribute> byName = new LinkedHashMap<>();
    private final MethodHandle constructor;
    private List<Relation<T, ?>> relations = List.of();
    private final Map<String, Relation<T, ?>> relationsByName = new LinkedHashMap<>();

    EntityMapper(Class<T> entityClass, Table table, List<Attribute> attributes, MethodHandle constructor) {
        this.entityClass = entityClass;
        this.table = table;
        this.attributes = List.copyOf(attributes);
        this.primaryKey = attributes.stream().filter(Attribute::isId).toList();
        this.version = attributes.stream().filter(Attribute::isVersion).findFirst();
        this.constructor = constructor;
        attributes.forEach(attribute -> byName.put(attribute.name(), attribute));
    }

    @Override
    public Class<T> entityClass() {
        return entityClass;
    }

    @Override
    public Table table() {
        return table;
    }

    @Override
    public List<Attribute> attributes() {
        return attributes;
    }

    @Override
    public List<Attribute> primaryKey() {
        return primaryKey;
    }

    @Override
    public Optional<Attribute> version() {
        return version;
    }

    @Override
    public Attribute attribute(String fieldName) {
        Attribute attribute = byName.get(fieldName);
        if (attribute == null) {
            throw new MappingException(entityClass.getName() + " has no mapped field '" + fieldName + "'; it has "
                    + byName.keySet());
        }
        return attribute;
    }

    /** Called once by the registry, after every class of the batch has its mapper. */
    void relations(List<Relation<T, ?>> resolved) {
        relations = List.copyOf(resolved);
        resolved.forEach(relation -> relationsByName.put(relation.name(), relation));
    }

    @Override
    public List<Relation<T, ?>> relations() {
        return relations;
    }

    @Override
    public Relation<T, ?> relation(String fieldName) {
        Relation<T, ?> relation = relationsByName.get(fieldName);
        if (relation == null) {
            throw new MappingException(entityClass.getName() + " has no relationship field '" + fieldName + "'; it has "
                    + relationsByName.keySet());
        }
        return relation;
    }

    @Override
    public T newInstance() {
        try {
            return entityClass.cast((Object) constructor.invokeExact());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("The constructor of " + entityClass.getName() + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "Mapper[" + entityClass.getSimpleName() + " → " + table.name() + "]";
    }
}
