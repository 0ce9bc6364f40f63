package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Names;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relation;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the three relationship holders share: the owner, the relationship (found once, by looking
 * for this holder among the owner's relationship fields), whether it is loaded, and the in-memory
 * side of {@code backPopulates}. Holders never do IO; loaders and the flush call the package
 * methods here.
 */
abstract class Holder {

    final Object owner;
    private @Nullable Relation<?, ?> relation;
    /** A new object's relationships hold what is set in memory; loading a row makes them unloaded. */
    boolean loaded = true;
    /** The owner's state, carried by the owner's first relationship holder (see {@link InstanceStates}). */
    @Nullable InstanceState state;

    Holder(Object owner) {
        this.owner = owner;
    }

    /**
     * The holder in {@code entity}'s field of {@code relation}, bound to it.
     *
     * @throws InvalidRequestException when the field is null or holds a holder made for another object
     */
    static Holder of(Relation<?, ?> relation, Object entity) {
        Object holder = relation.holder(entity);
        if (holder instanceof ToManyHolder<?> list) {
            holder = list.side();
        }
        if (!(holder instanceof Holder found)) {
            throw new InvalidRequestException(entity.getClass().getSimpleName() + "." + relation.name()
                    + " is null; initialise it in its declaration, e.g. `final ToMany<…> " + relation.name()
                    + " = ToMany.of(this)`");
        }
        if (found.owner != entity) {
            throw notInAField(entity);
        }
        found.relation = relation;
        return found;
    }

    Relation<?, ?> relation() {
        Relation<?, ?> found = relation;
        if (found == null) {
            if (!owner.getClass().isAnnotationPresent(Entity.class)) {
                throw notInAField(owner);
            }
            Mapper<?> mapper = Mapping.mapperOf(owner.getClass());
            for (Relation<?, ?> candidate : mapper.relations()) {
                if (candidate.holder(owner) == fieldValue()) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                throw notInAField(owner);
            }
            relation = found;
        }
        return found;
    }

    private static InvalidRequestException notInAField(Object owner) {
        return new InvalidRequestException("A relationship holder of " + owner.getClass().getSimpleName()
                + " is not in one of its relationship fields; create each holder in its field's initializer with"
                + " `this` as the owner, e.g. `final ToMany<Post> posts = ToMany.of(this)`");
    }

    /** The object in the owner's field (this holder, or the list it serves). */
    Object fieldValue() {
        return this;
    }

    /** {@code User.posts}. */
    String describe() {
        return owner.getClass().getSimpleName() + "." + relation().name();
    }

    NotLoadedException notLoaded() {
        Relation<?, ?> relation = relation();
        String type = owner.getClass().getSimpleName();
        String constant = metamodelName(owner.getClass()) + "." + Names.snakeCase(relation.name()).toUpperCase(Locale.ROOT);
        String variable = Character.toLowerCase(type.charAt(0)) + type.substring(1);
        return new NotLoadedException(describe() + " is not loaded, and Retort never loads on access. Load it with the"
                + " query, select(" + type + ".class).options(selectinload(" + constant + ")) or joinedload(" + constant
                + "); or afterwards with session.load(" + variable + ", " + constant + ")"
                + (relation.loading() == Loading.RAISE ? "; or make it load by default with @Relationship(loading = Loading.SELECTIN)"
                        : ". Its default (" + relation.loading() + ") did not apply: defaults stop where they would walk back"
                                + " along the path they were reached by"));
    }

    /** The generated metamodel's simple name: {@code User_}, or {@code Outer_Inner_} for a nested class. */
    private static String metamodelName(Class<?> type) {
        StringBuilder name = new StringBuilder(type.getSimpleName()).append('_');
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name.insert(0, outer.getSimpleName() + "_");
        }
        return name.toString();
    }

    void requireLoaded() {
        if (!loaded) {
            throw notLoaded();
        }
    }

    <T> T checkType(@Nullable Object value) {
        Class<?> target = relation().target().entityClass();
        if (value != null && !target.isInstance(value)) {
            throw new InvalidRequestException(describe() + " holds " + target.getSimpleName() + " objects, not "
                    + value.getClass().getName());
        }
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return typed;
    }

    /** The holder of the inverse relationship in {@code other}, when there is one. */
    @Nullable Holder inverseIn(Object other) {
        Relation<?, ?> inverse = relation().inverse().orElse(null);
        return inverse == null ? null : of(inverse, other);
    }

    /** The other side added this holder's owner ({@code backPopulates}); no further propagation. */
    abstract void inverseAdded(Object other);

    /** The other side removed this holder's owner; no further propagation. */
    abstract void inverseRemoved(Object other);

    /** Tells the owner's session that a relationship changed, so its next flush runs the relationship passes. */
    void touched() {
        InstanceState state = InstanceStates.get(owner);
        if (state != null && state.session != null) {
            state.session.relationsChanged = true;
        }
    }

    /** Makes the relationship unloaded (a row was loaded or expired), dropping what it held. */
    abstract void unload();

    /** Forgets the changes recorded since the last flush (the flush wrote them). */
    abstract void flushed();

    static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * An identity set that iterates in insertion order: what holders record as added and removed,
     * so the flush inserts write-only additions and association rows in the order they were made.
     */
    static Set<Object> orderedIdentitySet() {
        return new OrderedIdentitySet();
    }

    private static final class OrderedIdentitySet extends AbstractSet<Object> {
        private final Map<Identity, Object> map = new LinkedHashMap<>();

        @Override
        public boolean add(Object value) {
            return map.putIfAbsent(new Identity(value), value) == null;
        }

        @Override
        public boolean remove(Object value) {
            return map.remove(new Identity(value)) != null;
        }

        @Override
        public boolean contains(Object value) {
            return map.containsKey(new Identity(value));
        }

        @Override
        public Iterator<Object> iterator() {
            return map.values().iterator();
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void clear() {
            map.clear();
        }
    }

    /** A key comparing its object by identity. */
    private record Identity(Object value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }
}
