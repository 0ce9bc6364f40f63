package dev.retort.core.schema;

import java.util.List;
import java.util.Optional;

/** A table constraint: primary key, unique, foreign key or check. */
public sealed interface Constraint extends TableElement
        permits PrimaryKeyConstraint, UniqueConstraint, ForeignKey, CheckConstraint {

    /** The name given when it was defined; empty when the naming convention (or the server) names it. */
    Optional<String> explicitName();

    /** The names of the constrained columns of the owning table, in order (empty for a check). */
    List<String> columnNames();
}
