package dev.retort.orm.mapping;

import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.SchemaTarget;
import dev.retort.core.schema.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A set of mapped entity classes and the core {@link MetaData} holding their tables (SQLAlchemy's
 * declarative registry and its {@code Base.metadata}).
 *
 * <pre>{@code
 * Mapping mapping = Mapping.of(User.class, Post.class);
 * Mono<Void> tables = mapping.createAll(engine);   // CREATE TABLE users …, posts … in FK order, on subscribe
 * SessionFactory sessions = SessionFactory.of(engine, mapping);
 * }</pre>
 *
 * <p>A class is mapped once per JVM, at its first {@code Mapping.of} (or first use of its generated
 * {@code Entity_} metamodel), into the metadata of the classes it is mapped with; later calls
 * return the same mappers, and a call naming classes mapped separately before joins their
 * metadata (their tables and columns stay the same objects). Entities referenced with {@code @ForeignKey(entity = …)} are mapped
 * along. Registration reads annotations and resolves method handles once; it does no IO.
 */
public final class Mapping {

    private final List<Mapper<?>> mappers;

    Mapping(List<Mapper<?>> mappers) {
        this.mappers = List.copyOf(mappers);
    }

    /**
     * Maps the given classes (and the entities their foreign keys name).
     *
     * @throws MappingException naming the class and field when a class cannot be mapped; nothing of
     *     that call is registered then
     */
    public static Mapping of(Class<?>... entityClasses) {
        if (entityClasses.length == 0) {
            throw new MappingException("Mapping.of needs at least one entity class");
        }
        Arrays.stream(entityClasses).forEach(type -> Objects.requireNonNull(type, "an entity class is null"));
        return Registry.map(List.of(entityClasses));
    }

    /**
     * The mapper of an already-mapped class, or maps it now (alone, or joining the metadata of the
     * entities its foreign keys name).
     */
    @SuppressWarnings("unchecked")
    public static <T> Mapper<T> mapperOf(Class<T> entityClass) {
        Registry.Registered registered = Registry.lookup(entityClass);
        if (registered != null) {
            return (Mapper<T>) registered.mapper();
        }
        return of(entityClass).mapper(entityClass);
    }

    /**
     * The metadata holding the tables (possibly with tables of other classes mapped into it too).
     * Read it when needed: a later {@code Mapping.of} naming these classes together with classes
     * mapped elsewhere moves all of them into one metadata.
     */
    public MetaData metadata() {
        return mappers.get(0).table().metadata();
    }

    /** The mappers of this mapping's classes, the requested ones first. */
    public List<Mapper<?>> mappers() {
        return mappers;
    }

    /** The tables of this mapping's classes, and the association tables their many-to-many relationships created. */
    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        for (Mapper<?> mapper : mappers) {
            tables.add(mapper.table());
        }
        for (Mapper<?> mapper : mappers) {
            for (Relation<?, ?> relation : mapper.relations()) {
                relation.secondary().filter(table -> !tables.contains(table)).ifPresent(tables::add);
            }
        }
        return tables;
    }

    /**
     * The mapper of {@code entityClass}.
     *
     * @throws MappingException when the class is not mapped into this mapping's metadata
     */
    @SuppressWarnings("unchecked")
    public <T> Mapper<T> mapper(Class<T> entityClass) {
        Registry.Registered registered = Registry.lookup(entityClass);
        if (registered == null || registered.metadata() != metadata()) {
            throw new MappingException(entityClass.getName() + " is not part of this mapping; add it to Mapping.of("
                    + mappers.stream().map(m -> m.entityClass().getSimpleName() + ".class").toList() + ")");
        }
        return (Mapper<T>) registered.mapper();
    }

    /** Creates this mapping's tables in foreign-key order, skipping existing ones. Work happens on subscription. */
    public Mono<Void> createAll(SchemaTarget target) {
        return createAll(target, true);
    }

    /** Creates this mapping's tables in foreign-key order. Work happens on subscription. */
    public Mono<Void> createAll(SchemaTarget target, boolean checkFirst) {
        return Mono.defer(() -> target.createTables(tables(), checkFirst));
    }

    /** Drops this mapping's tables in reverse foreign-key order, skipping missing ones. Work happens on subscription. */
    public Mono<Void> dropAll(SchemaTarget target) {
        return dropAll(target, true);
    }

    /** Drops this mapping's tables in reverse foreign-key order. Work happens on subscription. */
    public Mono<Void> dropAll(SchemaTarget target, boolean checkFirst) {
        return Mono.defer(() -> target.dropTables(tables(), checkFirst));
    }

    @Override
    public String toString() {
        return "Mapping" + mappers.stream().map(m -> m.entityClass().getSimpleName()).toList();
    }
}
