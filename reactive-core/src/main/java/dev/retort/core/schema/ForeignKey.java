package dev.retort.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A foreign key from columns of the owning table to columns of a referred table, named by
 * {@code [schema.]table}. Made by {@link Schema#foreignKey(List, String, List)} (composite) or
 * {@link Column#references(String)} (single column); the referred table must be defined in the
 * same {@link MetaData}, which is checked when DDL is compiled. Immutable; {@code with…} methods
 * return copies.
 */
public record ForeignKey(@Nullable String name, List<String> columnNames, String referredTable,
        List<String> referredColumns, @Nullable ReferentialAction onDelete, @Nullable ReferentialAction onUpdate)
        implements Constraint {

    public ForeignKey {
        columnNames = Schema.requireColumns(columnNames, "A foreign key");
        referredColumns = Schema.requireColumns(referredColumns, "A foreign key's referred side");
        Objects.requireNonNull(referredTable, "referredTable");
        if (columnNames.size() != referredColumns.size()) {
            throw new IllegalArgumentException("A foreign key needs as many referred columns as columns: "
                    + columnNames + " -> " + referredTable + referredColumns);
        }
    }

    @Override
    public Optional<String> explicitName() {
        return Optional.ofNullable(name);
    }

    public ForeignKey named(String constraintName) {
        return new ForeignKey(constraintName, columnNames, referredTable, referredColumns, onDelete, onUpdate);
    }

    public ForeignKey onDelete(ReferentialAction action) {
        return new ForeignKey(name, columnNames, referredTable, referredColumns, action, onUpdate);
    }

    public ForeignKey onUpdate(ReferentialAction action) {
        return new ForeignKey(name, columnNames, referredTable, referredColumns, onDelete, action);
    }

    /** The referred table's name without its schema. */
    public String referredTableName() {
        int dot = referredTable.lastIndexOf('.');
        return dot < 0 ? referredTable : referredTable.substring(dot + 1);
    }

    /** The referred table's schema, when the reference names one. */
    public Optional<String> referredSchema() {
        int dot = referredTable.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(referredTable.substring(0, dot));
    }
}
