package dev.retort.orm.internal;

import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.MappingException;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.session.ObjectState;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide link from entity objects to their {@link InstanceState}: it lets
 * {@code Session.state(obj)} answer for any object, including those of closed sessions. An object
 * with relationships carries its state in its first relationship holder (it lives and dies with
 * the object); others are in a weak map keyed by identity (entities may override {@code equals}),
 * whose entries go away when their object is garbage-collected.
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
        Holder holder = carrier(entity);
        return holder != null ? holder.state : STATES.get(new Ref(entity, null));
    }

    static void put(Object entity, InstanceState state) {
        Holder holder = carrier(entity);
        if (holder != null) {
            holder.state = state;
            return;
        }
        purge();
        STATES.put(new Ref(entity, COLLECTED), state);
    }

    static void remove(Object entity) {
        Holder holder = carrier(entity);
        if (holder != null) {
            holder.state = null;
            return;
        }
        STATES.remove(new Ref(entity, null));
    }

    /**
     * The first relationship of each entity class that has one: its holder carries the object's
     * state, so objects of such classes need no entry in the weak map (a weak entry per loaded
     * object made every young collection copy and promote them; loads of related objects spent a
     * third of their time there).
     */
    private static final ClassValue<Optional<Relation<?, ?>>> FIRST_RELATION = new ClassValue<>() {
        @Override
        protected Optional<Relation<?, ?>> computeValue(Class<?> type) {
            if (!type.isAnnotationPresent(Entity.class)) {
                return Optional.empty();
            }
            try {
                List<? extends Relation<?, ?>> relations = Mapping.mapperOf(type).relations();
                return relations.isEmpty() ? Optional.empty() : Optional.of(relations.get(0));
            } catch (MappingException e) {
                return Optional.empty(); // a class that cannot be mapped never has session state
            }
        }
    };

    /** The holder that carries {@code entity}'s state, or {@code null} when the weak map does. */
    private static @Nullable Holder carrier(Object entity) {
        Relation<?, ?> relation = FIRST_RELATION.get(entity.getClass()).orElse(null);
        if (relation == null) {
            return null;
        }
        Object field = relation.holder(entity);
        Holder holder = field instanceof ToManyHolder<?> list ? list.side() : field instanceof Holder found ? found : null;
        return holder != null && holder.owner == entity ? holder : null;
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
