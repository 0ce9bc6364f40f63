package dev.retort.orm.mapping;

/**
 * How a relationship loads when a query does not say otherwise ({@link Relationship#loading()}).
 * Nothing ever loads on access: reading an unloaded relationship raises.
 */
public enum Loading {

    /** Not loaded unless a query asks ({@code selectinload}, {@code joinedload}) or {@code session.load}; reading raises. */
    RAISE,

    /** Loaded with every query and {@code get} of the owner by one {@code IN} query per 500 owners. */
    SELECTIN,

    /** Loaded with every query and {@code get} of the owner by a {@code LEFT OUTER JOIN} in the same statement. */
    JOINED
}
