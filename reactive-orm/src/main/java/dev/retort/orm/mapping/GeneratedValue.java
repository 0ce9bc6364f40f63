package dev.retort.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The server generates this {@link Id} with {@code AUTO_INCREMENT}. The field must be an integral
 * type; leave it {@code null} (or 0 for a primitive) on new objects and the flush writes the
 * generated key back into the object.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface GeneratedValue {
}
