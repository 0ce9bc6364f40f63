package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Cascade;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Relation.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The unit of work's side of relationships, without IO: cascades over loaded holders (save-update,
 * delete, delete-orphan) and the association rows a many-to-many change needs. Copying keys into
 * foreign-key fields is {@link ForeignKeys}; insert order within a table, {@link InsertLevels}.
 * Only loaded holders (and write-only additions and removals) are ever read: an unloaded
 * relationship changes nothing.
 */
final class RelationSync {

    /**
     * One association row: its table, its key columns (the two sides' foreign keys, in the table's
     * column order; other columns of a table mapped as an entity are left to their defaults) and
     * their values.
     */
    record Link(Table table, List<Column<?>> columns, List<Object> values) {
    }

    private final DefaultSession session;

    RelationSync(DefaultSession session) {
        this.session = session;
    }

    /** What a holder holds for the unit of work: a loaded to-one's value, a loaded collection, write-only additions. */
    static List<Object> contents(Holder holder) {
        if (holder instanceof ToOneHolder<?> toOne) {
            Object value = toOne.loaded ? toOne.value() : null;
            return value == null ? List.of() : List.of(value);
        }
        if (holder instanceof ToManyHolder.Side side) {
            return side.loaded ? side.items : List.of();
        }
        return new ArrayList<>(((WriteOnlyHolder<?>) holder).added);
    }

    // ---- cascades ------------------------------------------------------------------------------

    /** SAVE_UPDATE: adds the transient objects reachable from {@code entity} through cascading holders. */
    void cascadeAdd(Object entity) {
        Deque<Object> todo = new ArrayDeque<>();
        todo.add(entity);
        while (!todo.isEmpty()) {
            Object next = todo.removeFirst();
            InstanceState state = session.members.get(next);
            if (state == null || state.markedForDeletion || state.status == Status.DELETED) {
                continue;
            }
            for (Relation<?, ?> relation : state.mapper.relations()) {
                if (!relation.cascades(Cascade.SAVE_UPDATE)) {
                    continue;
                }
                for (Object related : contents(Holder.of(relation, next))) {
                    if (!session.members.containsKey(related) && !rowDeleted(related)) {
                        session.addOne(related);
                        todo.addLast(related);
                    }
                }
            }
        }
    }

    /**
     * Whether the object's row was deleted by a flush of a transaction since committed (it left the
     * session then, but a loaded collection may still hold it): the cascade leaves it alone.
     */
    private static boolean rowDeleted(Object entity) {
        InstanceState state = InstanceStates.get(entity);
        return state != null && state.status == Status.DELETED;
    }

    /**
     * Refuses a flush that cannot write what a relationship without {@link Cascade#SAVE_UPDATE}
     * holds: a transient object (it has no row to refer to or to update), or, for a one-to-many or
     * one-to-one, a child outside the session (its foreign key could not be written). Such an
     * object would otherwise be lost silently or end in a NULL foreign key. Checked before any
     * statement is sent.
     */
    void checkUnsaved() {
        session.members.forEach((owner, state) -> {
            if (state.markedForDeletion || state.status == Status.DELETED) {
                return;
            }
            for (Relation<?, ?> relation : state.mapper.relations()) {
                if (relation.cascades(Cascade.SAVE_UPDATE)) {
                    continue;
                }
                Holder holder = Holder.of(relation, owner);
                List<Object> related = relation.kind() != Kind.MANY_TO_MANY ? contents(holder)
                        : holder instanceof ToManyHolder.Side side ? new ArrayList<>(side.added)
                        : new ArrayList<>(((WriteOnlyHolder<?>) holder).added);
                for (Object object : related) {
                    if (session.members.containsKey(object) || rowDeleted(object)) {
                        continue;
                    }
                    InstanceState other = InstanceStates.get(object);
                    boolean transientObject = other == null || other.key == null || other.status == Status.PENDING;
                    boolean child = relation.kind() == Kind.ONE_TO_MANY || relation.kind() == Kind.ONE_TO_ONE;
                    if (transientObject || child) {
                        throw new InvalidRequestException(holder.describe() + " of " + DefaultSession.describe(owner) + " holds "
                                + object + ", which is not in the session (" + InstanceStates.state(object).name().toLowerCase(Locale.ROOT)
                                + "), and " + holder.describe() + " does not cascade SAVE_UPDATE, so the flush cannot write it; add it"
                                + " with session.add(…) first, or give the relationship cascade = Cascade.SAVE_UPDATE");
                    }
                }
            }
        });
    }

    /** {@link #cascadeAdd} from every pending and persistent object, {@link #cascadeDelete} from every deleted one. */
    void cascadeAll() {
        for (Map.Entry<Object, InstanceState> entry : new ArrayList<>(session.members.entrySet())) {
            if (entry.getValue().markedForDeletion) {
                cascadeDelete(entry.getKey());
            } else {
                cascadeAdd(entry.getKey());
            }
        }
    }

    /** Whether a many-to-many holder recorded a change since the last flush. */
    boolean hasLinkChanges() {
        for (Map.Entry<Object, InstanceState> entry : session.members.entrySet()) {
            for (Relation<?, ?> relation : entry.getValue().mapper.relations()) {
                if (relation.kind() != Kind.MANY_TO_MANY) {
                    continue;
                }
                Holder holder = Holder.of(relation, entry.getKey());
                boolean changed = holder instanceof ToManyHolder.Side side
                        ? !side.added.isEmpty() || !side.removed.isEmpty()
                        : !((WriteOnlyHolder<?>) holder).added.isEmpty() || !((WriteOnlyHolder<?>) holder).removed.isEmpty();
                if (changed) {
                    return true;
                }
            }
        }
        return false;
    }

    /** DELETE over loaded holders: the related objects of {@code entity} are deleted too (pending ones expunged). */
    void cascadeDelete(Object entity) {
        Deque<Object> todo = new ArrayDeque<>();
        todo.add(entity);
        while (!todo.isEmpty()) {
            Object next = todo.removeFirst();
            InstanceState state = session.members.get(next);
            if (state == null) {
                continue;
            }
            for (Relation<?, ?> relation : state.mapper.relations()) {
                if (relation.cascades(Cascade.DELETE)) {
                    for (Object related : contents(Holder.of(relation, next))) {
                        if (markDeleted(related)) {
                            todo.addLast(related);
                        }
                    }
                }
            }
        }
    }

    /** Marks a member for deletion (or drops it if pending); whether it newly was. */
    boolean markDeleted(Object entity) {
        InstanceState state = session.members.get(entity);
        if (state == null || state.markedForDeletion || state.status == Status.DELETED) {
            return false;
        }
        if (state.status == Status.PENDING) {
            session.expungeOne(entity);
            return true;
        }
        state.markedForDeletion = true;
        return true;
    }

    /**
     * The relationships with DELETE cascade whose holders on objects marked for deletion are not
     * loaded: what the flush loads before it can delete their children.
     */
    Map<Relation<?, ?>, List<Object>> unloadedDeleteCascades(Map<Object, Set<Relation<?, ?>>> done) {
        Map<Relation<?, ?>, List<Object>> unloaded = new LinkedHashMap<>();
        session.members.forEach((entity, state) -> {
            if (!state.markedForDeletion) {
                return;
            }
            for (Relation<?, ?> relation : state.mapper.relations()) {
                if (!relation.cascades(Cascade.DELETE)) {
                    continue;
                }
                Holder holder = Holder.of(relation, entity);
                boolean unknown = holder instanceof WriteOnlyHolder<?>
                        || !holder.loaded && !(holder instanceof ToOneHolder<?> toOne && toOne.resolveWithoutIo());
                if (unknown && !done.getOrDefault(entity, Set.of()).contains(relation)) {
                    unloaded.computeIfAbsent(relation, r -> new ArrayList<>()).add(entity);
                }
            }
        });
        return unloaded;
    }

    /**
     * The objects the loaded holders of {@code relation} hold in owners that are not being deleted:
     * children that moved to another parent in memory.
     */
    Set<Object> heldByLiveOwners(Relation<?, ?> relation) {
        Set<Object> held = Holder.identitySet();
        if (relation.kind() == Kind.ONE_TO_MANY || relation.kind() == Kind.ONE_TO_ONE) {
            session.members.forEach((owner, state) -> {
                if (relation.owner().entityClass().isInstance(owner) && !session.isDeletedOrMarked(owner)) {
                    held.addAll(contents(Holder.of(relation, owner)));
                }
            });
        }
        return held;
    }

    /**
     * Whether {@code child}, which the database lists under {@code parent} through {@code relation},
     * still belongs to it in the session: a child whose many-to-one was set to another object (or
     * to none), whose foreign key was changed, or that another parent's collection now holds does
     * not, and a delete cascade from {@code parent} must leave it alone.
     */
    boolean stillChildOf(Relation<?, ?> relation, Object parent, Object child, Set<Object> heldElsewhere) {
        if (relation.kind() != Kind.ONE_TO_MANY && relation.kind() != Kind.ONE_TO_ONE) {
            return true;
        }
        Relation<?, ?> inverse = relation.inverse().orElse(null);
        if (inverse != null && Holder.of(inverse, child) instanceof ToOneHolder<?> back && back.loaded) {
            return back.value() == parent;
        }
        return ForeignKeys.pointsAt(child, relation.remoteAttributes(), parent, relation.localAttributes()) && !heldElsewhere.contains(child);
    }

    /**
     * DELETE_ORPHAN: objects taken out of a collection (or replaced in a one-to-one) that found no
     * other parent are deleted (pending ones expunged).
     */
    void orphans() {
        for (Map.Entry<Object, InstanceState> entry : new ArrayList<>(session.members.entrySet())) {
            Object owner = entry.getKey();
            InstanceState state = entry.getValue();
            if (state.status == Status.DELETED) {
                continue;
            }
            for (Relation<?, ?> relation : state.mapper.relations()) {
                if (!relation.cascades(Cascade.DELETE_ORPHAN)) {
                    continue;
                }
                for (Object candidate : removed(Holder.of(relation, owner))) {
                    if (!hasParent(relation, candidate) && markDeleted(candidate)) {
                        cascadeDelete(candidate);
                    }
                }
            }
        }
    }

    /** What a holder lost since the last flush: a collection's removals, a to-one's replaced objects. */
    static List<Object> removed(Holder holder) {
        if (holder instanceof ToManyHolder.Side side) {
            return new ArrayList<>(side.removed);
        }
        if (holder instanceof WriteOnlyHolder<?> writeOnly) {
            return new ArrayList<>(writeOnly.removed);
        }
        ToOneHolder<?> toOne = (ToOneHolder<?>) holder;
        List<Object> replaced = new ArrayList<>();
        if (toOne.replaced != null) {
            replaced.add(toOne.replaced);
        }
        replaced.addAll(toOne.replacedInDatabase);
        return replaced;
    }

    /**
     * The one-to-one holders of live persistent members assigned while unloaded, by relationship:
     * the flush reads which rows refer to their owners before it can unlink or delete the previous
     * objects.
     */
    Map<Relation<?, ?>, List<Object>> unknownPrevious() {
        Map<Relation<?, ?>, List<Object>> owners = new LinkedHashMap<>();
        session.members.forEach((owner, state) -> {
            if (state.status != Status.PERSISTENT || state.markedForDeletion) {
                return;
            }
            for (Relation<?, ?> relation : state.mapper.relations()) {
                if (relation.kind() == Kind.ONE_TO_ONE && Holder.of(relation, owner) instanceof ToOneHolder<?> toOne
                        && toOne.previousUnknown) {
                    owners.computeIfAbsent(relation, r -> new ArrayList<>()).add(owner);
                }
            }
        });
        return owners;
    }

    /**
     * What the database holds for a one-to-one assigned while unloaded: every object other than the
     * new value was replaced (and no longer points back at the owner in memory).
     */
    void replacedInDatabase(Relation<?, ?> relation, Object owner, List<Object> stored) {
        ToOneHolder<?> toOne = (ToOneHolder<?>) Holder.of(relation, owner);
        toOne.previousUnknown = false;
        for (Object previous : stored) {
            if (previous == toOne.value() || previous == toOne.replaced || toOne.replacedInDatabase.contains(previous)) {
                continue;
            }
            toOne.replacedInDatabase.add(previous);
            Holder back = toOne.inverseIn(previous);
            if (back instanceof ToOneHolder<?> backToOne && backToOne.loaded && backToOne.value() == owner) {
                back.inverseRemoved(owner);
            }
        }
    }

    /** Whether {@code child} belongs to a parent through {@code relation} after all (it moved rather than left). */
    private boolean hasParent(Relation<?, ?> relation, Object child) {
        Relation<?, ?> inverse = relation.inverse().orElse(null);
        if (inverse != null) {
            Holder back = Holder.of(inverse, child);
            if (back.loaded && back instanceof ToOneHolder<?> toOne) {
                return toOne.value() != null;
            }
        }
        for (Object owner : session.members.keySet()) {
            if (relation.owner().entityClass().isInstance(owner)) {
                Holder holder = Holder.of(relation, owner);
                if (contents(holder).stream().anyMatch(item -> item == child)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- many-to-many ----------------------------------------------------------------------------------

    /**
     * The association rows to insert ({@code +1}) and delete ({@code -1}): every link added or
     * removed since the last flush, counted once per change on the side it was made, so an add and
     * a remove of the same pair cancel out.
     */
    Map<Link, Integer> linkChanges() {
        Map<Link, Integer> changes = new LinkedHashMap<>();
        session.members.forEach((owner, state) -> {
            if (state.markedForDeletion || state.status == Status.DELETED) {
                return;
            }
            for (Relation<?, ?> relation : state.mapper.relations()) {
                if (relation.kind() != Kind.MANY_TO_MANY) {
                    continue;
                }
                Holder holder = Holder.of(relation, owner);
                Set<Object> added = holder instanceof ToManyHolder.Side side ? side.added : ((WriteOnlyHolder<?>) holder).added;
                Set<Object> removed = holder instanceof ToManyHolder.Side side ? side.removed : ((WriteOnlyHolder<?>) holder).removed;
                for (Object target : added) {
                    changes.merge(link(relation, owner, target), 1, Integer::sum);
                }
                for (Object target : removed) {
                    if (!session.isDeletedOrMarked(target)) {
                        changes.merge(link(relation, owner, target), -1, Integer::sum);
                    }
                }
            }
        });
        changes.values().removeIf(count -> count == 0);
        return changes;
    }

    private static Link link(Relation<?, ?> relation, Object owner, Object target) {
        Table table = relation.secondary().orElseThrow();
        List<Column<?>> keyColumns = table.columns().stream()
                .filter(column -> relation.secondaryLocalColumns().contains(column) || relation.secondaryRemoteColumns().contains(column))
                .toList();
        Object[] values = new Object[keyColumns.size()];
        put(values, table, keyColumns, relation.secondaryLocalColumns(), relation.localAttributes(), owner, relation);
        put(values, table, keyColumns, relation.secondaryRemoteColumns(), relation.remoteAttributes(), target, relation);
        return new Link(table, keyColumns, Arrays.asList(values));
    }

    private static void put(Object[] values, Table table, List<Column<?>> keyColumns, List<Column<?>> columns, List<Attribute> keys,
            Object entity, Relation<?, ?> relation) {
        if (!ForeignKeys.hasKey(entity, keys)) {
            throw new InvalidRequestException("Cannot write the " + table.name() + " row of " + relation + ": "
                    + entity.getClass().getSimpleName() + " has no key; add it to the session (SAVE_UPDATE cascade does"
                    + " that for loaded collections)");
        }
        for (int i = 0; i < columns.size(); i++) {
            values[keyColumns.indexOf(columns.get(i))] = keys.get(i).get(entity);
        }
    }

    /**
     * After a successful flush: holders forget the changes it wrote, and loaded holders of the
     * remaining objects let go of objects whose rows the flush deleted (commits do not expire
     * objects by default, so a collection would otherwise keep showing a deleted child).
     */
    void flushed() {
        session.relationsChanged = false;
        boolean deletions = false;
        for (InstanceState state : session.members.values()) {
            deletions |= state.status == Status.DELETED;
        }
        for (Map.Entry<Object, InstanceState> entry : session.members.entrySet()) {
            InstanceState state = entry.getValue();
            for (Relation<?, ?> relation : state.mapper.relations()) {
                Holder holder = Holder.of(relation, entry.getKey());
                holder.flushed();
                if (deletions && state.status != Status.DELETED && holder.loaded) {
                    dropDeleted(holder);
                }
            }
        }
    }

    private static void dropDeleted(Holder holder) {
        if (holder instanceof ToManyHolder.Side side) {
            side.items.removeIf(RelationSync::rowDeleted);
        } else if (holder instanceof ToOneHolder<?> toOne && toOne.value() != null && rowDeleted(toOne.value())) {
            toOne.loaded(null);
        }
    }
}
