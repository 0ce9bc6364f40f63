package dev.retort.orm.mapping;

import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Schema;
import dev.retort.core.schema.Table;
import dev.retort.core.schema.TableElement;
import dev.retort.core.sql.expression.Ordering;
import dev.retort.orm.mapping.EntityPlan.FieldPlan;
import dev.retort.orm.mapping.EntityPlan.RelationPlan;
import dev.retort.orm.mapping.Relation.Kind;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Works out each relationship's direction and join from the foreign keys of the classes of a
 * registration batch ({@link #resolve}, before any table exists, so every error comes first), then
 * builds the {@link Relation}s once the mappers exist ({@link #build}).
 */
final class RelationResolver {

    /** A join pair: a foreign-key field of one class and the field it refers to in the other. */
    record Pair(String foreignKey, String referred) {
    }

    /** The association table of a many-to-many relationship: its columns for each side, and whether to create it. */
    record Secondary(String table, List<String> localColumns, List<String> remoteColumns, List<FieldPlan> localKeys,
            List<FieldPlan> remoteKeys, boolean create) {
    }

    record Order(String field, boolean descending) {
    }

    /** A relationship resolved against its target: local fields in the owner, remote fields in the target. */
    record Resolved(EntityPlan owner, RelationPlan plan, EntityPlan target, Kind kind, List<String> local, List<String> remote,
            @Nullable Secondary secondary, List<Order> orderBy) {
    }

    /** How a registration batch finds tables by name: mapped classes first, then core tables of metadata being joined. */
    interface Tables {
        @Nullable EntityPlan mappedClass(String table);

        @Nullable Table coreTable(String table);
    }

    private final Function<Class<?>, EntityPlan> plans;
    private final Tables tables;

    private RelationResolver(Function<Class<?>, EntityPlan> plans, Tables tables) {
        this.plans = plans;
        this.tables = tables;
    }

    // ---- resolving (no tables touched) ---------------------------------------------------------

    static List<Resolved> resolve(List<EntityPlan> fresh, Function<Class<?>, EntityPlan> plans, Tables tables) {
        return new RelationResolver(plans, tables).resolveAll(fresh);
    }

    private List<Resolved> resolveAll(List<EntityPlan> fresh) {
        List<Resolved> resolved = new ArrayList<>();
        for (EntityPlan owner : fresh) {
            for (RelationPlan relation : owner.relations()) {
                resolved.add(resolve(owner, relation, plans.apply(relation.target())));
            }
        }
        Map<String, Resolved> byName = new LinkedHashMap<>();
        resolved.forEach(r -> byName.put(r.owner().type().getName() + "#" + r.plan().name(), r));
        Map<String, Resolved> mirrored = new LinkedHashMap<>();
        Map<String, Resolved> created = new LinkedHashMap<>();
        for (Resolved r : resolved) {
            checkInverse(r, byName);
            String back = r.plan().options().backPopulates();
            Resolved first = back.isEmpty() ? null : mirrored.putIfAbsent(r.target().type().getName() + "#" + back, r);
            if (first != null) {
                throw MappingException.of(r.plan().field(), "backPopulates = \"" + back + "\", but " + describe(first)
                        + " back-populates " + r.target().type().getSimpleName() + "." + back + " too; one relationship"
                        + " field mirrors one other: remove backPopulates from one of them");
            }
            if (r.secondary() != null && r.secondary().create()) {
                Resolved other = created.putIfAbsent(r.secondary().table(), r);
                if (other != null && !Set.of(other.owner().type(), other.target().type()).equals(Set.of(r.owner().type(),
                        r.target().type()))) {
                    throw MappingException.of(r.plan().field(), "secondary table '" + r.secondary().table() + "' is created"
                            + " for " + describe(other) + " between " + other.owner().type().getSimpleName() + " and "
                            + other.target().type().getSimpleName() + "; a created association table links one pair of"
                            + " classes: name another table");
                }
            }
        }
        return resolved;
    }

    /** {@code User.posts}. */
    private static String describe(Resolved r) {
        return r.owner().type().getSimpleName() + "." + r.plan().name();
    }

    private Resolved resolve(EntityPlan owner, RelationPlan relation, EntityPlan target) {
        Relationship options = relation.options();
        Field field = relation.field();
        Set<Cascade> cascade = RelationModel.expand(declaredCascade(options));
        String[] named = options.foreignKey();
        Kind kind;
        List<String> local = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        Secondary secondary = null;
        if (!options.secondary().isEmpty()) {
            if (relation.holder() == EntityPlan.Holder.TO_ONE) {
                throw MappingException.of(field, "a ToOne cannot go through a secondary table; declare a ToMany");
            }
            if (named.length > 0) {
                throw MappingException.of(field, "foreignKey does not apply to a many-to-many relationship (the secondary"
                        + " table's foreign keys join it)");
            }
            kind = Kind.MANY_TO_MANY;
            secondary = secondary(owner, target, options.secondary(), field);
            secondary.localKeys().forEach(key -> local.add(key.field().getName()));
            secondary.remoteKeys().forEach(key -> remote.add(key.field().getName()));
        } else if (relation.holder() == EntityPlan.Holder.TO_ONE) {
            boolean namedInOwner = named.length > 0 && Arrays.stream(named).allMatch(name -> owner.field(name) != null);
            boolean namedInTarget = named.length > 0 && !namedInOwner
                    && Arrays.stream(named).allMatch(name -> target.field(name) != null);
            if (named.length > 0 && !namedInOwner && !namedInTarget) {
                throw MappingException.of(field, "foreignKey " + Arrays.toString(named) + " names fields that are not all"
                        + " column fields of " + owner.type().getSimpleName() + " or all of " + target.type().getSimpleName());
            }
            List<Pair> own = namedInTarget ? List.of() : foreignKeys(owner, target, named, field);
            if (!own.isEmpty()) {
                kind = Kind.MANY_TO_ONE;
                own.forEach(pair -> {
                    local.add(pair.foreignKey());
                    remote.add(pair.referred());
                });
            } else {
                List<Pair> back = foreignKeys(target, owner, named, field);
                if (back.isEmpty()) {
                    throw noForeignKey(owner, target, field);
                }
                kind = Kind.ONE_TO_ONE;
                back.forEach(pair -> {
                    local.add(pair.referred());
                    remote.add(pair.foreignKey());
                });
            }
        } else {
            List<Pair> back = foreignKeys(target, owner, named, field);
            if (back.isEmpty()) {
                throw noForeignKey(owner, target, field);
            }
            kind = Kind.ONE_TO_MANY;
            back.forEach(pair -> {
                local.add(pair.referred());
                remote.add(pair.foreignKey());
            });
        }
        if (relation.holder() == EntityPlan.Holder.WRITE_ONLY && options.loading() != Loading.RAISE) {
            throw MappingException.of(field, "a WriteOnly collection never loads; remove loading = " + options.loading());
        }
        if (cascade.contains(Cascade.DELETE_ORPHAN) && kind != Kind.ONE_TO_MANY && kind != Kind.ONE_TO_ONE) {
            throw MappingException.of(field, "DELETE_ORPHAN needs this object to be the related objects' only parent: use it"
                    + " on a one-to-many or one-to-one relationship, not " + kind);
        }
        if (options.orderBy().length > 0 && relation.holder() == EntityPlan.Holder.TO_ONE) {
            throw MappingException.of(field, "orderBy is for collections (ToMany, WriteOnly)");
        }
        return new Resolved(owner, relation, target, kind, local, remote, secondary, orderBy(target, options.orderBy(), field));
    }

    /** The declared cascades as a set; an option given twice counts once. */
    private static Set<Cascade> declaredCascade(Relationship options) {
        return Set.copyOf(Arrays.asList(options.cascade()));
    }

    private static MappingException noForeignKey(EntityPlan owner, EntityPlan target, Field field) {
        String ownerName = owner.type().getSimpleName();
        String targetName = target.type().getSimpleName();
        return MappingException.of(field, "no foreign key joins " + ownerName + " and " + targetName + ": add"
                + " @ForeignKey(entity = " + ownerName + ".class) to a field of " + targetName
                + (field.getType() == ToOne.class ? " (one-to-one), or @ForeignKey(entity = " + targetName + ".class) to a field"
                        + " of " + ownerName + " (many-to-one)" : " (one-to-many), or give secondary = \"…\" for many-to-many"));
    }

    /**
     * The foreign-key fields of {@code holder} referring to {@code referred}'s table, paired with the
     * fields they refer to: the {@code named} ones, or all of them when they form one key.
     */
    private List<Pair> foreignKeys(EntityPlan holder, EntityPlan referred, String[] named, Field field) {
        List<FieldPlan> candidates = new ArrayList<>();
        if (named.length > 0) {
            for (String name : named) {
                FieldPlan plan = holder.field(name);
                if (plan == null) {
                    throw MappingException.of(field, "foreignKey names '" + name + "', which is not a column field of "
                            + holder.type().getSimpleName());
                }
                if (plan.foreignKey() == null || !referredTable(plan).equals(referred.tableName())) {
                    throw MappingException.of(field, holder.type().getSimpleName() + "." + name + " is not a @ForeignKey to "
                            + referred.tableName());
                }
                candidates.add(plan);
            }
        } else {
            for (FieldPlan plan : holder.fields()) {
                if (plan.foreignKey() != null && referredTable(plan).equals(referred.tableName())) {
                    candidates.add(plan);
                }
            }
        }
        List<String> columns = candidates.stream().map(this::referredColumn).toList();
        boolean oneKey = named.length > 0 ? Set.copyOf(columns).size() == columns.size()
                : candidates.size() <= 1 || formsPrimaryKey(columns, referred);
        if (!oneKey) {
            throw MappingException.of(field, holder.type().getSimpleName() + " has more than one foreign key to "
                    + referred.tableName() + " (" + candidates.stream().map(c -> c.field().getName()).toList()
                    + "); name the one this relationship uses with @Relationship(foreignKey = \"…\")");
        }
        List<Pair> pairs = new ArrayList<>();
        for (FieldPlan plan : candidates) {
            String column = referredColumn(plan);
            FieldPlan target = referred.fields().stream().filter(f -> f.columnName().equals(column)).findFirst()
                    .orElseThrow(() -> MappingException.of(field, holder.type().getSimpleName() + "." + plan.field().getName()
                            + " refers to " + referred.tableName() + "." + column + ", which no field of "
                            + referred.type().getSimpleName() + " maps"));
            pairs.add(new Pair(plan.field().getName(), target.field().getName()));
        }
        return pairs;
    }

    /**
     * Whether foreign-key fields referring to {@code columns} are one composite key: each column of
     * the referred class's primary key once. Several foreign keys to other columns, or to one column
     * more than once, are separate keys.
     */
    private static boolean formsPrimaryKey(List<String> columns, EntityPlan referred) {
        Set<String> key = Set.copyOf(referred.ids().stream().map(FieldPlan::columnName).toList());
        return columns.size() == key.size() && Set.copyOf(columns).equals(key);
    }

    /** {@code [table, column]} a foreign-key field refers to. */
    private String[] referredTableAndColumn(FieldPlan plan) {
        String target = EntityIntrospector.foreignKeyTarget(plan, plans);
        String table = target.substring(0, target.lastIndexOf('.'));
        return new String[] {table.substring(table.lastIndexOf('.') + 1), target.substring(target.lastIndexOf('.') + 1)};
    }

    private String referredTable(FieldPlan plan) {
        return referredTableAndColumn(plan)[0];
    }

    private String referredColumn(FieldPlan plan) {
        return referredTableAndColumn(plan)[1];
    }

    private Secondary secondary(EntityPlan owner, EntityPlan target, String table, Field field) {
        if (owner.type() == target.type()) {
            throw MappingException.of(field, "a self-referential many-to-many cannot tell its secondary table's two foreign"
                    + " keys apart; map the association as an entity with two ToOne relationships (association object)");
        }
        EntityPlan mapped = tables.mappedClass(table);
        if (mapped != null) {
            List<Pair> own = foreignKeys(mapped, owner, new String[0], field);
            List<Pair> other = foreignKeys(mapped, target, new String[0], field);
            if (own.isEmpty() || other.isEmpty()) {
                throw MappingException.of(field, "secondary table '" + table + "' (mapped by " + mapped.type().getSimpleName()
                        + ") needs foreign keys to both " + owner.tableName() + " and " + target.tableName());
            }
            return new Secondary(table, columns(mapped, own), columns(mapped, other), referred(owner, own), referred(target, other), false);
        }
        Table core = tables.coreTable(table);
        if (core != null) {
            ForeignKey own = foreignKeyOf(core, owner, field);
            ForeignKey other = foreignKeyOf(core, target, field);
            return new Secondary(table, own.columnNames(), other.columnNames(), fieldsFor(owner, own.referredColumns(), field),
                    fieldsFor(target, other.referredColumns(), field), false);
        }
        List<FieldPlan> ownKeys = owner.ids();
        List<FieldPlan> targetKeys = target.ids();
        return new Secondary(table, generatedColumns(owner, ownKeys), generatedColumns(target, targetKeys), ownKeys, targetKeys, true);
    }

    private static List<String> columns(EntityPlan mapped, List<Pair> pairs) {
        return pairs.stream().map(pair -> mapped.field(pair.foreignKey()).columnName()).toList();
    }

    private static List<FieldPlan> referred(EntityPlan plan, List<Pair> pairs) {
        return pairs.stream().map(pair -> plan.field(pair.referred())).toList();
    }

    private static ForeignKey foreignKeyOf(Table table, EntityPlan referred, Field field) {
        List<ForeignKey> keys = table.foreignKeys().stream().filter(key -> key.referredTableName().equals(referred.tableName())).toList();
        if (keys.size() != 1) {
            throw MappingException.of(field, "secondary table '" + table.name() + "' needs exactly one foreign key to "
                    + referred.tableName() + "; it has " + keys.size());
        }
        return keys.get(0);
    }

    private static List<FieldPlan> fieldsFor(EntityPlan plan, List<String> columns, Field field) {
        return columns.stream().map(column -> plan.fields().stream().filter(f -> f.columnName().equals(column)).findFirst()
                .orElseThrow(() -> MappingException.of(field, "the secondary table refers to " + plan.tableName() + "." + column
                        + ", which no field of " + plan.type().getSimpleName() + " maps"))).toList();
    }

    private static List<String> generatedColumns(EntityPlan plan, List<FieldPlan> keys) {
        String prefix = Names.snakeCase(plan.type().getSimpleName());
        return keys.stream().map(key -> prefix + "_" + key.columnName()).toList();
    }

    private static List<Order> orderBy(EntityPlan target, String[] items, Field field) {
        List<Order> orders = new ArrayList<>();
        for (String item : items) {
            String[] parts = item.trim().split("\\s+");
            boolean descending = parts.length == 2 && parts[1].toUpperCase(Locale.ROOT).equals("DESC");
            boolean valid = parts.length == 1 || parts.length == 2 && (descending || parts[1].equalsIgnoreCase("ASC"));
            if (!valid || target.field(parts[0]) == null) {
                throw MappingException.of(field, "orderBy \"" + item + "\" is not a field of " + target.type().getSimpleName()
                        + " optionally followed by ASC or DESC; fields: "
                        + target.fields().stream().map(f -> f.field().getName()).toList());
            }
            orders.add(new Order(parts[0], descending));
        }
        return orders;
    }

    private void checkInverse(Resolved r, Map<String, Resolved> byName) {
        String name = r.plan().options().backPopulates();
        if (name.isEmpty()) {
            return;
        }
        Field field = r.plan().field();
        RelationPlan other = r.target().relation(name);
        if (other == null) {
            throw MappingException.of(field, "backPopulates = \"" + name + "\" but " + r.target().type().getSimpleName()
                    + " has no relationship field of that name; it has "
                    + r.target().relations().stream().map(RelationPlan::name).toList());
        }
        if (other.target() != r.owner().type()) {
            throw MappingException.of(field, "backPopulates = \"" + name + "\" names " + r.target().type().getSimpleName() + "."
                    + name + ", which relates to " + other.target().getSimpleName() + ", not " + r.owner().type().getSimpleName());
        }
        String back = other.options().backPopulates();
        if (!back.isEmpty() && !back.equals(r.plan().name())) {
            throw MappingException.of(field, "backPopulates = \"" + name + "\", but " + r.target().type().getSimpleName() + "."
                    + name + " back-populates \"" + back + "\"");
        }
        Resolved inverse = byName.get(r.target().type().getName() + "#" + name);
        if (inverse == null) {
            inverse = resolve(r.target(), other, plans.apply(other.target()));
        }
        boolean compatible = switch (r.kind()) {
            case MANY_TO_ONE -> (inverse.kind() == Kind.ONE_TO_MANY || inverse.kind() == Kind.ONE_TO_ONE)
                    && inverse.local().equals(r.remote()) && inverse.remote().equals(r.local());
            case ONE_TO_MANY, ONE_TO_ONE -> inverse.kind() == Kind.MANY_TO_ONE
                    && inverse.local().equals(r.remote()) && inverse.remote().equals(r.local());
            case MANY_TO_MANY -> inverse.kind() == Kind.MANY_TO_MANY && inverse.secondary().table().equals(r.secondary().table());
        };
        if (!compatible) {
            throw MappingException.of(field, "backPopulates = \"" + name + "\" pairs a " + r.kind() + " with "
                    + r.target().type().getSimpleName() + "." + name + " (" + inverse.kind() + " joined by " + inverse.local()
                    + " = " + inverse.remote() + "); the two sides must use the same foreign key"
                    + (r.kind() == Kind.MANY_TO_MANY ? " (the same secondary table)" : ""));
        }
    }

    // ---- building (after the tables exist) -----------------------------------------------------------

    /** Builds every resolved relationship, creating missing secondary tables, and links inverses. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void build(List<Resolved> resolved, Function<Class<?>, EntityMapper<?>> mappers, MetaData metadata) {
        Map<EntityMapper<?>, List<Relation<?, ?>>> byOwner = new LinkedHashMap<>();
        Map<String, RelationModel<?, ?>> built = new LinkedHashMap<>();
        for (Resolved r : resolved) {
            EntityMapper<?> owner = mappers.apply(r.owner().type());
            EntityMapper<?> target = mappers.apply(r.target().type());
            List<Attribute> local = r.local().stream().map(owner::attribute).toList();
            List<Attribute> remote = r.remote().stream().map(target::attribute).toList();
            Table secondary = null;
            List<dev.retort.core.schema.Column<?>> secondaryLocal = List.of();
            List<dev.retort.core.schema.Column<?>> secondaryRemote = List.of();
            if (r.secondary() != null) {
                secondary = secondaryTable(r, owner, target, metadata);
                Table table = secondary;
                secondaryLocal = r.secondary().localColumns().stream().<dev.retort.core.schema.Column<?>>map(table::c).toList();
                secondaryRemote = r.secondary().remoteColumns().stream().<dev.retort.core.schema.Column<?>>map(table::c).toList();
            }
            List<Ordering> orderBy = r.orderBy().stream().map(order -> {
                dev.retort.core.schema.Column<?> column = target.attribute(order.field()).column();
                return order.descending() ? column.desc() : column.asc();
            }).toList();
            Relationship options = r.plan().options();
            RelationModel model = new RelationModel(r.plan().name(), owner, target, r.kind(),
                    r.plan().holder() == EntityPlan.Holder.WRITE_ONLY, declaredCascade(options), options.loading(), orderBy,
                    local, remote, secondary, secondaryLocal, secondaryRemote, r.plan().getter());
            byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(model);
            built.put(r.owner().type().getName() + "#" + r.plan().name(), model);
        }
        for (Resolved r : resolved) {
            String name = r.plan().options().backPopulates();
            if (!name.isEmpty()) {
                RelationModel model = built.get(r.owner().type().getName() + "#" + r.plan().name());
                RelationModel inverse = built.get(r.target().type().getName() + "#" + name);
                model.inverse(inverse);
                if (inverse.inverse().isEmpty()) {
                    inverse.inverse(model);
                }
            }
        }
        byOwner.forEach((owner, relations) -> ((EntityMapper) owner).relations(relations));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Table secondaryTable(Resolved r, EntityMapper<?> owner, EntityMapper<?> target, MetaData metadata) {
        Secondary spec = r.secondary();
        Table existing = metadata.get(spec.table()).orElse(null);
        if (existing != null || !spec.create()) {
            return existing != null ? existing : metadata.get(spec.table()).orElseThrow();
        }
        List<TableElement> elements = new ArrayList<>();
        addColumns(elements, spec.localColumns(), spec.localKeys(), owner);
        addColumns(elements, spec.remoteColumns(), spec.remoteKeys(), target);
        return metadata.table(spec.table(), elements.toArray(TableElement[]::new));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addColumns(List<TableElement> elements, List<String> names, List<FieldPlan> keys, EntityMapper<?> side) {
        for (int i = 0; i < names.size(); i++) {
            FieldPlan key = keys.get(i);
            dev.retort.core.schema.Column column = Schema.column(names.get(i), key.sqlType());
            column.primaryKey();
            column.references(side.table().name() + "." + key.columnName(), ReferentialAction.CASCADE);
            elements.add(column);
        }
    }
}
