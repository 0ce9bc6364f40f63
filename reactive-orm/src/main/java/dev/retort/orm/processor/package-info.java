/**
 * The compile-time metamodel generator: {@link dev.retort.orm.processor.MetamodelProcessor} runs
 * inside javac and writes a class of typed columns and relationships ({@code User_}) for every
 * {@code @Entity} class being compiled. Nothing here is used at run time.
 */
@NullMarked
package dev.retort.orm.processor;

import org.jspecify.annotations.NullMarked;
