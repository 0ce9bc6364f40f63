package dev.retort.orm.internal;

import dev.retort.core.engine.Connection;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.exception.NoResultFoundException;
import dev.retort.core.result.Result;
import dev.retort.core.sql.Executable;
import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.loading.LoadOption;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Cascade;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.query.EntityDelete;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.query.EntityUpdate;
import dev.retort.orm.session.EntityResult;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionOptions;
import dev.retort.orm.session.StaleDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The session: its members (pending, persistent, deleted objects with their {@link InstanceState}),
 * the identity map, and the guard that lets one IO operation run at a time. Loading, flushing and
 * bulk synchronisation live in {@link Loader}, {@link Flusher} and {@link BulkSynchronizer}.
 */
final class DefaultSession implements Session {

    final Connection connection;
    final SessionOptions options;
    // Synchronized: a selectin stream registers the next page's objects on the connection's thread
    // while its subscriber may expunge processed ones on another (SelectinStreamingTest); each
    // put/get/remove is atomic. Iterations (flush) still need the session used by one caller at a time.
    final Map<IdentityKey, Object> identityMap = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<Object, InstanceState> members = Collections.synchronizedMap(new IdentityHashMap<>());
    final Loader loader = new Loader(this);
    final RelationLoader relations = new RelationLoader(this);
    final RelationSync sync = new RelationSync(this);
    private final Flusher flusher = new Flusher(this);
    private final BulkSynchronizer bulk = new BulkSynchronizer(this);
    private final OperationGuard guard = new OperationGuard(this);
    private long sequence;
    private volatile boolean closed;
    /** The error of a failed flush; set until {@link #rollback()}. */
    @Nullable Throwable failure;
    boolean flushing;
    /** Set once an object of a class with relationships joined the session: the flush's relationship passes run from then on. */
    boolean relational;
    /**
     * Set when something the flush's relationship passes read may have changed since the last flush:
     * an object added or deleted, a holder of a member changed. Without it an autoflush skips those
     * passes (they walk every object's relationships).
     */
    boolean relationsChanged;

    DefaultSession(Connection connection, DefaultSessionFactory factory) {
        this.connection = connection;
        this.options = factory.options();
    }

    boolean isClosed() {
        return closed;
    }

    // ---- adding, deleting (no IO) ---------------------------------------------------------------

    @Override
    public <T> T add(T entity) {
        Objects.requireNonNull(entity, "entity");
        checkMutable("add");
        addOne(entity);
        sync.cascadeAdd(entity);
        return entity;
    }

    /** {@link #add} of one object, without the cascade (also what the cascade calls). */
    <T> T addOne(T entity) {
        Mapper<?> mapper = Mapping.mapperOf(entity.getClass());
        relational |= !mapper.relations().isEmpty();
        relationsChanged = true;
        InstanceState state = InstanceStates.get(entity);
        if (state != null && state.session == this && members.containsKey(entity)) {
            return entity;
        }
        if (state != null && state.session != null && !state.session.isClosed()) {
            throw new InvalidRequestException(describe(entity) + " belongs to another open session; expunge it there, or merge() it here");
        }
        if (state != null && state.status == Status.DELETED) {
            throw new InvalidRequestException(describe(entity) + " was deleted; its row is gone. Add a new object"
                    + " (or merge() a copy) to insert it again");
        }
        if (state != null && state.key != null && state.status != Status.PENDING) {
            if (identityMap.containsKey(state.key)) {
                throw new InvalidRequestException("This session already holds an instance of " + state.key
                        + "; use merge() to copy a detached object's state onto it");
            }
            state.session = this;
            state.status = Status.PERSISTENT;
            state.markedForDeletion = false;
            members.put(entity, state);
            identityMap.put(state.key, entity);
            return entity;
        }
        InstanceState pending = new InstanceState(mapper, this, Status.PENDING, sequence++);
        InstanceStates.put(entity, pending);
        members.put(entity, pending);
        return entity;
    }

    @Override
    public void addAll(Collection<?> entities) {
        entities.forEach(this::add);
    }

    @Override
    public void delete(Object entity) {
        checkMutable("delete");
        InstanceState state = member(entity, "delete");
        switch (state.status) {
            case PENDING -> expunge(entity);
            case PERSISTENT -> {
                state.markedForDeletion = true;
                relationsChanged = true;
                sync.cascadeDelete(entity);
            }
            case DELETED -> { }
        }
    }

    @Override
    public void expunge(Object entity) {
        checkMutable("expunge");
        member(entity, "expunge");
        expungeOne(entity);
    }

    /** {@link #expunge} without the checks (the flush drops pending orphans with it). */
    void expungeOne(Object entity) {
        InstanceState state = members.remove(entity);
        if (state.key != null) {
            identityMap.remove(state.key, entity);
        }
        state.session = null;
        if (state.status == Status.PENDING) {
            InstanceStates.remove(entity);
        }
    }

    @Override
    public void expire(Object entity) {
        checkMutable("expire");
        InstanceState state = member(entity, "expire");
        if (state.status != Status.PERSISTENT) {
            throw new InvalidRequestException("Only persistent objects can be expired; " + describe(entity) + " is "
                    + InstanceStates.state(entity));
        }
        clear(entity, state);
    }

    @Override
    public void expireAll() {
        checkMutable("expireAll");
        members.forEach((entity, state) -> {
            if (state.status == Status.PERSISTENT) {
                clear(entity, state);
            }
        });
    }

    /** Clears the non-key fields and records the cleared values as the snapshot, so fields set later count as changes. */
    private static void clear(Object entity, InstanceState state) {
        for (Attribute attribute : state.mapper.attributes()) {
            if (!attribute.isId()) {
                attribute.set(entity, null);
            }
        }
        state.takeSnapshot(entity);
        state.expired = true;
        Loader.unloadRelations(state.mapper, entity);
    }

    // ---- reading ----------------------------------------------------------------------------------

    @Override
    public <T> Mono<T> get(Class<T> type, Object... id) {
        return guard.mono("get", () -> {
            Mapper<T> mapper = Mapping.mapperOf(type);
            IdentityKey key = keyOf(mapper, id);
            Object found = identityMap.get(key);
            if (found != null) {
                InstanceState state = members.get(found);
                if (state.markedForDeletion) {
                    return Mono.empty();
                }
                if (!state.expired) {
                    return Mono.just(type.cast(found));
                }
            }
            return autoflush().then(loader.load(mapper, key));
        });
    }

    @Override
    public <T> Mono<T> getOne(Class<T> type, Object... id) {
        return get(type, id).switchIfEmpty(Mono.error(() -> new NoResultFoundException(
                "No " + type.getSimpleName() + " with primary key " + Arrays.toString(id))));
    }

    @Override
    public <T> EntityResult<T> execute(EntitySelect<T> select) {
        return new DefaultEntityResult<>(this, select);
    }

    @Override
    public <T> Flux<T> scalars(EntitySelect<T> select) {
        return execute(select).scalars();
    }

    @Override
    public Mono<Long> execute(EntityUpdate<?> update) {
        return guard.mono("bulk update", () -> autoflush().then(Mono.defer(() -> bulk.update(update))));
    }

    @Override
    public Mono<Long> execute(EntityDelete<?> delete) {
        return guard.mono("bulk delete", () -> autoflush().then(Mono.defer(() -> bulk.delete(delete))));
    }

    @Override
    public Result execute(Executable statement) {
        Objects.requireNonNull(statement, "statement");
        return new SessionResult(this, statement);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Mono<T> merge(T entity) {
        Objects.requireNonNull(entity, "entity");
        return guard.mono("merge", () -> mergeOne(entity, new IdentityHashMap<>(), true));
    }

    /**
     * Merges one object (see {@link Session#merge}) and, through relationships with MERGE cascade
     * whose holders are loaded on the given object, the objects they hold; {@code merged} maps each
     * given object to its session instance so cycles (both sides of a relationship) end.
     */
    @SuppressWarnings("unchecked")
    private <T> Mono<T> mergeOne(T entity, Map<Object, Object> merged, boolean flushFirst) {
        Object done = merged.get(entity);
        if (done != null) {
            return Mono.just((T) done);
        }
        if (members.containsKey(entity)) {
            merged.put(entity, entity);
            return Mono.just(entity);
        }
        Mapper<T> mapper = (Mapper<T>) Mapping.mapperOf(entity.getClass());
        IdentityKey key = IdentityKey.ofEntity(mapper, entity);
        Mono<T> target;
        if (key == null) {
            target = Mono.fromSupplier(() -> addOne(copy(mapper, entity, mapper.newInstance())));
        } else {
            Object loaded = identityMap.get(key);
            Mono<T> found = loaded != null && !members.get(loaded).expired
                    ? Mono.just((T) loaded)
                    : (flushFirst ? autoflush() : Mono.<Void>empty()).then(loader.load(mapper, key));
            target = found.map(existing -> copy(mapper, entity, requireSameVersion(mapper, entity, existing)))
                    .switchIfEmpty(Mono.fromSupplier(() -> addOne(copy(mapper, entity, mapper.newInstance()))));
        }
        return target.flatMap(instance -> {
            merged.put(entity, instance);
            return mergeRelations(mapper, entity, instance, merged).thenReturn(instance);
        });
    }

    private Mono<Void> mergeRelations(Mapper<?> mapper, Object source, Object target, Map<Object, Object> merged) {
        return Flux.fromIterable(mapper.relations())
                .filter(relation -> relation.cascades(Cascade.MERGE) && !relation.isWriteOnly() && Holder.of(relation, source).loaded)
                .concatMap(relation -> Flux.fromIterable(new ArrayList<>(RelationSync.contents(Holder.of(relation, source))))
                        .concatMap(item -> mergeOne(item, merged, false))
                        .collectList()
                        .flatMap(items -> {
                            Holder holder = Holder.of(relation, target);
                            Mono<Void> ready = holder.loaded ? Mono.empty()
                                    : relations.levels(List.of(new LoadPlan.Node(relation, Loading.SELECTIN)), List.of(target), false);
                            return ready.then(Mono.fromRunnable(() -> replace(Holder.of(relation, target), items)));
                        }))
                .then();
    }

    /** Makes a loaded holder hold {@code items} through its public operations, so back-populates and change tracking apply. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void replace(Holder holder, List<Object> items) {
        if (holder instanceof ToOneHolder toOne) {
            toOne.set(items.isEmpty() ? null : items.get(0));
            return;
        }
        List<Object> list = (List<Object>) ((ToManyHolder.Side) holder).list;
        for (Object existing : new ArrayList<>(list)) {
            if (items.stream().noneMatch(item -> item == existing)) {
                list.remove(existing);
            }
        }
        for (Object item : items) {
            list.add(item);
        }
    }

    /** A merged object that carries a version must carry the one the session has (else it is stale). */
    private static <T> T requireSameVersion(Mapper<T> mapper, T merged, T target) {
        mapper.version().ifPresent(version -> {
            Object given = version.get(merged);
            Object current = version.get(target);
            if (!version.isUnset(given) && !Objects.equals(version.coerce(given), version.coerce(current))) {
                throw new StaleDataException("Cannot merge " + describe(target) + " at version " + given
                        + ": the row is at version " + current + " (another transaction changed it)");
            }
        });
        return target;
    }

    private static <T> T copy(Mapper<T> mapper, T from, T to) {
        for (Attribute attribute : mapper.attributes()) {
            attribute.set(to, attribute.get(from));
        }
        return to;
    }

    @Override
    public <T> Mono<T> refresh(T entity) {
        Objects.requireNonNull(entity, "entity");
        return guard.mono("refresh", () -> {
            InstanceState state = member(entity, "refresh");
            if (state.status != Status.PERSISTENT || state.key == null) {
                throw new InvalidRequestException("Only persistent objects can be refreshed; " + describe(entity) + " is "
                        + InstanceStates.state(entity));
            }
            return loader.reload(state, entity).thenReturn(entity);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Mono<T> refresh(T entity, String... attributes) {
        Objects.requireNonNull(entity, "entity");
        return guard.mono("refresh", () -> {
            InstanceState state = persistentMember(entity, "refresh");
            Mapper<T> mapper = (Mapper<T>) state.mapper;
            List<Attribute> columns = new ArrayList<>();
            List<LoadPlan.Node> nodes = new ArrayList<>();
            for (String name : attributes) {
                Relation<T, ?> relation = mapper.relations().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
                if (relation != null) {
                    if (relation.isWriteOnly()) {
                        throw new InvalidRequestException(relation + " is write-only; it never loads");
                    }
                    nodes.add(new LoadPlan.Node(relation, Loading.SELECTIN));
                } else {
                    columns.add(mapper.attribute(name));
                }
            }
            return loader.readBack(mapper, List.of(entity), columns)
                    .then(relations.levels(nodes, List.of(entity), true))
                    .thenReturn(entity);
        });
    }

    @Override
    public <T> Mono<T> load(T entity, Relation<T, ?> relation) {
        Objects.requireNonNull(relation, "relation");
        return load(entity, "load", relation, LoadPlan.of(relation));
    }

    @Override
    public <T> Mono<T> load(T entity, LoadOption<T, ?> path) {
        Objects.requireNonNull(path, "path");
        return load(entity, "load", path.steps().get(0).relation(), LoadPlan.of(path));
    }

    private <T> Mono<T> load(T entity, String operation, Relation<?, ?> first, List<LoadPlan.Node> plan) {
        Objects.requireNonNull(entity, "entity");
        return guard.mono(operation, () -> {
            persistentMember(entity, operation);
            if (first.owner().entityClass() != entity.getClass()) {
                throw new InvalidRequestException("Cannot load " + first + " of " + describe(entity) + ": it is a relationship of "
                        + first.owner().entityClass().getSimpleName());
            }
            if (first.isWriteOnly()) {
                throw new InvalidRequestException(first + " is write-only; query its contents with its select()");
            }
            return autoflush().then(Mono.defer(() -> relations.levels(plan, List.of(entity), false))).thenReturn(entity);
        });
    }

    private InstanceState persistentMember(Object entity, String operation) {
        InstanceState state = member(entity, operation);
        if (state.status != Status.PERSISTENT || state.key == null) {
            throw new InvalidRequestException("Only persistent objects can " + operation + "; " + describe(entity) + " is "
                    + InstanceStates.state(entity));
        }
        return state;
    }

    // ---- writing ----------------------------------------------------------------------------------

    @Override
    public Mono<Void> flush() {
        return guard.mono("flush", flusher::flush);
    }

    @Override
    public Mono<Void> commit() {
        return guard.mono("commit", this::commitNow);
    }

    private Mono<Void> commitNow() {
        return flusher.flush().then(connection.commit()).then(Mono.fromRunnable(this::afterCommit));
    }

    private void afterCommit() {
        List<Object> gone = new ArrayList<>();
        members.forEach((entity, state) -> {
            state.insertedInTransaction = false;
            state.deletedInTransaction = false;
            if (state.status == Status.DELETED) {
                gone.add(entity);
            }
        });
        for (Object entity : gone) {
            members.remove(entity).session = null;
        }
        if (options.expireOnCommit()) {
            members.forEach((entity, state) -> {
                if (state.status == Status.PERSISTENT) {
                    clear(entity, state);
                }
            });
        }
    }

    @Override
    public Mono<Void> rollback() {
        return guard.mono("rollback", () -> connection.rollback().then(Mono.fromRunnable(this::afterRollback)));
    }

    private void afterRollback() {
        failure = null;
        relationsChanged = true;
        revertUncommitted();
        members.forEach((entity, state) -> clear(entity, state));
    }

    /**
     * After the transaction was rolled back: objects inserted or added since the last commit become
     * transient (generated keys cleared), objects deleted since then are persistent again.
     */
    private void revertUncommitted() {
        List<Object> toTransient = new ArrayList<>();
        members.forEach((entity, state) -> {
            if (state.status == Status.PENDING || state.insertedInTransaction) {
                toTransient.add(entity);
            }
        });
        for (Object entity : toTransient) {
            InstanceState state = members.remove(entity);
            if (state.key != null) {
                identityMap.remove(state.key, entity);
            }
            for (Attribute attribute : state.mapper.primaryKey()) {
                if (attribute.isGenerated()) {
                    attribute.set(entity, null);
                }
            }
            state.session = null;
            InstanceStates.remove(entity);
        }
        members.forEach((entity, state) -> {
            state.markedForDeletion = false;
            if (state.deletedInTransaction) {
                state.deletedInTransaction = false;
                state.status = Status.PERSISTENT;
                identityMap.put(state.key, entity);
            }
        });
    }

    @Override
    public Mono<Void> close() {
        return guard.mono("close", this::closeNow);
    }

    private Mono<Void> closeNow() {
        return (connection.inTransaction() ? connection.rollback() : Mono.<Void>empty())
                .then(Mono.fromRunnable(this::detachAll));
    }

    /** What the factory runs when the work completed: commit if asked, then close. */
    Mono<Void> finish(boolean commit) {
        if (closed) {
            return Mono.empty();
        }
        return guard.mono(commit ? "commit" : "close", () -> commit ? commitNow().then(closeNow()) : closeNow());
    }

    /**
     * What the factory runs when the work failed: roll back, ignoring a second error, and close.
     * When the failed work was a transaction ({@code inTransaction}) or a flush failed, objects whose
     * INSERT or DELETE the rollback undid are reverted first as by {@link #rollback()} (inserted ones
     * become transient, deleted ones persistent again), so no detached object keeps the key of a row
     * that was never committed; otherwise objects are detached as by {@link #close()}.
     */
    Mono<Void> abandon(boolean transactional) {
        if (closed) {
            return Mono.empty();
        }
        boolean revert = transactional || failure != null;
        return connection.rollback().onErrorResume(ignored -> Mono.empty()).then(Mono.fromRunnable(() -> {
            if (revert) {
                revertUncommitted();
            }
            detachAll();
        }));
    }

    /** Closes the session without IO (cancel, or after the connection's rollback): every object leaves it. */
    void detachAll() {
        closed = true;
        members.forEach((entity, state) -> {
            state.session = null;
            if (state.status == Status.PENDING) {
                InstanceStates.remove(entity);
            } else if (state.status == Status.DELETED) {
                // its DELETE was never committed (a commit detaches deleted objects before this)
                state.status = Status.PERSISTENT;
            }
        });
        members.clear();
        identityMap.clear();
    }

    Mono<Void> autoflush() {
        return options.autoflush() ? flusher.flush() : Mono.empty();
    }

    // ---- looking at the session ----------------------------------------------------------------------

    @Override
    public List<Object> newObjects() {
        List<Map.Entry<Object, InstanceState>> pending = new ArrayList<>();
        members.entrySet().forEach(entry -> {
            if (entry.getValue().status == Status.PENDING) {
                pending.add(entry);
            }
        });
        pending.sort(Comparator.comparingLong(entry -> entry.getValue().order));
        return pending.stream().map(Map.Entry::getKey).toList();
    }

    @Override
    public List<Object> dirty() {
        List<Object> dirty = new ArrayList<>();
        members.forEach((entity, state) -> {
            if (state.status == Status.PERSISTENT && !state.markedForDeletion && state.modified(entity)) {
                dirty.add(entity);
            }
        });
        return dirty;
    }

    @Override
    public List<Object> deleted() {
        List<Object> deleted = new ArrayList<>();
        members.forEach((entity, state) -> {
            if (state.markedForDeletion) {
                deleted.add(entity);
            }
        });
        return deleted;
    }

    @Override
    public List<Object> identityMap() {
        return List.copyOf(identityMap.values());
    }

    @Override
    public boolean contains(Object entity) {
        return members.containsKey(entity);
    }

    @Override
    public boolean isModified(Object entity) {
        InstanceState state = members.get(entity);
        return state != null && (state.status == Status.PENDING || state.modified(entity));
    }

    @Override
    public boolean isExpired(Object entity) {
        InstanceState state = members.get(entity);
        return state != null && state.expired;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Runs {@code body} as one guarded operation (for the session's result types). */
    <T> Mono<T> guarded(String operation, Supplier<Mono<T>> body) {
        return guard.mono(operation, body);
    }

    <T> Flux<T> guardedMany(String operation, Supplier<Flux<T>> body) {
        return guard.flux(operation, body);
    }

    /** A persistent object whose row a flushed DELETE removed: DELETED until the commit, out of the identity map. */
    void rowDeleted(Object entity) {
        InstanceState state = members.get(entity);
        state.status = Status.DELETED;
        state.markedForDeletion = false;
        state.deletedInTransaction = true;
        identityMap.remove(state.key, entity);
    }

    /** Whether {@code entity} is marked for deletion here or its row was deleted by a flush. */
    boolean isDeletedOrMarked(Object entity) {
        InstanceState state = members.get(entity);
        return state != null && (state.markedForDeletion || state.status == Status.DELETED);
    }

    long nextOrder() {
        return sequence++;
    }

    private void checkMutable(String operation) {
        if (closed) {
            throw new InvalidRequestException("This session is closed; " + operation + "() needs an open session");
        }
        if (flushing) {
            throw new InvalidRequestException(operation + "() was called while the session is flushing");
        }
    }

    private InstanceState member(Object entity, String operation) {
        InstanceState state = members.get(Objects.requireNonNull(entity, "entity"));
        if (state == null) {
            throw new InvalidRequestException("Cannot " + operation + " " + describe(entity) + ": it is not in this session ("
                    + InstanceStates.state(entity) + ")");
        }
        return state;
    }

    private static IdentityKey keyOf(Mapper<?> mapper, Object[] id) {
        if (id.length != mapper.primaryKey().size()) {
            throw new InvalidRequestException(mapper.entityClass().getSimpleName() + " has a primary key of "
                    + mapper.primaryKey().size() + " column(s) " + mapper.primaryKey().stream().map(Attribute::name).toList()
                    + "; got " + id.length + " value(s)");
        }
        IdentityKey key = IdentityKey.of(mapper, id);
        if (key == null) {
            throw new InvalidRequestException("A primary key value of " + mapper.entityClass().getSimpleName() + " is null");
        }
        return key;
    }

    static String describe(Object entity) {
        InstanceState state = InstanceStates.get(entity);
        return state != null && state.key != null ? state.key.toString()
                : entity.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(entity));
    }
}
