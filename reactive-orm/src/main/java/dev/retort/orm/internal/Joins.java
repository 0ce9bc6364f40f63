package dev.retort.orm.internal;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The ON conditions of a relationship, over whatever names its tables have in a statement (the
 * tables themselves, aliases, a subquery). Public only so {@code EntitySelect.join(Relation)} can
 * reach it; not API.
 */
public final class Joins {

    /**
     * The conditions of one relationship: {@code secondary} joins the association table to the
     * owner (many-to-many only, else {@code null}); {@code target} joins the target to the owner, or
     * to the association table.
     */
    public record On(@Nullable Expression<Boolean> secondary, Expression<Boolean> target) {
    }

    private Joins() {
    }

    /**
     * The conditions of {@code relation}, naming the owner's columns through {@code owner}, the
     * target's through {@code target} and the association table's through {@code secondary}. The
     * two sides of a many-to-many may have keys of different widths.
     */
    @SuppressWarnings("unchecked")
    public static On of(Relation<?, ?> relation, Function<Attribute, Expression<?>> owner, Function<Attribute, Expression<?>> target,
            Function<Column<?>, Expression<?>> secondary) {
        List<Attribute> local = relation.localAttributes();
        List<Attribute> remote = relation.remoteAttributes();
        List<Expression<Boolean>> on = new ArrayList<>();
        if (relation.kind() != Relation.Kind.MANY_TO_MANY) {
            for (int i = 0; i < local.size(); i++) {
                on.add(((Expression<Object>) target.apply(remote.get(i))).eq((Expression<Object>) owner.apply(local.get(i))));
            }
            return new On(null, all(on));
        }
        List<Expression<Boolean>> first = new ArrayList<>();
        for (int i = 0; i < local.size(); i++) {
            first.add(((Expression<Object>) secondary.apply(relation.secondaryLocalColumns().get(i)))
                    .eq((Expression<Object>) owner.apply(local.get(i))));
        }
        for (int i = 0; i < remote.size(); i++) {
            on.add(((Expression<Object>) target.apply(remote.get(i)))
                    .eq((Expression<Object>) secondary.apply(relation.secondaryRemoteColumns().get(i))));
        }
        return new On(all(first), all(on));
    }

    /** The conditions over the mapped tables themselves. */
    public static On of(Relation<?, ?> relation) {
        return of(relation, Attribute::column, Attribute::column, column -> column);
    }

    @SuppressWarnings("unchecked")
    private static Expression<Boolean> all(List<Expression<Boolean>> parts) {
        return parts.size() == 1 ? parts.get(0) : Sql.and(parts.toArray(Expression[]::new));
    }
}
