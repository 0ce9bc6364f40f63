package dev.retort.orm.internal;

import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.ToMany;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ToMany} implementation: a list that holds each object once (by identity), raises
 * while unloaded, keeps the other side in step, and records what was added and removed since the
 * last flush (association rows to write; children to unlink or delete as orphans).
 */
final class ToManyHolder<T> extends AbstractList<T> implements ToMany<T> {

    private final Side side;

    ToManyHolder(Object owner) {
        this.side = new Side(owner, this);
    }

    /** The holder behaviour; a separate object because this class already extends {@link AbstractList}. */
    static final class Side extends Holder {
        final ToManyHolder<?> list;
        final List<Object> items = new ArrayList<>();
        final Set<Object> added = orderedIdentitySet();
        final Set<Object> removed = orderedIdentitySet();

        Side(Object owner, ToManyHolder<?> list) {
            super(owner);
            this.list = list;
        }

        @Override
        Object fieldValue() {
            return list;
        }

        int indexOf(Object value) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == value) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * An add: a many-to-many link change unless it undoes a removal. A child of a one-to-many
         * stops being a removal candidate.
         */
        void recordAdd(Object value) {
            if (relation().kind() == Relation.Kind.MANY_TO_MANY) {
                if (!removed.remove(value)) {
                    added.add(value);
                }
            } else {
                removed.remove(value);
                added.add(value);
            }
        }

        /**
         * A removal: a many-to-many link change unless it undoes an add. A child of a one-to-many
         * becomes a removal candidate even when it was added since the last flush: a pending object
         * removed again is a delete-orphan candidate the flush expunges.
         */
        void recordRemove(Object value) {
            if (relation().kind() == Relation.Kind.MANY_TO_MANY) {
                if (!added.remove(value)) {
                    removed.add(value);
                }
            } else {
                added.remove(value);
                removed.add(value);
            }
        }

        @Override
        void inverseAdded(Object other) {
            if (loaded && indexOf(other) < 0) {
                items.add(other);
                list.modCount++;
                touched();
                if (relation().kind() != Relation.Kind.MANY_TO_MANY) {
                    removed.remove(other);
                }
            }
        }

        @Override
        void inverseRemoved(Object other) {
            if (!loaded) {
                return;
            }
            int index = indexOf(other);
            if (index >= 0) {
                list.modCount++;
                touched();
                items.remove(index);
                // a child taken from a one-to-many is a delete-orphan candidate (the flush checks it has no new
                // parent); a many-to-many link change is recorded once, on the side where it was made
                if (relation().kind() != Relation.Kind.MANY_TO_MANY) {
                    removed.add(other);
                }
            }
        }

        @Override
        void unload() {
            loaded = false;
            items.clear();
            added.clear();
            removed.clear();
        }

        @Override
        void flushed() {
            added.clear();
            removed.clear();
        }

        /** Filled by a loader. */
        void loaded(List<?> values) {
            items.clear();
            items.addAll(values);
            added.clear();
            removed.clear();
            loaded = true;
        }
    }

    Side side() {
        return side;
    }

    @Override
    public boolean isLoaded() {
        return side.loaded;
    }

    @Override
    public Iterator<T> iterator() {
        side.requireLoaded();
        return super.iterator();
    }

    @Override
    public T get(int index) {
        side.requireLoaded();
        return side.checkType(side.items.get(index));
    }

    @Override
    public int size() {
        side.requireLoaded();
        return side.items.size();
    }

    @Override
    public boolean add(T value) {
        side.requireLoaded();
        if (side.indexOf(value) >= 0) {
            return false;
        }
        add(side.items.size(), value);
        return true;
    }

    @Override
    public void add(int index, T value) {
        side.requireLoaded();
        side.checkType(Objects.requireNonNull(value, "a collection cannot hold null"));
        if (side.indexOf(value) >= 0) {
            return;
        }
        checkPosition(index);
        Holder inverse = side.inverseIn(value);
        side.items.add(index, value);
        modCount++;
        side.touched();
        side.recordAdd(value);
        if (inverse != null) {
            inverse.inverseAdded(side.owner);
        }
    }

    /** Adds the objects not held yet, in order, from {@code index} on; {@code true} if any was added. */
    @Override
    public boolean addAll(int index, Collection<? extends T> values) {
        side.requireLoaded();
        checkPosition(index);
        int next = index;
        for (T value : values) {
            if (side.indexOf(value) < 0) {
                add(next++, value);
            }
        }
        return next > index;
    }

    /**
     * Replaces the object at {@code index}.
     *
     * @throws IllegalArgumentException when {@code value} is held at another index (a collection
     *     holds each object once); nothing changes then
     */
    @Override
    public T set(int index, T value) {
        side.requireLoaded();
        T old = get(index);
        if (old == value) {
            return old;
        }
        side.checkType(Objects.requireNonNull(value, "a collection cannot hold null"));
        int held = side.indexOf(value);
        if (held >= 0) {
            throw new IllegalArgumentException(side.describe() + " holds " + value + " already, at index " + held
                    + "; remove it first");
        }
        side.inverseIn(value);
        remove(index);
        add(index, value);
        return old;
    }

    @Override
    public T remove(int index) {
        side.requireLoaded();
        Object old = side.items.get(index);
        Holder inverse = side.inverseIn(old);
        side.items.remove(index);
        modCount++;
        side.touched();
        side.recordRemove(old);
        if (inverse != null) {
            inverse.inverseRemoved(side.owner);
        }
        return side.checkType(old);
    }

    /** Reorders the collection in place: what it holds, and so the other side, stays the same. */
    @Override
    @SuppressWarnings("unchecked")
    public void sort(@Nullable Comparator<? super T> comparator) {
        side.requireLoaded();
        ((List<T>) side.items).sort(comparator);
        modCount++;
        side.touched();
    }

    private void checkPosition(int index) {
        if (index < 0 || index > side.items.size()) {
            throw new IndexOutOfBoundsException("Index: " + index + ", Size: " + side.items.size());
        }
    }

    @Override
    public boolean remove(Object value) {
        side.requireLoaded();
        int index = side.indexOf(value);
        if (index < 0) {
            return false;
        }
        remove(index);
        return true;
    }

    @Override
    public boolean contains(Object value) {
        side.requireLoaded();
        return side.indexOf(value) >= 0;
    }

    @Override
    public int indexOf(Object value) {
        side.requireLoaded();
        return side.indexOf(value);
    }

    @Override
    public String toString() {
        return side.loaded ? side.items.toString() : "[not loaded: " + side.describe() + "]";
    }
}
