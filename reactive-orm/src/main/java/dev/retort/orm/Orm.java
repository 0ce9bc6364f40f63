package dev.retort.orm;

import dev.retort.orm.loading.LoadOption;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.query.EntityDelete;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.query.EntityUpdate;

/**
 * Static entry points for ORM statements, meant for {@code import static dev.retort.orm.Orm.*}
 * next to {@code dev.retort.core.sql.Sql.*} ({@code select(User.class)} picks this class's
 * overload, {@code select(USERS.id)} core's). Building statements does no IO.
 *
 * <pre>{@code
 * sessions.inTransaction(s -> s.scalars(select(User.class).where(User_.NAME.like("A%"))).collectList());
 * sessions.inTransaction(s -> s.scalars(select(User.class).options(selectinload(User_.POSTS))).collectList());
 * sessions.inTransaction(s -> s.execute(update(User.class).where(User_.ID.gt(10)).set(User_.ACTIVE, false)));
 * }</pre>
 */
public final class Orm {

    private Orm() {
    }

    /** {@code SELECT} of whole {@code entityClass} objects. */
    public static <T> EntitySelect<T> select(Class<T> entityClass) {
        return EntitySelect.of(entityClass);
    }

    /** Bulk {@code UPDATE} of {@code entityClass}'s table. */
    public static <T> EntityUpdate<T> update(Class<T> entityClass) {
        return EntityUpdate.of(entityClass);
    }

    /**
     * Loads {@code relation} for the query's objects with one {@code IN} query per 500 of them
     * (after the main query). Chain {@code .selectinload(…)} for the next level.
     */
    public static <O, T> LoadOption<O, T> selectinload(Relation<O, T> relation) {
        return LoadOption.of(relation, Loading.SELECTIN);
    }

    /** Loads {@code relation} in the query's own statement with a {@code LEFT OUTER JOIN}. */
    public static <O, T> LoadOption<O, T> joinedload(Relation<O, T> relation) {
        return LoadOption.of(relation, Loading.JOINED);
    }

    /** Leaves {@code relation} unloaded (reading it raises), overriding an eager default. */
    public static <O, T> LoadOption<O, T> raiseload(Relation<O, T> relation) {
        return LoadOption.of(relation, Loading.RAISE);
    }

    /** Bulk {@code DELETE} from {@code entityClass}'s table. */
    public static <T> EntityDelete<T> delete(Class<T> entityClass) {
        return EntityDelete.of(entityClass);
    }
}
