package dev.retort.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A unique constraint of an {@link Entity}'s table over one or more column names. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Unique {

    /** The constraint name; empty for the metadata's naming convention ({@code uq_<table>_<columns>}). */
    String name() default "";

    /** The column names, in order. */
    String[] columns();
}
