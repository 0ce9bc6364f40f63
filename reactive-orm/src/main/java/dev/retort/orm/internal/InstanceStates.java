package dev.retort.orm.internal;

import dev.retort.orm.session.ObjectState;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide, weakly held link from entity objects to their {@link InstanceState}, keyed by
 * identity (entities may override {@code equals}). It lets {@code Session.state(obj)} answer for any
 * object, including those of closed sessions, without a field in the entity. Entries go away when
 * their object is garbage-collected.
 */
public final class InstanceStates {

    private static final Map<Ref, InstanceState> STATES = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();

    private InstanceStates() {
    }

    /** The object's state as {@code Session.state} reports it. */
    public static ObjectState state(Object entity) {
        InstanceState state = get(entity);
        if (state == null) {
            return ObjectState.TRANSIENT;
        }
        DefaultSession session = state.session;
        if (session == null || session.isClosed()) {
            return state.key != null && state.status != InstanceState.Status.PENDING ? ObjectState.DETACHED : ObjectState.TRANSIENT;
        }
        return switch (state.status) {
            case PENDING -> ObjectState.PENDING;
            case PERSISTENT -> ObjectState.PERSISTENT;
            case DELETED -> ObjectState.DELETED;
        };
    }

    static @Nullable InstanceState get(Object entity) {
        return STATES.get(new Ref(entity, null));
    }

    static void put(Object entity, InstanceState state) {
        purge();
        STATES.put(new Ref(entity, COLLECTED), state);
    }

    static void remove(Object entity) {
        STATES.remove(new Ref(entity, null));
    }

    private static void purge() {
        for (Object gone = COLLECTED.poll(); gone != null; gone = COLLECTED.poll()) {
            STATES.remove(gone);
        }
    }

    /** A weak reference that compares by the identity of its referent (or by itself once cleared). */
    private static final class Ref extends WeakReference<Object> {
        private final int hash;

        Ref(Object referent, @Nullable ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Ref ref)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ref.get();
        }
    }
}
