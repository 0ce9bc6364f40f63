/**
 * Schema definitions: {@link dev.retort.core.schema.MetaData}, {@link dev.retort.core.schema.Table},
 * {@link dev.retort.core.schema.Column}, constraints, indexes, table options and the naming
 * convention. Definitions do no IO; a {@link dev.retort.core.schema.SchemaTarget} (an engine)
 * creates, drops and reflects them.
 */
@NullMarked
package dev.retort.core.schema;

import org.jspecify.annotations.NullMarked;
