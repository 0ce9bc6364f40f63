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
record EntityPlan(Class<?> type, String tableName, List<FieldPlan> fields, Entity entity, MethodHandle constructor) {

    /** One mapped field. */
    record FieldPlan(Field field, String columnName, SqlType<?> sqlType, boolean id, boolean generated, boolean version,
            boolean nullable, @Nullable Column column, @Nullable Supplier<?> clientDefault, @Nullable ForeignKey foreignKey,
            MethodHandle getter, MethodHandle setter) {

        @Nullable ReferentialAction onDelete() {
            return foreignKey == null || foreignKey.onDelete() == ReferentialAction.NO_ACTION ? null : foreignKey.onDelete();
        }
    }

    List<FieldPlan> ids() {
        return fields.stream().filter(FieldPlan::id).toList();
    }
}
