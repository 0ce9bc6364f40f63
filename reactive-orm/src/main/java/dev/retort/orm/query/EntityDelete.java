package dev.retort.orm.query;

import dev.retort.core.sql.Delete;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bulk {@code DELETE} from an entity's table, run with {@code session.execute(…)}, which answers
 * the number of deleted rows. Immutable.
 *
 * @param <T> the entity class
 */
public final class EntityDelete<T> {

    private final Mapper<T> mapper;
    private final List<Expression<Boolean>> where;
    private final SynchronizeSession synchronize;

    private EntityDelete(Mapper<T> mapper, List<Expression<Boolean>> where, SynchronizeSession synchronize) {
        this.mapper = mapper;
        this.where = where;
        this.synchronize = synchronize;
    }

    /** A DELETE of every row of {@code entityClass}'s table until {@link #where} narrows it. */
    public static <T> EntityDelete<T> of(Class<T> entityClass) {
        return new EntityDelete<>(Mapping.mapperOf(entityClass), List.of(), SynchronizeSession.AUTO);
    }

    /** Adds conditions, joined with AND. */
    @SafeVarargs
    public final EntityDelete<T> where(Expression<Boolean>... conditions) {
        List<Expression<Boolean>> all = new ArrayList<>(where);
        for (Expression<Boolean> condition : conditions) {
            all.add(Objects.requireNonNull(condition, "condition"));
        }
        return new EntityDelete<>(mapper, List.copyOf(all), synchronize);
    }

    /** How loaded objects are kept in step ({@link SynchronizeSession#AUTO} by default). */
    public EntityDelete<T> synchronize(SynchronizeSession mode) {
        return new EntityDelete<>(mapper, where, Objects.requireNonNull(mode, "mode"));
    }

    public Mapper<T> mapper() {
        return mapper;
    }

    /** The WHERE conditions (ANDed); empty for every row. */
    public List<Expression<Boolean>> whereClause() {
        return where;
    }

    public SynchronizeSession synchronizeSession() {
        return synchronize;
    }

    /** The core statement. */
    public Delete toDelete() {
        Delete delete = Sql.delete(mapper.table());
        return where.isEmpty() ? delete : delete.where(Sql.and(where.toArray(Expression[]::new)));
    }
}
