package dev.retort.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Optimistic locking counter ({@code int}, {@code long}, {@code Integer} or {@code Long}). New
 * rows start at 1; every flushed UPDATE or DELETE of the object requires the row still to hold the
 * version the session read and (for an UPDATE) increments it. When no row matches, the flush fails
 * with {@link dev.retort.orm.session.StaleDataException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Version {
}
