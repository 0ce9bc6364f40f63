package dev.retort.orm.mapping;

import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Schema;
import dev.retort.core.schema.Table;
import dev.retort.core.schema.TableElement;
import dev.retort.core.schema.TableOptions;
import dev.retort.core.types.SqlType;
import dev.retort.orm.mapping.EntityPlan.FieldPlan;
import dev.retort.orm.mapping.EntityPlan.RelationPlan;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@link Entity} class into an {@link EntityPlan} (validating every annotation) and
 * builds its core {@link Table} and {@link EntityMapper}. Reflection happens here, once per class;
 * reads and writes of fields later use the method handles resolved here.
 */
final class EntityIntrospector {

    private static final Set<Class<?>> INTEGRAL = Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class);
    private static final Set<Class<?>> VERSION_TYPES = Set.of(int.class, Integer.class, long.class, Long.class);

    private EntityIntrospector() {
    }

    /** The column fields of {@code type}, superclass fields first (also what the metamodel generator selects). */
    static List<Field> mappedFields(Class<?> type) {
        return declaredFields(type).stream().filter(field -> holderOf(field) == null).toList();
    }

    /** The relationship fields ({@code ToOne}, {@code ToMany}, {@code WriteOnly}) of {@code type}, superclass fields first. */
    static List<Field> relationFields(Class<?> type) {
        return declaredFields(type).stream().filter(field -> holderOf(field) != null).toList();
    }

    private static EntityPlan.@Nullable Holder holderOf(Field field) {
        Class<?> type = field.getType();
        if (type == ToOne.class) {
            return EntityPlan.Holder.TO_ONE;
        }
        if (type == ToMany.class) {
            return EntityPlan.Holder.TO_MANY;
        }
        if (type == WriteOnly.class) {
            return EntityPlan.Holder.WRITE_ONLY;
        }
        return null;
    }

    private static List<Field> declaredFields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
                        || field.isAnnotationPresent(Transient.class)) {
                    continue;
                }
                fields.add(field);
            }
        }
        return fields;
    }

    static EntityPlan plan(Class<?> type) {
        Entity entity = type.getAnnotation(Entity.class);
        if (entity == null) {
            throw MappingException.of(type, "it is not annotated @Entity");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isRecord() || type.isEnum()) {
            throw MappingException.of(type, "an entity must be a concrete, mutable class (not an interface, abstract class, record or enum)");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw MappingException.of(type, "an inner class needs an outer instance; make it a static nested class");
        }
        String tableName = entity.table().isEmpty() ? Names.snakeCase(type.getSimpleName()) : entity.table();
        MethodHandles.Lookup lookup = lookup(type);
        List<FieldPlan> plans = new ArrayList<>();
        Map<String, Field> byColumn = new LinkedHashMap<>();
        for (Field field : mappedFields(type)) {
            if (field.isAnnotationPresent(Relationship.class)) {
                throw MappingException.of(field, "@Relationship needs a ToOne, ToMany or WriteOnly field, not "
                        + field.getType().getSimpleName() + " (e.g. `final ToMany<Post> posts = ToMany.of(this)`)");
            }
            FieldPlan plan = fieldPlan(field, lookup);
            Field clash = byColumn.putIfAbsent(plan.columnName(), field);
            if (clash != null) {
                throw MappingException.of(field, "its column '" + plan.columnName() + "' is already mapped by field '"
                        + clash.getName() + "'");
            }
            plans.add(plan);
        }
        if (plans.stream().noneMatch(FieldPlan::id)) {
            throw MappingException.of(type, "it has no @Id field");
        }
        if (plans.stream().filter(FieldPlan::version).count() > 1) {
            throw MappingException.of(type, "it has more than one @Version field");
        }
        if (plans.stream().filter(FieldPlan::generated).count() > 1) {
            throw MappingException.of(type, "only one @GeneratedValue (AUTO_INCREMENT) column is allowed per table");
        }
        MethodHandle constructor = constructor(lookup, type);
        Set<String> columns = byColumn.keySet();
        for (Index index : entity.indexes()) {
            requireColumns(type, "@Index " + index.name(), index.columns(), columns);
        }
        for (Unique unique : entity.uniqueConstraints()) {
            requireColumns(type, "@Unique " + unique.name(), unique.columns(), columns);
        }
        List<RelationPlan> relations = new ArrayList<>();
        for (Field field : relationFields(type)) {
            relations.add(relationPlan(field, lookup));
        }
        return new EntityPlan(type, tableName, plans, relations, entity, constructor);
    }

    private static void requireColumns(Class<?> type, String what, String[] named, Set<String> columns) {
        if (named.length == 0) {
            throw MappingException.of(type, what + " names no columns");
        }
        for (String column : named) {
            if (!columns.contains(column)) {
                throw MappingException.of(type, what + " names column '" + column + "', which is not mapped; columns: " + columns);
            }
        }
    }

    private static final Relationship DEFAULTS = Defaults.class.getDeclaredFields()[0].getAnnotation(Relationship.class);

    /** Holds the annotation with every default, for relationship fields declared without one. */
    private static final class Defaults {
        @Relationship
        private Object field;
    }

    private static RelationPlan relationPlan(Field field, MethodHandles.Lookup lookup) {
        EntityPlan.Holder holder = holderOf(field);
        if (!(field.getGenericType() instanceof ParameterizedType generic)
                || !(generic.getActualTypeArguments()[0] instanceof Class<?> target)) {
            throw MappingException.of(field, "a relationship field needs its target class as type argument, e.g. "
                    + field.getType().getSimpleName() + "<Post>");
        }
        if (!target.isAnnotationPresent(Entity.class)) {
            throw MappingException.of(field, "its target " + target.getName() + " is not an @Entity");
        }
        if (field.isAnnotationPresent(Column.class) || field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(ForeignKey.class)) {
            throw MappingException.of(field, "a relationship field is not a column; put @Column, @Id and @ForeignKey on the"
                    + " foreign-key field and name it in @Relationship(foreignKey = …) if needed");
        }
        Relationship options = field.getAnnotation(Relationship.class);
        return new RelationPlan(field, holder, target, options != null ? options : DEFAULTS, getter(lookup, field));
    }

    private static FieldPlan fieldPlan(Field field, MethodHandles.Lookup lookup) {
        Column column = field.getAnnotation(Column.class);
        boolean id = field.isAnnotationPresent(Id.class);
        boolean generated = field.isAnnotationPresent(GeneratedValue.class);
        boolean version = field.isAnnotationPresent(Version.class);
        if (field.getType() == Object.class && (column == null || column.type() == ColumnType.AUTO)) {
            throw MappingException.of(field, "no SQL type for Object; give @Column(type = …) or mark it @Transient");
        }
        if (generated && !id) {
            throw MappingException.of(field, "@GeneratedValue is for @Id fields");
        }
        if (generated && !INTEGRAL.contains(field.getType())) {
            throw MappingException.of(field, "@GeneratedValue needs an integral type (int, long, short or boxed), not "
                    + field.getType().getSimpleName());
        }
        if (version && (id || !VERSION_TYPES.contains(field.getType()))) {
            throw MappingException.of(field, "@Version needs an int, long, Integer or Long field that is not an @Id");
        }
        String columnName = column == null || column.name().isEmpty() ? Names.snakeCase(field.getName()) : column.name();
        SqlType<?> sqlType = TypeInference.sqlType(field, column);
        boolean nullable = !id && !version && !field.getType().isPrimitive() && (column == null || column.nullable());
        Supplier<?> clientDefault = column == null || column.defaultValue().isEmpty() ? null : parseDefault(field, column.defaultValue());
        ForeignKey foreignKey = field.getAnnotation(ForeignKey.class);
        if (foreignKey != null && (foreignKey.entity() == void.class) == foreignKey.target().isEmpty()) {
            throw MappingException.of(field, "@ForeignKey needs exactly one of entity or target");
        }
        if (foreignKey != null && foreignKey.entity() != void.class && !foreignKey.entity().isAnnotationPresent(Entity.class)) {
            throw MappingException.of(field, "@ForeignKey(entity = " + foreignKey.entity().getName() + ") is not an @Entity");
        }
        return new FieldPlan(field, columnName, sqlType, id, generated, version, nullable, column, clientDefault, foreignKey,
                getter(lookup, field), setter(lookup, field));
    }

    private static Supplier<?> parseDefault(Field field, String text) {
        if (field.getType().isPrimitive()) {
            throw MappingException.of(field, "defaultValue needs a boxed type: a primitive field is never null, so the"
                    + " default would never apply (initialise the field instead)");
        }
        Class<?> type = Primitives.boxed(field.getType());
        Function<String, Object> parse = parserFor(type);
        if (parse == null) {
            throw MappingException.of(field, "defaultValue is supported for strings, numbers, booleans and enums; use a field initializer");
        }
        try {
            Object value = parse.apply(text);
            return () -> value;
        } catch (RuntimeException e) {
            throw MappingException.of(field, "defaultValue \"" + text + "\" is not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static @Nullable Function<String, Object> parserFor(Class<?> type) {
        if (type == String.class) {
            return s -> s;
        }
        if (type == Integer.class) {
            return Integer::valueOf;
        }
        if (type == Long.class) {
            return Long::valueOf;
        }
        if (type == Short.class) {
            return Short::valueOf;
        }
        if (type == Double.class) {
            return Double::valueOf;
        }
        if (type == Float.class) {
            return Float::valueOf;
        }
        if (type == BigDecimal.class) {
            return BigDecimal::new;
        }
        if (type == Boolean.class) {
            return s -> {
                if (!s.equals("true") && !s.equals("false")) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return Boolean.valueOf(s);
            };
        }
        if (type.isEnum()) {
            return s -> Enum.valueOf((Class) type, s);
        }
        return null;
    }

    /** {@code "table.column"} of a foreign key, resolving an entity target through the plans of its batch. */
    static String foreignKeyTarget(FieldPlan plan, Function<Class<?>, EntityPlan> plans) {
        ForeignKey foreignKey = plan.foreignKey();
        if (!foreignKey.target().isEmpty()) {
            return foreignKey.target();
        }
        EntityPlan target = plans.apply(foreignKey.entity());
        List<FieldPlan> ids = target.ids();
        if (ids.size() != 1) {
            throw MappingException.of(plan.field(), "@ForeignKey(entity = " + target.type().getSimpleName()
                    + ") needs a single-column primary key; that class has " + ids.size() + "; use target = \"table.column\"");
        }
        return target.tableName() + "." + ids.get(0).columnName();
    }

    /**
     * Creates the core table of {@code plan} in {@code metadata} and the mapper reading and writing its
     * fields. {@code primaryKeys} gives the primary-key columns of a referred table by name (or
     * {@code null}), to tell composite foreign keys.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> EntityMapper<T> build(EntityPlan plan, MetaData metadata, Function<Class<?>, EntityPlan> plans,
            Function<String, @Nullable List<String>> primaryKeys) {
        Class<T> type = (Class<T>) plan.type();
        List<TableElement> elements = new ArrayList<>();
        List<dev.retort.core.schema.Column<?>> columns = new ArrayList<>();
        List<dev.retort.core.schema.ForeignKey> compositeKeys = compositeForeignKeys(plan, plans, primaryKeys);
        Set<String> inCompositeKeys = new HashSet<>();
        compositeKeys.forEach(key -> inCompositeKeys.addAll(key.columnNames()));
        for (FieldPlan field : plan.fields()) {
            dev.retort.core.schema.Column column = Schema.column(field.columnName(), field.sqlType());
            configure(column, field, plans, !inCompositeKeys.contains(field.columnName()));
            columns.add(column);
            elements.add(column);
        }
        elements.addAll(compositeKeys);
        Entity entity = plan.entity();
        for (Index index : entity.indexes()) {
            elements.add(new dev.retort.core.schema.Index(index.name().isEmpty() ? null : index.name(),
                    List.of(index.columns()), index.unique()));
        }
        for (Unique unique : entity.uniqueConstraints()) {
            elements.add(unique.name().isEmpty() ? Schema.unique(unique.columns()) : Schema.uniqueNamed(unique.name(), unique.columns()));
        }
        TableOptions options = Schema.options();
        if (!entity.engine().isEmpty()) {
            options = options.engine(entity.engine());
        }
        if (!entity.charset().isEmpty()) {
            options = options.charset(entity.charset());
        }
        if (!entity.collation().isEmpty()) {
            options = options.collation(entity.collation());
        }
        if (!entity.comment().isEmpty()) {
            options = options.comment(entity.comment());
        }
        elements.add(options);
        Table table = metadata.table(plan.tableName(), elements.toArray(TableElement[]::new));
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < plan.fields().size(); i++) {
            FieldPlan field = plan.fields().get(i);
            attributes.add(new FieldAttribute(field.field().getName(), columns.get(i), field.field().getType(),
                    field.getter(), field.setter(), field.id(), field.generated(), field.version(), field.clientDefault()));
        }
        return new EntityMapper<>(type, table, attributes, plan.constructor());
    }

    /**
     * One composite foreign key for each referred table whose primary key the class's foreign-key
     * fields refer to together, each of its columns once (the way relationships join on them); other
     * foreign keys are single-column ones on their columns. Registration calls it before building any
     * table too, for its error.
     */
    static List<dev.retort.core.schema.ForeignKey> compositeForeignKeys(EntityPlan plan,
            Function<Class<?>, EntityPlan> plans, Function<String, @Nullable List<String>> primaryKeys) {
        Map<String, List<FieldPlan>> byTable = new LinkedHashMap<>();
        Map<FieldPlan, String> referredColumn = new LinkedHashMap<>();
        for (FieldPlan field : plan.fields()) {
            if (field.foreignKey() != null) {
                String target = foreignKeyTarget(field, plans);
                int dot = target.lastIndexOf('.');
                byTable.computeIfAbsent(target.substring(0, dot), table -> new ArrayList<>()).add(field);
                referredColumn.put(field, target.substring(dot + 1));
            }
        }
        List<dev.retort.core.schema.ForeignKey> keys = new ArrayList<>();
        byTable.forEach((table, fields) -> {
            List<String> referred = fields.stream().map(referredColumn::get).toList();
            List<String> primaryKey = fields.size() < 2 ? null : primaryKeys.apply(table.substring(table.lastIndexOf('.') + 1));
            if (primaryKey == null || referred.size() != primaryKey.size() || !Set.copyOf(referred).equals(Set.copyOf(primaryKey))) {
                return;
            }
            if (fields.stream().map(FieldPlan::onDelete).distinct().count() > 1) {
                throw MappingException.of(plan.type(), "the foreign-key fields " + fields.stream().map(f -> f.field().getName())
                        .toList() + " refer together to the primary key of " + table + " but give different onDelete actions");
            }
            dev.retort.core.schema.ForeignKey key = Schema.foreignKey(fields.stream().map(FieldPlan::columnName).toList(), table,
                    referred);
            keys.add(fields.get(0).onDelete() == null ? key : key.onDelete(fields.get(0).onDelete()));
        });
        return keys;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void configure(dev.retort.core.schema.Column column, FieldPlan field, Function<Class<?>, EntityPlan> plans,
            boolean reference) {
        if (field.id()) {
            column.primaryKey();
        }
        column.nullable(field.nullable());
        column.autoincrement(field.generated());
        Column options = field.column();
        if (options != null) {
            if (options.unique()) {
                column.unique();
            }
            if (options.index()) {
                column.index();
            }
            if (!options.serverDefault().isEmpty()) {
                // MySQL takes a JSON column's default only as an expression in parentheses; core's compiler
                // adds them for its own JSON type but cannot tell that this one compiles as JSON too
                String sql = field.sqlType() instanceof RecordJsonType<?> ? "(" + options.serverDefault() + ")"
                        : options.serverDefault();
                column.serverDefault(() -> sql);
            }
            if (!options.serverOnUpdate().isEmpty()) {
                String sql = options.serverOnUpdate();
                column.serverOnUpdate(() -> sql);
            }
            if (!options.comment().isEmpty()) {
                column.comment(options.comment());
            }
        }
        if (field.clientDefault() != null) {
            column.defaultValue((Supplier) field.clientDefault());
        }
        if (field.foreignKey() != null && reference) {
            column.references(foreignKeyTarget(field, plans), field.onDelete());
        }
    }

    private static MethodHandles.Lookup lookup(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw MappingException.of(type, "its package is not open to dev.retort.orm (add `opens` to module-info): " + e.getMessage());
        }
    }

    private static MethodHandle constructor(MethodHandles.Lookup lookup, Class<?> type) {
        try {
            return lookup.findConstructor(type, MethodType.methodType(void.class)).asType(MethodType.methodType(Object.class));
        } catch (NoSuchMethodException e) {
            throw MappingException.of(type, "it needs a constructor without parameters (it may be private)");
        } catch (IllegalAccessException e) {
            throw MappingException.of(type, "its parameterless constructor is not accessible: " + e.getMessage());
        }
    }

    static MethodHandle getter(MethodHandles.Lookup lookup, Field field) {
        try {
            return lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw MappingException.of(field, "not accessible: " + e.getMessage());
        }
    }

    private static MethodHandle setter(MethodHandles.Lookup lookup, Field field) {
        if (Modifier.isFinal(field.getModifiers())) {
            throw MappingException.of(field, "a mapped field cannot be final (the session writes loaded values into it)");
        }
        try {
            return lookup.unreflectSetter(field).asType(MethodType.methodType(void.class, Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw MappingException.of(field, "not accessible: " + e.getMessage());
        }
    }
}
