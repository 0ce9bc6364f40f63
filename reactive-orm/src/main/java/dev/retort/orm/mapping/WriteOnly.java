package dev.retort.orm.mapping;

import dev.retort.orm.internal.Holders;
import dev.retort.orm.query.EntitySelect;

/**
 * A collection too large to load: objects are added and removed without reading it, and its
 * contents are read with a query ({@link #select()}), which can be filtered, ordered and paged.
 * The holder of a one-to-many or many-to-many {@link Relationship}:
 *
 * <pre>{@code
 * @Relationship
 * final WriteOnly<LogEntry> entries = WriteOnly.of(this);
 *
 * stream.entries.add(entry);                                                  // no IO
 * session.scalars(stream.entries.select().where(LogEntry_.LEVEL.eq("ERROR")).limit(50));
 * }</pre>
 *
 * <p>The next flush writes the changes: a one-to-many sets (or, for removed objects, clears or —
 * with {@link Cascade#DELETE_ORPHAN} — deletes) the children's foreign keys; a many-to-many
 * inserts and deletes association rows. Not thread-safe, like the entity.
 *
 * @param <T> the related class
 */
public interface WriteOnly<T> {

    /** A holder for {@code owner}'s field (call it in the field initializer with {@code this}). */
    static <T> WriteOnly<T> of(Object owner) {
        return Holders.writeOnly(owner);
    }

    /**
     * Adds an object to the collection at the next flush. With {@code backPopulates}, the object's
     * side follows now, as for {@link ToMany}: its {@code ToOne} is set (or its loaded collection
     * gains the owner). No IO.
     */
    void add(T value);

    /** Removes an object from the collection at the next flush; its side ({@code backPopulates}) follows now. No IO. */
    void remove(T value);

    /**
     * The collection's contents as a query, in the relationship's order; run it with
     * {@code session.scalars(…)} (the autoflush writes pending additions first).
     *
     * @throws dev.retort.core.exception.InvalidRequestException when the owner has no primary key yet
     */
    EntitySelect<T> select();
}
