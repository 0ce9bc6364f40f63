package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.WriteOnly;
import dev.retort.orm.query.EntitySelect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The {@link WriteOnly} implementation: additions and removals recorded for the flush, contents by query. */
final class WriteOnlyHolder<T> extends Holder implements WriteOnly<T> {

    final Set<Object> added = orderedIdentitySet();
    final Set<Object> removed = orderedIdentitySet();

    WriteOnlyHolder(Object owner) {
        super(owner);
        loaded = false;
    }

    /** Like {@link ToManyHolder.Side#recordAdd}: only many-to-many adds and removals cancel out. */
    @Override
    public void add(T value) {
        checkType(Objects.requireNonNull(value, "value"));
        Holder inverse = inverseIn(value);
        if (relation().kind() == Relation.Kind.MANY_TO_MANY) {
            if (!removed.remove(value)) {
                added.add(value);
            }
        } else {
            removed.remove(value);
            added.add(value);
        }
        touched();
        if (inverse != null) {
            inverse.inverseAdded(owner);
        }
    }

    /** Like {@link ToManyHolder.Side#recordRemove}: a removed child stays a candidate for unlinking or deleting. */
    @Override
    public void remove(T value) {
        checkType(Objects.requireNonNull(value, "value"));
        Holder inverse = inverseIn(value);
        if (relation().kind() == Relation.Kind.MANY_TO_MANY) {
            if (!added.remove(value)) {
                removed.add(value);
            }
        } else {
            added.remove(value);
            removed.add(value);
        }
        touched();
        if (inverse != null) {
            inverse.inverseRemoved(owner);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public EntitySelect<T> select() {
        Relation<?, ?> relation = relation();
        List<Attribute> local = relation.localAttributes();
        List<Expression<Boolean>> where = new ArrayList<>();
        for (int i = 0; i < local.size(); i++) {
            Object value = local.get(i).get(owner);
            if (value == null || local.get(i).isGenerated() && local.get(i).isUnset(value)) {
                throw new InvalidRequestException("Cannot query " + describe() + ": its owner has no " + local.get(i).name()
                        + " yet (flush it first)");
            }
            where.add(relation.kind() == Relation.Kind.MANY_TO_MANY
                    ? Keys.equal(relation.secondaryLocalColumns().get(i), value)
                    : Keys.equal(relation.remoteAttributes().get(i).column(), value));
        }
        EntitySelect<T> select = EntitySelect.of((Class<T>) relation.target().entityClass());
        if (relation.kind() == Relation.Kind.MANY_TO_MANY) {
            select = select.join(relation.secondary().orElseThrow(), Joins.of(relation).target());
        }
        select = select.where(where.toArray(Expression[]::new));
        return relation.orderBy().isEmpty() ? select : select.orderBy(relation.orderBy().toArray());
    }

    @Override
    void inverseAdded(Object other) {
        // nothing is held in memory
    }

    @Override
    void inverseRemoved(Object other) {
        // nothing is held in memory
    }

    @Override
    void unload() {
        added.clear();
        removed.clear();
    }

    @Override
    void flushed() {
        added.clear();
        removed.clear();
    }

    @Override
    public String toString() {
        return "WriteOnly[" + describe() + ", +" + added.size() + " −" + removed.size() + "]";
    }
}
