package dev.retort.orm.mapping;

import dev.retort.orm.internal.Holders;
import java.util.List;

/**
 * The collection of a one-to-many or many-to-many {@link Relationship}: a {@link List} created
 * with its owner in a field initializer:
 *
 * <pre>{@code
 * @Relationship(backPopulates = "user", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
 * final ToMany<Post> posts = ToMany.of(this);
 * }</pre>
 *
 * <p>On a new object it is empty and loaded. On an object loaded from the database it is unloaded
 * until a loader fills it; every read or write then raises {@link NotLoadedException} (unloaded is
 * not empty). It holds each object once (by identity): adding one already present does nothing
 * and returns {@code false}. Adding and removing update the other side when it is loaded
 * ({@code backPopulates}); the flush then sets or clears the children's foreign keys (one-to-many)
 * or inserts and deletes association rows (many-to-many). Not thread-safe, like the entity.
 *
 * @param <T> the related class
 */
public interface ToMany<T> extends List<T> {

    /** A collection for {@code owner}'s field (call it in the field initializer with {@code this}). */
    static <T> ToMany<T> of(Object owner) {
        return Holders.toMany(owner);
    }

    /** Whether the collection may be read and changed. */
    boolean isLoaded();
}
