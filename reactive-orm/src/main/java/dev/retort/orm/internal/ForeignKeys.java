package dev.retort.orm.internal;

import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Cascade;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Relation.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies keys into foreign-key fields from what relationship holders say, for the flush (no IO).
 * Only holders that changed since the last flush are read, and only loaded ones: an unloaded or
 * unchanged relationship never overwrites a foreign key.
 */
final class ForeignKeys {

    private final DefaultSession session;

    ForeignKeys(DefaultSession session) {
        this.session = session;
    }

    /**
     * Copies keys into foreign-key fields from the loaded holders of every member that changed since
     * the last flush: first clearing the keys of objects taken out of a relationship (and of
     * children left behind by a deleted parent), then setting them from collection additions and
     * then from to-one values that were set. A key the referred
     * object does not have yet (it is inserted later in the flush) is copied by a later call.
     */
    void copy() {
        List<Map.Entry<Object, InstanceState>> entries = new ArrayList<>(session.members.entrySet());
        for (Map.Entry<Object, InstanceState> entry : entries) {
            clearKeys(entry.getKey(), entry.getValue());
        }
        // memberships first, then to-one values: a child whose many-to-one was set explicitly ends with that parent
        for (boolean toOne : new boolean[] {false, true}) {
            for (Map.Entry<Object, InstanceState> entry : entries) {
                InstanceState state = entry.getValue();
                if (!state.markedForDeletion && state.status != Status.DELETED) {
                    setKeys(entry.getKey(), state, toOne);
                }
            }
        }
    }

    private void clearKeys(Object owner, InstanceState state) {
        for (Relation<?, ?> relation : state.mapper.relations()) {
            Holder holder = Holder.of(relation, owner);
            switch (relation.kind()) {
                case MANY_TO_ONE -> {
                    if (holder instanceof ToOneHolder<?> toOne && toOne.loaded && toOne.assigned && toOne.value() == null
                            && !state.markedForDeletion) {
                        clear(owner, relation.localAttributes());
                    }
                }
                case ONE_TO_MANY, ONE_TO_ONE -> {
                    for (Object child : RelationSync.removed(holder)) {
                        // a child deleted (as an orphan) keeps its fields: no UPDATE is sent, and its key may be among them
                        if (!session.isDeletedOrMarked(child) && pointsAt(child, relation.remoteAttributes(), owner, relation.localAttributes())) {
                            clear(child, relation.remoteAttributes());
                        }
                    }
                    if (state.markedForDeletion && !relation.cascades(Cascade.DELETE)) {
                        for (Object child : RelationSync.contents(holder)) {
                            if (!session.isDeletedOrMarked(child)) {
                                clear(child, relation.remoteAttributes());
                            }
                        }
                    }
                }
                case MANY_TO_MANY -> { }
            }
        }
    }

    private void setKeys(Object owner, InstanceState state, boolean toOne) {
        for (Relation<?, ?> relation : state.mapper.relations()) {
            if ((relation.kind() == Kind.MANY_TO_ONE) != toOne) {
                continue;
            }
            Holder holder = Holder.of(relation, owner);
            switch (relation.kind()) {
                case MANY_TO_ONE -> {
                    ToOneHolder<?> reference = (ToOneHolder<?>) holder;
                    Object target = reference.loaded && reference.assigned ? reference.value() : null;
                    // a target being deleted without a delete cascade to this object leaves it behind (its key was cleared)
                    if (target != null && !session.isDeletedOrMarked(target) && hasKey(target, relation.remoteAttributes())) {
                        copy(target, relation.remoteAttributes(), owner, relation.localAttributes());
                    }
                }
                case ONE_TO_MANY, ONE_TO_ONE -> {
                    if (hasKey(owner, relation.localAttributes())) {
                        for (Object child : changedContents(holder)) {
                            if (!session.isDeletedOrMarked(child)) {
                                copy(owner, relation.localAttributes(), child, relation.remoteAttributes());
                            }
                        }
                    }
                }
                case MANY_TO_MANY -> { }
            }
        }
    }

    /**
     * What a holder gained since the last flush: a collection's additions, a to-one's value when it
     * was set. Keys are copied from these only, so a foreign key changed outside the holders (a
     * field set directly, a row updated by other SQL and reloaded) is not overwritten from a
     * collection that did not change.
     */
    private static List<Object> changedContents(Holder holder) {
        if (holder instanceof ToOneHolder<?> toOne) {
            return toOne.assigned ? RelationSync.contents(holder) : List.of();
        }
        if (holder instanceof ToManyHolder.Side side) {
            return side.loaded ? new ArrayList<>(side.added) : List.of();
        }
        return new ArrayList<>(((WriteOnlyHolder<?>) holder).added);
    }


    static boolean hasKey(Object entity, List<Attribute> attributes) {
        for (Attribute attribute : attributes) {
            Object value = attribute.get(entity);
            if (value == null || attribute.isGenerated() && attribute.isUnset(value)) {
                return false;
            }
        }
        return true;
    }

    static boolean pointsAt(Object child, List<Attribute> foreignKey, Object parent, List<Attribute> referred) {
        for (int i = 0; i < foreignKey.size(); i++) {
            Object value = foreignKey.get(i).get(child);
            if (value == null || !value.equals(foreignKey.get(i).coerce(referred.get(i).get(parent)))) {
                return false;
            }
        }
        return true;
    }

    private static void copy(Object from, List<Attribute> source, Object to, List<Attribute> target) {
        for (int i = 0; i < source.size(); i++) {
            Attribute attribute = target.get(i);
            Object value = attribute.coerce(source.get(i).get(from));
            if (!Objects.equals(attribute.get(to), value)) {
                attribute.set(to, value);
            }
        }
    }

    private static void clear(Object entity, List<Attribute> attributes) {
        for (Attribute attribute : attributes) {
            if (attribute.get(entity) != null) {
                attribute.set(entity, null);
            }
        }
    }
}
