package dev.retort.orm.internal;

import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Mapper;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Retort knows of one entity object: its session, identity, the values last loaded or
 * flushed (for dirty checking), and where it is in its life cycle. Mutated only by the owning
 * session's single running operation.
 */
final class InstanceState {

    enum Status { PENDING, PERSISTENT, DELETED }

    final Mapper<?> mapper;
    @Nullable DefaultSession session;
    @Nullable IdentityKey key;
    Status status;
    boolean markedForDeletion;
    boolean expired;
    /** Set while the row exists only in the session's current transaction (inserted since the last commit). */
    boolean insertedInTransaction;
    /** Set while the DELETE was flushed in the session's current transaction. */
    boolean deletedInTransaction;
    /** Snapshots of the attribute values (see {@link Attribute#snapshot}); null while pending. */
    @Nullable Object @Nullable [] snapshot;
    final long order;

    InstanceState(Mapper<?> mapper, DefaultSession session, Status status, long order) {
        this.mapper = mapper;
        this.session = session;
        this.status = status;
        this.order = order;
    }

    /** Records the object's current field values as the loaded state. */
    void takeSnapshot(Object entity) {
        List<Attribute> attributes = mapper.attributes();
        Object[] values = new Object[attributes.size()];
        for (int i = 0; i < values.length; i++) {
            Attribute attribute = attributes.get(i);
            values[i] = attribute.snapshot(attribute.get(entity));
        }
        snapshot = values;
    }

    /** Whether the attribute at {@code index} differs from the snapshot (true for every attribute without one). */
    boolean changed(Object entity, int index) {
        Object[] taken = snapshot;
        if (taken == null) {
            return true;
        }
        Attribute attribute = mapper.attributes().get(index);
        return !attribute.sameAs(attribute.get(entity), taken[index]);
    }

    /** Whether any attribute differs from the snapshot. */
    boolean modified(Object entity) {
        for (int i = 0; i < mapper.attributes().size(); i++) {
            if (changed(entity, i)) {
                return true;
            }
        }
        return false;
    }
}
