package dev.retort.orm.mapping;

import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide record of mapped classes. A class is mapped once, into one {@link MetaData}; classes
 * mapped together (or linked by {@code @ForeignKey(entity = …)}) share it, joining the metadata of
 * earlier separate mappings when needed; that is what lets the generated metamodel refer to real
 * columns. Registration is synchronized; lookups are not.
 */
final class Registry {

    record Registered(EntityMapper<?> mapper, EntityPlan plan, MetaData metadata) {
    }

    private static final Map<Class<?>, Registered> MAPPED = new ConcurrentHashMap<>();

    private Registry() {
    }

    static @Nullable Registered lookup(Class<?> type) {
        return MAPPED.get(type);
    }

    /** Maps {@code classes} and the entities their foreign keys name; returns them all with their shared metadata. */
    static synchronized Mapping map(List<Class<?>> classes) {
        Map<Class<?>, EntityPlan> fresh = new LinkedHashMap<>();
        List<Class<?>> closure = closure(classes, fresh);
        List<MetaData> existing = new ArrayList<>();
        for (Class<?> type : closure) {
            Registered registered = MAPPED.get(type);
            if (registered != null && !existing.contains(registered.metadata())) {
                existing.add(registered.metadata());
            }
        }
        Map<String, String> tableOwners = new LinkedHashMap<>();
        for (MetaData group : existing) {
            for (Table table : group.tables()) {
                String owner = ownerOf(group, table.name());
                String clash = tableOwners.putIfAbsent(table.qualifiedName(), owner);
                if (clash != null) {
                    throw new MappingException("Cannot map " + names(closure) + " together: table '" + table.qualifiedName()
                            + "' is mapped by both " + clash + " and " + owner);
                }
            }
        }
        for (EntityPlan plan : fresh.values()) {
            String clash = tableOwners.putIfAbsent(plan.tableName(), plan.type().getName());
            if (clash != null) {
                throw MappingException.of(plan.type(), "table '" + plan.tableName() + "' is already mapped by " + clash
                        + " in the same MetaData");
            }
        }
        Function<String, @Nullable List<String>> primaryKeys = table -> primaryKeyOf(table, fresh, existing);
        for (EntityPlan plan : fresh.values()) {
            for (EntityPlan.FieldPlan field : plan.fields()) {
                if (field.foreignKey() != null) {
                    EntityIntrospector.foreignKeyTarget(field, type -> planOf(type, fresh));
                }
            }
            EntityIntrospector.compositeForeignKeys(plan, type -> planOf(type, fresh), primaryKeys);
        }
        List<RelationResolver.Resolved> relations = RelationResolver.resolve(List.copyOf(fresh.values()),
                type -> planOf(type, fresh), tables(fresh, existing));
        MetaData metadata = existing.isEmpty() ? new MetaData() : join(existing);
        Map<Class<?>, EntityMapper<?>> built = new LinkedHashMap<>();
        for (EntityPlan plan : fresh.values()) {
            built.put(plan.type(), EntityIntrospector.build(plan, metadata, type -> planOf(type, fresh), primaryKeys));
        }
        RelationResolver.build(relations, type -> built.containsKey(type) ? built.get(type) : MAPPED.get(type).mapper(), metadata);
        built.forEach((type, mapper) -> MAPPED.put(type, new Registered(mapper, fresh.get(type), metadata)));
        List<Mapper<?>> mappers = new ArrayList<>();
        for (Class<?> type : closure) {
            mappers.add(MAPPED.get(type).mapper());
        }
        return new Mapping(mappers);
    }

    /**
     * One metadata for classes that were mapped separately (say, two generated metamodels used before
     * the {@code Mapping.of} that names both): the first absorbs the others' tables, which keep their
     * identity, so columns already handed out stay valid. Table names were checked for clashes first.
     */
    private static MetaData join(List<MetaData> groups) {
        MetaData target = groups.get(0);
        for (MetaData other : groups.subList(1, groups.size())) {
            target.absorb(other);
            MAPPED.replaceAll((type, registered) -> registered.metadata() == other
                    ? new Registered(registered.mapper(), registered.plan(), target) : registered);
        }
        return target;
    }

    private static List<Class<?>> closure(List<Class<?>> classes, Map<Class<?>, EntityPlan> fresh) {
        List<Class<?>> closure = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(classes);
        while (!todo.isEmpty()) {
            Class<?> type = todo.removeFirst();
            if (closure.contains(type)) {
                continue;
            }
            closure.add(type);
            Registered registered = MAPPED.get(type);
            EntityPlan plan = registered != null ? registered.plan() : EntityIntrospector.plan(type);
            if (registered == null) {
                fresh.put(type, plan);
            }
            for (EntityPlan.FieldPlan field : plan.fields()) {
                if (field.foreignKey() != null && field.foreignKey().entity() != void.class) {
                    todo.addLast(field.foreignKey().entity());
                }
            }
            for (EntityPlan.RelationPlan relation : plan.relations()) {
                todo.addLast(relation.target());
            }
        }
        return closure;
    }

    /** Tables by name for secondary tables: classes of this batch or mapped before, then core tables of joined metadata. */
    private static RelationResolver.Tables tables(Map<Class<?>, EntityPlan> fresh, List<MetaData> existing) {
        return new RelationResolver.Tables() {
            @Override
            public @Nullable EntityPlan mappedClass(String table) {
                for (EntityPlan plan : fresh.values()) {
                    if (plan.tableName().equals(table)) {
                        return plan;
                    }
                }
                for (MetaData group : existing) {
                    for (Registered registered : MAPPED.values()) {
                        if (registered.metadata() == group && registered.plan().tableName().equals(table)) {
                            return registered.plan();
                        }
                    }
                }
                return null;
            }

            @Override
            public @Nullable Table coreTable(String table) {
                for (MetaData group : existing) {
                    Table found = group.get(table).orElse(null);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
        };
    }

    /** The primary-key columns of a table of this batch or of the metadata it joins, or {@code null}. */
    private static @Nullable List<String> primaryKeyOf(String table, Map<Class<?>, EntityPlan> fresh, List<MetaData> existing) {
        for (EntityPlan plan : fresh.values()) {
            if (plan.tableName().equals(table)) {
                return plan.ids().stream().map(EntityPlan.FieldPlan::columnName).toList();
            }
        }
        for (MetaData group : existing) {
            Table found = group.get(table).orElse(null);
            if (found != null) {
                return found.primaryKeyConstraint().map(key -> key.columnNames()).orElse(null);
            }
        }
        return null;
    }

    private static EntityPlan planOf(Class<?> type, Map<Class<?>, EntityPlan> fresh) {
        EntityPlan plan = fresh.get(type);
        return plan != null ? plan : MAPPED.get(type).plan();
    }

    private static String ownerOf(MetaData metadata, String table) {
        return MAPPED.values().stream().filter(r -> r.metadata() == metadata && r.plan().tableName().equals(table))
                .map(r -> r.plan().type().getName()).findFirst().orElse("a core Table");
    }

    private static String names(List<Class<?>> classes) {
        return classes.stream().map(Class::getSimpleName).toList().toString();
    }
}
