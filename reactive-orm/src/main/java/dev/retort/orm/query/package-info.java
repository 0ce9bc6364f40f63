/**
 * ORM statements over mapped classes: {@link dev.retort.orm.query.EntitySelect} (rows become
 * entities in the session's identity map), {@link dev.retort.orm.query.EntityUpdate} and
 * {@link dev.retort.orm.query.EntityDelete} (bulk statements that keep loaded objects in step per
 * {@link dev.retort.orm.query.SynchronizeSession}). Immutable values; building them does no IO.
 * Start from {@link dev.retort.orm.Orm}.
 */
@NullMarked
package dev.retort.orm.query;

import org.jspecify.annotations.NullMarked;
