package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.result.Row;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.DerivedTable;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.TableAlias;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.Ordering;
import dev.retort.orm.internal.LoadPlan.Node;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One statement with its joined relationships: the base query (the loaded class's columns first),
 * a {@code LEFT OUTER JOIN} per joined relationship with the target's columns after, and the
 * bookkeeping that turns its rows into objects and fills their holders. When rows multiply (a
 * joined collection) and the base query has {@code LIMIT}/{@code OFFSET}, the base query becomes a
 * subquery so the limit counts objects, not rows. Made per execution (it gathers that execution's
 * objects); no IO itself.
 */
final class JoinedShape {

    /** The loaded class (index 0) or one joined relationship, with where its columns start in a row. */
    static final class Slot {
        final @Nullable Slot parent;
        final @Nullable Node node;
        final Mapper<?> mapper;
        final int offset;
        final int[] keyPositions;
        /** Per parent object: what the rows gave it so far (collections) and whether to fill its holder. */
        final Map<Object, Fill> fills = new IdentityHashMap<>();

        Slot(@Nullable Slot parent, @Nullable Node node, Mapper<?> mapper, int offset) {
            this.parent = parent;
            this.node = node;
            this.mapper = mapper;
            this.offset = offset;
            List<Attribute> attributes = mapper.attributes();
            this.keyPositions = mapper.primaryKey().stream().mapToInt(attributes::indexOf).toArray();
        }
    }

    /** The objects one parent receives for one relationship. */
    static final class Fill {
        final Holder holder;
        final boolean fill;
        final List<Object> items = new ArrayList<>();
        private final Set<Object> seen = Holder.identitySet();

        Fill(Holder holder, boolean fill) {
            this.holder = holder;
            this.fill = fill;
        }

        void add(Object item) {
            if (seen.add(item)) {
                items.add(item);
            }
        }
    }

    final Select select;
    final List<Slot> slots = new ArrayList<>();
    private final Loader loader;
    private final boolean force;
    private int aliases;
    private Select building;

    private JoinedShape(Loader loader, Mapper<?> root, Select base, List<Node> plan, boolean force) {
        this.loader = loader;
        this.force = force;
        boolean wrap = (base.limitValue() != null || base.offsetValue() != null) && LoadPlan.hasJoinedCollection(plan);
        Function<Attribute, Expression<?>> rootColumn;
        if (wrap) {
            DerivedTable inner = base.subquery("anon_1");
            List<Object> order = new ArrayList<>();
            for (Ordering ordering : base.orderByClause()) {
                order.add(new Ordering(outerColumn(inner, root, ordering.expression()), ordering.descending(),
                        ordering.nullsPlacement()));
            }
            building = Sql.select(inner).orderBy(order.toArray());
            rootColumn = attribute -> inner.c(attribute.column().name());
        } else {
            building = base;
            rootColumn = Attribute::column;
        }
        Slot rootSlot = new Slot(null, null, root, 0);
        slots.add(rootSlot);
        join(rootSlot, plan, rootColumn);
        this.select = building;
    }

    /**
     * The shape of {@code base} (which selects {@code root}'s columns first) with the joined part of
     * {@code plan}. {@code force} refills holders that are loaded already ({@code refresh}).
     */
    static JoinedShape of(Loader loader, Mapper<?> root, Select base, List<Node> plan, boolean force) {
        return new JoinedShape(loader, root, base, plan, force);
    }

    private static Expression<?> outerColumn(DerivedTable inner, Mapper<?> root, Expression<?> expression) {
        if (expression instanceof Column<?> column && column.table() == root.table()) {
            return inner.c(column.name());
        }
        throw new InvalidRequestException("A joined collection with LIMIT/OFFSET wraps the query in a subquery and orders it"
                + " again outside, which needs ORDER BY on columns of " + root.entityClass().getSimpleName() + "; got "
                + expression + ". Order by such columns, or load the collection with selectinload");
    }

    @SuppressWarnings("unchecked")
    private void join(Slot parent, List<Node> nodes, Function<Attribute, Expression<?>> parentColumn) {
        for (Node node : nodes) {
            if (node.strategy != Loading.JOINED) {
                continue;
            }
            Relation<?, ?> relation = node.relation;
            Mapper<?> target = relation.target();
            TableAlias alias = Sql.alias(target.table(), target.table().name() + "_" + ++aliases);
            TableAlias secondary = relation.secondary()
                    .map(table -> Sql.alias(table, table.name() + "_" + ++aliases)).orElse(null);
            Joins.On on = Joins.of(relation, parentColumn, attribute -> alias.c(attribute.column()),
                    column -> secondary.c(column));
            if (on.secondary() != null) {
                building = building.leftJoin(secondary, on.secondary());
            }
            building = building.leftJoin(alias, on.target());
            int offset = building.selectedColumns().size();
            building = building.addColumns(target.attributes().stream().map(a -> alias.c(a.column())).toArray(Expression[]::new));
            for (Ordering ordering : relation.orderBy()) {
                building = building.orderBy(new Ordering(alias.c((Column<?>) ordering.expression()), ordering.descending(),
                        ordering.nullsPlacement()));
            }
            Slot slot = new Slot(parent, node, target, offset);
            slots.add(slot);
            join(slot, node.children, attribute -> alias.c(attribute.column()));
        }
    }


    /**
     * Turns one row into its objects: the loaded class's object (returned), and per joined
     * relationship the related object, recorded for its parent. A to-one is filled at once (one row
     * per parent), so streams of objects with joined to-ones need no buffering.
     */
    Object row(Row row) {
        Object[] objects = new Object[slots.size()];
        objects[0] = loader.hydrate(slots.get(0).mapper, row, 0);
        for (int i = 1; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            Object parent = objects[slots.indexOf(slot.parent)];
            if (parent == null) {
                continue;
            }
            Relation<?, ?> relation = slot.node.relation;
            Fill fill = slot.fills.computeIfAbsent(parent, p -> {
                Holder holder = Holder.of(relation, p);
                return new Fill(holder, force || !holder.loaded);
            });
            Object child = nullKey(row, slot) ? null : loader.hydrate(slot.mapper, row, slot.offset);
            objects[i] = child;
            if (child != null) {
                fill.add(child);
            }
            if (!relation.isCollection() && fill.fill) {
                ((ToOneHolder<?>) fill.holder).loaded(child);
            }
        }
        return objects[0];
    }

    /**
     * {@link #row} for a stream of objects one row at a time (joined to-ones only, so a row is all
     * its objects get): fills the holders at once and keeps nothing, where {@link #row} remembers
     * every parent until {@link #finish} (a stream of a million rows held a million entries).
     */
    Object rowAlone(Row row) {
        Object root = row(row);
        finish();
        for (Slot slot : slots) {
            slot.fills.clear();
        }
        return root;
    }

    private static boolean nullKey(Row row, Slot slot) {
        for (int position : slot.keyPositions) {
            if (row.get(slot.offset + position) == null) {
                return true;
            }
        }
        return false;
    }

    /** Fills the collections the rows gave (empty for parents whose rows had none). */
    void finish() {
        for (Slot slot : slots.subList(1, slots.size())) {
            Relation<?, ?> relation = slot.node.relation;
            slot.fills.forEach((parent, fill) -> {
                if (fill.fill) {
                    RelationLoader.fill(relation, parent, fill.holder, fill.items);
                }
            });
        }
    }
}
