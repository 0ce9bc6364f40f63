package dev.retort.orm.internal;

import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.ToOne;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@link ToOne} implementation. */
final class ToOneHolder<T> extends Holder implements ToOne<T> {

    private @Nullable Object value;
    /** Whether {@link #set} (or the other side) changed the value since it was loaded or flushed. */
    boolean assigned;
    /** The object this one replaced since the last flush (a delete-orphan candidate). */
    @Nullable Object replaced;
    /**
     * Set while a one-to-one was assigned unloaded: what it held before is not known without IO,
     * so the flush reads the rows that still refer to the owner and treats them as replaced.
     */
    boolean previousUnknown;
    /** What the flush found that way (each a delete-orphan or unlink candidate, like {@link #replaced}). */
    final List<Object> replacedInDatabase = new ArrayList<>();

    ToOneHolder(Object owner) {
        super(owner);
    }

    @Override
    public @Nullable T get() {
        if (!loaded && !resolveWithoutIo()) {
            throw notLoaded();
        }
        return checkType(value);
    }

    @Override
    public void set(@Nullable T newValue) {
        checkType(newValue);
        boolean known = loaded || resolveWithoutIo();
        Object old = known ? value : null;
        loaded = true;
        if (!known) {
            // the previous value is unknown: the flush clears the foreign key of a many-to-one set to
            // null, and looks up what a one-to-one held
            assigned = true;
            touched();
            previousUnknown = relation().kind() == Relation.Kind.ONE_TO_ONE;
        }
        if (old == newValue) {
            return;
        }
        Holder oldInverse = old == null ? null : inverseIn(old);
        Holder newInverse = newValue == null ? null : inverseIn(newValue);
        value = newValue;
        assigned = true;
        touched();
        if (old != null && replaced == null) {
            replaced = old;
        }
        if (oldInverse != null) {
            oldInverse.inverseRemoved(owner);
        }
        if (newInverse != null) {
            newInverse.inverseAdded(owner);
        }
    }

    /** True also where {@link #get} answers without IO (a {@code NULL} key, a target in the session), as documented. */
    @Override
    public boolean isLoaded() {
        return loaded || resolveWithoutIo();
    }

    /** The value for the flush and loaders: what is held, without the loaded check. */
    @Nullable Object value() {
        return value;
    }

    /** Filled by a loader. */
    void loaded(@Nullable Object loadedValue) {
        value = loadedValue;
        loaded = true;
        forgetChanges();
    }

    private void forgetChanges() {
        assigned = false;
        replaced = null;
        previousUnknown = false;
        replacedInDatabase.clear();
    }

    @Override
    void inverseAdded(Object other) {
        boolean known = loaded || resolveWithoutIo();
        Object old = known ? value : null;
        loaded = true;
        if (!known && relation().kind() == Relation.Kind.ONE_TO_ONE) {
            previousUnknown = true;
        }
        if (old == other) {
            return;
        }
        if (old != null) {
            Holder previous = inverseIn(old);
            if (previous != null) {
                previous.inverseRemoved(owner);
            }
            if (replaced == null) {
                replaced = old;
            }
        }
        value = other;
        assigned = true;
        touched();
    }

    @Override
    void inverseRemoved(Object other) {
        if (loaded && value != other) {
            return;
        }
        loaded = true;
        value = null;
        assigned = true;
        touched();
        if (replaced == null) {
            replaced = other;
        }
    }

    @Override
    void unload() {
        loaded = false;
        value = null;
        forgetChanges();
    }

    @Override
    void flushed() {
        forgetChanges();
    }

    /**
     * Fills an unloaded many-to-one without IO where possible: a {@code NULL} foreign key holds
     * nothing, and a target already in the owner's session is that object (SQLAlchemy's lazy
     * loader answers from the identity map the same way).
     */
    boolean resolveWithoutIo() {
        Relation<?, ?> relation = relation();
        if (relation.kind() != Relation.Kind.MANY_TO_ONE) {
            return false;
        }
        InstanceState state = InstanceStates.get(owner);
        if (state != null && state.expired) {
            return false; // expiry cleared the foreign key fields: their nulls are not a NULL key
        }
        List<Attribute> local = relation.localAttributes();
        Object[] values = new Object[local.size()];
        boolean allNull = true;
        for (int i = 0; i < values.length; i++) {
            values[i] = local.get(i).get(owner);
            allNull &= values[i] == null;
        }
        if (allNull) {
            loaded(null);
            return true;
        }
        DefaultSession session = state == null ? null : state.session;
        if (session == null || session.isClosed() || !relation.remoteAttributes().equals(relation.target().primaryKey())) {
            return false;
        }
        IdentityKey key = IdentityKey.of(relation.target(), values);
        Object found = key == null ? null : session.identityMap.get(key);
        if (found == null) {
            return false;
        }
        InstanceState targetState = session.members.get(found);
        if (targetState == null || targetState.status != Status.PERSISTENT || targetState.expired) {
            return false;
        }
        loaded(found);
        return true;
    }
}
