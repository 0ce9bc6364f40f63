/**
 * The exception hierarchy. {@link dev.retort.core.exception.RetortException} is the root;
 * {@link dev.retort.core.exception.DatabaseException} and its subclasses wrap driver errors with
 * the SQL and (unless hidden) the parameters.
 */
@NullMarked
package dev.retort.core.exception;

import org.jspecify.annotations.NullMarked;
