package dev.retort.orm.internal;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.List;

/** ON conditions of relationships over the mapped tables. */
final class Joins {

    private Joins() {
    }

    /** {@code secondary.target_fk = target.pk} (AND-ed) of a many-to-many relationship. */
    @SuppressWarnings("unchecked")
    static Expression<Boolean> secondaryToTarget(Relation<?, ?> relation) {
        List<Column<?>> columns = relation.secondaryRemoteColumns();
        List<Attribute> remote = relation.remoteAttributes();
        List<Expression<Boolean>> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(((Column<Object>) columns.get(i)).eq((Expression<Object>) remote.get(i).column()));
        }
        return parts.size() == 1 ? parts.get(0) : Keys.and(parts);
    }
}
