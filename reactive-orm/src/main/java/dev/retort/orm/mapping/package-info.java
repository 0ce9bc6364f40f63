/**
 * Declarative entity mapping: annotations on plain Java classes, {@link dev.retort.orm.mapping.Mapping}
 * (the registry that turns classes into core {@code Table}s of one {@code MetaData}),
 * {@link dev.retort.orm.mapping.Mapper} (what the session reads and writes per class) and
 * {@link dev.retort.orm.mapping.Metamodel} (what the generated {@code Entity_} classes call).
 * Nothing here does IO except {@code Mapping.createAll}/{@code dropAll}, which hand the tables to
 * an engine.
 */
@NullMarked
package dev.retort.orm.mapping;

import org.jspecify.annotations.NullMarked;
