package dev.retort.orm.query;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.Update;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Mapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Bulk {@code UPDATE} of an entity's table, run with {@code session.execute(…)}, which answers the
 * number of matched rows. Values may be plain Java values or expressions. Immutable.
 *
 * <pre>{@code
 * session.execute(update(User.class).where(User_.AGE.lt(18)).set(User_.ACTIVE, false))
 * }</pre>
 *
 * @param <T> the entity class
 */
public final class EntityUpdate<T> {

    private final Mapper<T> mapper;
    private final Map<Column<?>, @Nullable Object> values;
    private final List<Expression<Boolean>> where;
    private final SynchronizeSession synchronize;

    private EntityUpdate(Mapper<T> mapper, Map<Column<?>, @Nullable Object> values, List<Expression<Boolean>> where,
            SynchronizeSession synchronize) {
        this.mapper = mapper;
        this.values = values;
        this.where = where;
        this.synchronize = synchronize;
    }

    /** An UPDATE of every row of {@code entityClass}'s table until {@link #where} narrows it. */
    public static <T> EntityUpdate<T> of(Class<T> entityClass) {
        return new EntityUpdate<>(Mapping.mapperOf(entityClass), Map.of(), List.of(), SynchronizeSession.AUTO);
    }

    /**
     * Sets a column to a value or expression.
     *
     * @throws InvalidRequestException when the column is not of this entity's table
     */
    public <V> EntityUpdate<T> set(Column<V> column, @Nullable Object value) {
        Map<Column<?>, @Nullable Object> all = new LinkedHashMap<>(values);
        all.put(own(column), value);
        return new EntityUpdate<>(mapper, all, where, synchronize);
    }

    /** Sets several columns. */
    public EntityUpdate<T> values(Map<? extends Column<?>, ?> assignments) {
        Map<Column<?>, @Nullable Object> all = new LinkedHashMap<>(values);
        assignments.forEach((column, value) -> all.put(own(column), value));
        return new EntityUpdate<>(mapper, all, where, synchronize);
    }

    /** Adds conditions, joined with AND. */
    @SafeVarargs
    public final EntityUpdate<T> where(Expression<Boolean>... conditions) {
        List<Expression<Boolean>> all = new ArrayList<>(where);
        for (Expression<Boolean> condition : conditions) {
            all.add(Objects.requireNonNull(condition, "condition"));
        }
        return new EntityUpdate<>(mapper, values, List.copyOf(all), synchronize);
    }

    /** How loaded objects are kept in step ({@link SynchronizeSession#AUTO} by default). */
    public EntityUpdate<T> synchronize(SynchronizeSession mode) {
        return new EntityUpdate<>(mapper, values, where, Objects.requireNonNull(mode, "mode"));
    }

    public Mapper<T> mapper() {
        return mapper;
    }

    /** The assignments in the order given. */
    public Map<Column<?>, @Nullable Object> assignments() {
        return Collections.unmodifiableMap(values);
    }

    /** The WHERE conditions (ANDed); empty for every row. */
    public List<Expression<Boolean>> whereClause() {
        return where;
    }

    public SynchronizeSession synchronizeSession() {
        return synchronize;
    }

    /**
     * The core statement.
     *
     * @throws InvalidRequestException when no value is set
     */
    public Update toUpdate() {
        if (values.isEmpty()) {
            throw new InvalidRequestException("UPDATE of " + mapper.entityClass().getSimpleName() + " sets no column");
        }
        Update update = Sql.update(mapper.table()).values(values);
        return where.isEmpty() ? update : update.where(Sql.and(where.toArray(Expression[]::new)));
    }

    private Column<?> own(Column<?> column) {
        if (column.table() != mapper.table()) {
            throw new InvalidRequestException("Column " + column + " is not a column of " + mapper.table().name()
                    + " (the table of " + mapper.entityClass().getSimpleName() + ")");
        }
        return column;
    }
}
