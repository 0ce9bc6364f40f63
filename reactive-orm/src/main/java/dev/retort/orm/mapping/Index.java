package dev.retort.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An index of an {@link Entity}'s table, naming columns (not fields). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Index {

    /** The index name; empty for the metadata's naming convention ({@code ix_<table>_<columns>}). */
    String name() default "";

    /** The indexed column names, in order. */
    String[] columns();

    /** Whether this is a {@code UNIQUE INDEX}. */
    boolean unique() default false;
}
