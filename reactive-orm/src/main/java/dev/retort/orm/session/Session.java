package dev.retort.orm.session;

import dev.retort.core.result.Result;
import dev.retort.core.sql.Executable;
import dev.retort.orm.internal.InstanceStates;
import dev.retort.orm.loading.LoadOption;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.query.EntityDelete;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.query.EntityUpdate;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A unit of work over one connection, lent to the function given to {@link SessionFactory}:
 * an identity map (one instance per primary key), the objects added, changed and marked deleted,
 * and the transaction they are written in. Methods returning a {@code Mono}/{@code Flux} do their
 * IO on subscription; the others act at once and never do IO.
 *
 * <p><b>One operation at a time.</b> A session is not thread-safe and runs one IO operation at a
 * time: subscribing to a second while one is running (say, {@code get} inside a {@code flatMap}
 * over {@code scalars}) fails at once with an {@code InvalidRequestException} naming both. Chain
 * operations ({@code then}, {@code flatMap} over a collected list, {@code concatMap}) instead.
 *
 * <p><b>Cancel</b> of an operation stops it; the connection's state is kept consistent by the
 * engine (see {@code Connection}), and a flush cancelled part-way leaves the session needing
 * {@link #rollback()} like a failed one.
 *
 * <p><b>Relationships</b> never load on access: a query loads them when asked
 * ({@code select(User.class).options(selectinload(User_.POSTS))}) or by their default
 * ({@code @Relationship(loading = …)}), and {@link #load} loads them later; reading one that is not
 * loaded raises {@code NotLoadedException}.
 *
 * <p><b>Reading attributes</b> is plain Java field access. Retort cannot intercept it, so an
 * {@linkplain #expire expired} attribute reads as {@code null} (or zero) until {@link #refresh} or a
 * query loads the object again; {@link #isExpired} tells.
 */
public interface Session {

    /** The state of any object: also works for objects of closed sessions and objects never seen. */
    static ObjectState state(Object entity) {
        return InstanceStates.state(entity);
    }

    // ---- adding, deleting (no IO) -----------------------------------------------------------------

    /**
     * Makes a transient object pending (its INSERT runs at the next flush), or adopts a detached
     * object into this session (its identity must not be loaded already). Adding an object already
     * in this session does nothing.
     *
     * @return the same object
     * @throws dev.retort.core.exception.InvalidRequestException when the object belongs to another
     *     open session, its class is not mapped, or the identity is already loaded here
     */
    <T> T add(T entity);

    /** {@link #add} for each object in order. */
    void addAll(Collection<?> entities);

    /**
     * Marks a persistent object for deletion at the next flush, or drops a pending one (it becomes
     * transient again).
     *
     * @throws dev.retort.core.exception.InvalidRequestException when the object is not in this session
     */
    void delete(Object entity);

    /** Removes an object from the session without any SQL: persistent ones become detached, pending ones transient. */
    void expunge(Object entity);

    /**
     * Expires a persistent object: its non-key fields are cleared, its relationships become
     * unloaded (unflushed changes to them are dropped), and it counts as needing a reload
     * ({@link #refresh} or any query that returns it). Fields set after expiry are written by the
     * next flush.
     */
    void expire(Object entity);

    /** {@link #expire} for every persistent object. */
    void expireAll();

    // ---- reading -----------------------------------------------------------------------------------

    /**
     * The object of {@code type} with this primary key (values in {@code @Id} order): from the
     * identity map without IO when loaded (and not expired), else a {@code SELECT} (after an
     * autoflush). Empty when no row has that key.
     */
    <T> Mono<T> get(Class<T> type, Object... id);

    /** {@link #get}, failing with {@code NoResultFoundException} when there is no such row. */
    <T> Mono<T> getOne(Class<T> type, Object... id);

    /** Runs an entity query; see {@link EntityResult}. */
    <T> EntityResult<T> execute(EntitySelect<T> select);

    /** The entities of a query, in row order ({@code execute(select).scalars()}). */
    <T> Flux<T> scalars(EntitySelect<T> select);

    /**
     * Runs a bulk UPDATE (after an autoflush) and synchronises loaded objects as the statement
     * asks. Emits the number of matched rows.
     */
    Mono<Long> execute(EntityUpdate<?> update);

    /** Runs a bulk DELETE (after an autoflush), synchronising loaded objects. Emits the number of deleted rows. */
    Mono<Long> execute(EntityDelete<?> delete);

    /** Runs a core statement on the session's connection and transaction (after an autoflush). */
    Result execute(Executable statement);

    /**
     * Copies the state of a detached or transient object onto this session's instance of the same
     * identity (loading it if needed), or onto a new pending instance when there is no such row.
     * The given object is left as it is.
     *
     * @return the session's instance
     */
    <T> Mono<T> merge(T entity);

    /**
     * Reloads every column attribute of a persistent object from its row, discarding unflushed
     * changes; relationships keep what they hold (name them in {@link #refresh(Object, String...)}
     * to reload them).
     *
     * @throws dev.retort.core.exception.InvalidRequestException (as the Mono's error) when the
     *     object is not persistent in this session or its row is gone
     */
    <T> Mono<T> refresh(T entity);

    /**
     * Reloads only the named attributes of a persistent object: column fields from its row (other
     * unflushed changes are kept), relationship fields by loading them again (replacing what they
     * held). {@code session.refresh(user, "name", "posts")}.
     *
     * @throws dev.retort.orm.mapping.MappingException (as the Mono's error) when a name is not a
     *     mapped field or relationship of the object's class
     */
    <T> Mono<T> refresh(T entity, String... attributes);

    /**
     * Loads a relationship of a persistent object (after an autoflush) unless it is loaded already:
     * {@code session.load(user, User_.POSTS)}. One statement.
     *
     * @return the same object, once loaded
     */
    <T> Mono<T> load(T entity, Relation<T, ?> relation);

    /**
     * Loads a path of relationships from a persistent object, level by level, skipping what is
     * loaded: {@code session.load(user, selectinload(User_.POSTS).selectinload(Post_.TAGS))}.
     *
     * @return the same object, once loaded
     */
    <T> Mono<T> load(T entity, LoadOption<T, ?> path);

    // ---- writing ------------------------------------------------------------------------------------

    /**
     * Writes pending changes in one go: first the relationships' cascades (objects reachable through
     * loaded relationships are added; children of deleted objects are deleted with DELETE cascade,
     * loading those not loaded; orphans are deleted with DELETE_ORPHAN), then INSERTs parents before
     * children (foreign-key order; keys copied into foreign-key fields from the relationships), one
     * multi-row INSERT per table and column set, generated keys and server defaults written back;
     * UPDATEs of changed columns only, checking {@code @Version}; many-to-many association rows;
     * DELETEs children first. An unloaded relationship changes nothing. Completes without IO when
     * nothing changed. On failure the transaction is rolled back and the session
     * refuses further work until {@link #rollback()}.
     */
    Mono<Void> flush();

    /** Flushes, then commits; deleted objects become detached. */
    Mono<Void> commit();

    /**
     * Rolls the transaction back: objects inserted or added since the last commit become transient
     * (generated keys cleared), objects deleted come back as persistent, and every persistent object
     * is expired (its fields may hold values the database no longer has; its relationships become
     * unloaded).
     */
    Mono<Void> rollback();

    /** Rolls back what is uncommitted and detaches every object; the session cannot be used afterwards. */
    Mono<Void> close();

    // ---- looking at the session (no IO) -------------------------------------------------------

    /** Pending objects, in the order they were added. */
    List<Object> newObjects();

    /** Persistent objects whose mapped fields differ from what was loaded or last flushed. */
    List<Object> dirty();

    /** Objects marked for deletion and not yet flushed. */
    List<Object> deleted();

    /** Every object in the identity map. */
    List<Object> identityMap();

    /** Whether the object is pending, persistent or marked deleted in this session. */
    boolean contains(Object entity);

    /** Whether a pending object, or a persistent one with changed fields. */
    boolean isModified(Object entity);

    /** Whether the object is expired here (cleared, awaiting a reload). */
    boolean isExpired(Object entity);
}
