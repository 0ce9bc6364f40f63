package dev.retort.orm.mapping;

import dev.retort.orm.internal.Holders;
import org.jspecify.annotations.Nullable;

/**
 * A reference to one related object: the holder of a many-to-one or one-to-one {@link Relationship}.
 * Create it with its owner in a field initializer:
 *
 * <pre>{@code
 * @Relationship(backPopulates = "posts")
 * final ToOne<User> user = ToOne.of(this);
 * }</pre>
 *
 * <p>On a new object it holds {@code null} and counts as loaded. On an object loaded from the
 * database it is unloaded until a loader fills it ({@code selectinload}, {@code joinedload},
 * {@code session.load}); reading it then raises {@link NotLoadedException} — nothing loads on
 * access. One exception needs no IO: a many-to-one whose foreign key is {@code NULL}, or whose
 * target is already in the owner's session, is read from there (not on an expired owner: the
 * expiry cleared its foreign-key fields, so they tell nothing).
 *
 * <p>{@link #set} updates the other side when it is loaded (with {@code backPopulates}), and the
 * flush copies the target's key into the owner's foreign-key fields. Setting the foreign-key field
 * directly also works; the holder then is not touched. Not thread-safe, like the entity.
 *
 * @param <T> the related class
 */
public interface ToOne<T> {

    /** A holder for {@code owner}'s field (call it in the field initializer with {@code this}). */
    static <T> ToOne<T> of(Object owner) {
        return Holders.toOne(owner);
    }

    /**
     * The related object, or {@code null}.
     *
     * @throws NotLoadedException when the relationship is not loaded
     */
    @Nullable T get();

    /**
     * Sets the related object ({@code null} to unlink). Works whether or not it was loaded; marks
     * it loaded. With {@code backPopulates}, the target's loaded side follows: a collection gains
     * the owner (and the previous target's collection loses it).
     */
    void set(@Nullable T value);

    /** Whether {@link #get} can be called. */
    boolean isLoaded();
}
