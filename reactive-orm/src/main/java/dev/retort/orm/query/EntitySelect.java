package dev.retort.orm.query;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.LockMode;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.orm.internal.Joins;
import dev.retort.orm.loading.LoadOption;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT} of whole entities: every column of the entity's table, then whatever the
 * statement adds (conditions, joins, ordering, limits). Run it with {@code session.scalars(…)} or
 * {@code session.execute(…)}; each row becomes the session's one instance for its primary key.
 * Immutable; every method returns a new statement.
 *
 * <pre>{@code
 * session.scalars(select(User.class).where(User_.NAME.like("A%")).orderBy(User_.ID))
 * }</pre>
 *
 * @param <T> the entity class
 */
public final class EntitySelect<T> {

    private final Mapper<T> mapper;
    private final Select select;
    private final List<LoadOption<T, ?>> options;

    private EntitySelect(Mapper<T> mapper, Select select, List<LoadOption<T, ?>> options) {
        this.mapper = mapper;
        this.select = select;
        this.options = options;
    }

    private EntitySelect<T> with(Select changed) {
        return new EntitySelect<>(mapper, changed, options);
    }

    /** All rows of {@code entityClass}'s table. */
    public static <T> EntitySelect<T> of(Class<T> entityClass) {
        Mapper<T> mapper = Mapping.mapperOf(entityClass);
        return new EntitySelect<>(mapper, Sql.select(mapper.table()), List.of());
    }

    /** The entity's mapper. */
    public Mapper<T> mapper() {
        return mapper;
    }

    /**
     * Adds loader options: which relationships to load with the objects, and how.
     *
     * <pre>{@code
     * select(User.class).options(selectinload(User_.POSTS).selectinload(Post_.TAGS), joinedload(User_.PROFILE))
     * }</pre>
     *
     * @throws InvalidRequestException when a path does not start from this statement's class
     */
    @SafeVarargs
    public final EntitySelect<T> options(LoadOption<T, ?>... more) {
        List<LoadOption<T, ?>> all = new ArrayList<>(options);
        for (LoadOption<T, ?> option : more) {
            if (option.root() != mapper.entityClass()) {
                throw new InvalidRequestException("The loader option " + option + " starts from " + option.root().getSimpleName()
                        + ", but this query selects " + mapper.entityClass().getSimpleName());
            }
            all.add(option);
        }
        return new EntitySelect<>(mapper, select, List.copyOf(all));
    }

    /** The loader options, in the order given. */
    public List<LoadOption<T, ?>> loadOptions() {
        return options;
    }

    /** The core statement (the entity's columns first, in mapping order). */
    public Select toSelect() {
        return select;
    }

    /** Adds conditions, joined with AND. */
    @SafeVarargs
    public final EntitySelect<T> where(Expression<Boolean>... conditions) {
        return with(select.where(conditions));
    }

    /** {@code JOIN target ON condition} (the joined table's columns are not selected). */
    public EntitySelect<T> join(FromClause target, Expression<Boolean> on) {
        return with(select.join(target, on));
    }

    /** {@code JOIN} the table of another mapped class. */
    public EntitySelect<T> join(Class<?> entityClass, Expression<Boolean> on) {
        return join(Mapping.mapperOf(entityClass).table(), on);
    }

    /**
     * {@code JOIN} along a relationship (SQLAlchemy's {@code select(Post).join(Post.tags)}): the
     * target's table on the relationship's keys, through the association table for a
     * many-to-many. The relationship's owner must already be in the statement (the selected class,
     * or a class joined before). The joined columns are not selected; use them in conditions:
     * {@code select(Post.class).join(Post_.TAGS).where(Tag_.NAME.eq("python"))}.
     */
    public EntitySelect<T> join(Relation<?, ?> relation) {
        return joinAlong(relation, false);
    }

    /** {@code LEFT OUTER JOIN} along a relationship (see {@link #join(Relation)}). */
    public EntitySelect<T> leftJoin(Relation<?, ?> relation) {
        return joinAlong(relation, true);
    }

    private EntitySelect<T> joinAlong(Relation<?, ?> relation, boolean outer) {
        Joins.On on = Joins.of(relation);
        Select joined = select;
        if (on.secondary() != null) {
            Table secondary = relation.secondary().orElseThrow();
            joined = outer ? joined.leftJoin(secondary, on.secondary()) : joined.join(secondary, on.secondary());
        }
        Table target = relation.target().table();
        return with(outer ? joined.leftJoin(target, on.target()) : joined.join(target, on.target()));
    }

    /** {@code LEFT OUTER JOIN target ON condition}. */
    public EntitySelect<T> leftJoin(FromClause target, Expression<Boolean> on) {
        return with(select.leftJoin(target, on));
    }

    /** {@code ORDER BY}: columns, expressions or {@code column.desc()}. */
    public EntitySelect<T> orderBy(Object... items) {
        return with(select.orderBy(items));
    }

    /** {@code LIMIT}. */
    public EntitySelect<T> limit(int rows) {
        return with(select.limit(rows));
    }

    /** {@code OFFSET}. */
    public EntitySelect<T> offset(int rows) {
        return with(select.offset(rows));
    }

    /** {@code SELECT DISTINCT}. */
    public EntitySelect<T> distinct() {
        return with(select.distinct());
    }

    /** {@code FOR UPDATE} (or another lock mode). */
    public EntitySelect<T> forUpdate(LockMode mode) {
        return with(select.forUpdate(mode));
    }

    @Override
    public String toString() {
        return "EntitySelect[" + mapper.entityClass().getSimpleName() + "]";
    }
}
