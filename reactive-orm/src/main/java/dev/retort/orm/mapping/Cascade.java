package dev.retort.orm.mapping;

/** Session operations a {@link Relationship} passes on from its owner to the related objects. */
public enum Cascade {

    /** {@code add} of the owner, and the flush, add the related objects (the default, with {@link #MERGE}). */
    SAVE_UPDATE,

    /** {@code merge} of the owner merges the related objects of loaded holders. */
    MERGE,

    /**
     * {@code delete} of the owner deletes the related objects, loaded or not: the flush loads the
     * children it does not hold yet (one {@code SELECT} per 500 owners) and deletes them first.
     */
    DELETE,

    /** A related object removed from the collection (or replaced in a {@code ToOne}) is deleted at the flush. */
    DELETE_ORPHAN,

    /** {@link #SAVE_UPDATE}, {@link #MERGE} and {@link #DELETE} ({@link #DELETE_ORPHAN} is separate, as in SQLAlchemy). */
    ALL
}
