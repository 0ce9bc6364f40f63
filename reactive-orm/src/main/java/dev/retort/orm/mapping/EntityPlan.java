package dev.retort.orm.mapping;

import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.types.SqlType;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What {@link EntityIntrospector} read from one class's annotations, validated, with its method
 * handles resolved, before any core {@code Table} exists: registration builds tables only once
 * every class of a batch has a plan, so a bad class leaves nothing half-registered.
 */
record EntityPlan(Class<?> type, String tableName, List<FieldPlan> fields, List<RelationPlan> relations, Entity entity,
        MethodHandle constructor) {

    /** Which holder a relationship field declares. */
    enum Holder { TO_ONE, TO_MANY, WRITE_ONLY }

    /** One relationship field, as declared (resolved against the other classes by {@link RelationResolver}). */
    record RelationPlan(Field field, Holder holder, Class<?> target, Relationship options, MethodHandle getter) {

        String name() {
            return field.getName();
        }
    }

    /** One mapped field. */
    record FieldPlan(Field field, String columnName, SqlType<?> sqlType, boolean id, boolean generated, boolean version,
            boolean nullable, @Nullable Column column, @Nullable Supplier<?> clientDefault, @Nullable ForeignKey foreignKey,
            MethodHandle getter, MethodHandle setter) {

        @Nullable ReferentialAction onDelete() {
            return foreignKey == null || foreignKey.onDelete() == ReferentialAction.NO_ACTION ? null : foreignKey.onDelete();
        }
    }

    @Nullable FieldPlan field(String name) {
        return fields.stream().filter(field -> field.field().getName().equals(name)).findFirst().orElse(null);
    }

    @Nullable RelationPlan relation(String name) {
        return relations.stream().filter(relation -> relation.name().equals(name)).findFirst().orElse(null);
    }

    List<FieldPlan> ids() {
        return fields.stream().filter(FieldPlan::id).toList();
    }
}
