package dev.retort.orm.mapping;

import dev.retort.core.schema.ReferentialAction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This column references another table's column. Name the target either by entity
 * ({@code @ForeignKey(entity = User.class)} refers to its single-column primary key, and maps that
 * class into the same {@code MetaData}) or by text ({@code @ForeignKey(target = "users.id")}).
 *
 * <p>Fields of one class whose targets are together the primary key of one table, each column
 * once ({@code target = "warehouses.country"} and {@code target = "warehouses.number"}), make one
 * composite {@code FOREIGN KEY (…) REFERENCES warehouses (country, number)}; they must agree on
 * {@link #onDelete()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ForeignKey {

    /** The referenced entity; {@code void.class} when {@link #target()} is given instead. */
    Class<?> entity() default void.class;

    /** {@code "table.column"}; empty when {@link #entity()} is given. */
    String target() default "";

    /** {@code ON DELETE …}; {@link ReferentialAction#NO_ACTION} writes nothing (the server's default). */
    ReferentialAction onDelete() default ReferentialAction.NO_ACTION;
}
