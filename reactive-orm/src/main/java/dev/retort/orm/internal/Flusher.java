package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.Update;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.session.StaleDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The unit of work's flush. First the relationships' cascades (save-update and delete-orphan over
 * loaded holders; delete, loading the children of deleted objects that are not loaded). Per table
 * in foreign-key order: foreign keys copied from the holders, INSERTs as one executemany per
 * column set (the engine rewrites it into multi-row INSERTs, keys via RETURNING on MariaDB; objects
 * referring to objects of the same table in levels), generated keys and server defaults written
 * back; then UPDATEs of changed columns only, with the version check. Then association rows of
 * many-to-many changes, then DELETEs in reverse table order, each table's after the association rows
 * of deleted objects that refer to its rows. A failure rolls the transaction back and leaves the
 * session refusing work until {@code rollback()}; so does a cancel part-way.
 */
final class Flusher {

    private final DefaultSession session;
    private final RelationSync sync;
    private final LinkWriter links;
    private final ForeignKeys keys;

    Flusher(DefaultSession session) {
        this.session = session;
        this.sync = session.sync;
        this.keys = new ForeignKeys(session);
        this.links = new LinkWriter(session);
    }

    Mono<Void> flush() {
        return Mono.defer(() -> {
            if (session.members.isEmpty()) {
                return Mono.empty();
            }
            session.flushing = true;
            if (!session.relational || !session.relationsChanged) {
                return guarded(write(false));
            }
            try {
                sync.cascadeAll();
                sync.checkUnsaved();
            } catch (RuntimeException e) {
                // nothing was sent: the session stays usable, as after any error found before the first statement
                session.flushing = false;
                return Mono.error(e);
            }
            return guarded(replacedOneToOnes()
                    .then(Mono.fromRunnable(sync::orphans))
                    .then(Mono.defer(() -> cascadeDeletes(new IdentityHashMap<>())))
                    .then(Mono.defer(() -> write(true))));
        });
    }

    /** The flush's statements, ending the flushing state and leaving the session failed on error or cancel. */
    private Mono<Void> guarded(Mono<Void> work) {
        return work.doOnSuccess(done -> session.flushing = false)
                .doOnCancel(() -> {
                    session.flushing = false;
                    session.failure = new CancellationException("a flush was cancelled part-way");
                })
                .onErrorResume(this::failed);
    }

    /**
     * Reads, one statement per {@code batchSize} owners, what the one-to-ones assigned while unloaded
     * held in the database, so the previous objects are unlinked, or deleted as orphans.
     */
    private Mono<Void> replacedOneToOnes() {
        return Mono.defer(() -> Flux.fromIterable(sync.unknownPrevious().entrySet())
                .concatMap(entry -> session.relations.findStored(entry.getKey(), entry.getValue())
                        .doOnNext(found -> found.forEach((owner, stored) -> sync.replacedInDatabase(entry.getKey(), owner, stored))))
                .then());
    }

    /**
     * Loads the children that a DELETE cascade must delete where the holders of the deleted objects
     * are not loaded (write-only collections always), one statement per {@code batchSize} parents,
     * marks them deleted, and repeats for their own cascades.
     */
    private Mono<Void> cascadeDeletes(Map<Object, Set<Relation<?, ?>>> done) {
        return Mono.defer(() -> {
            Map<Relation<?, ?>, List<Object>> unloaded = sync.unloadedDeleteCascades(done);
            if (unloaded.isEmpty()) {
                return Mono.empty();
            }
            return Flux.fromIterable(unloaded.entrySet())
                    .concatMap(entry -> session.relations.find(entry.getKey(), entry.getValue()).doOnNext(found -> {
                        Relation<?, ?> relation = entry.getKey();
                        entry.getValue().forEach(parent -> done.computeIfAbsent(parent, p -> new HashSet<>()).add(relation));
                        Set<Object> heldElsewhere = sync.heldByLiveOwners(relation);
                        found.forEach((parent, children) -> children.forEach(child -> {
                            // the rows say child belongs to parent; the session may have moved or unlinked it since
                            if (sync.stillChildOf(relation, parent, child, heldElsewhere) && sync.markDeleted(child)) {
                                sync.cascadeDelete(child);
                            }
                        }));
                    }))
                    .then(Mono.defer(() -> cascadeDeletes(done)));
        });
    }

    /** The statements; {@code relational}: with the relationship passes (key copying, association rows). */
    private Mono<Void> write(boolean relational) {
        if (relational) {
            keys.copy();
        }
        FlushPlan plan = FlushPlan.of(session);
        if (plan.isEmpty() && !(relational && sync.hasLinkChanges())) {
            if (relational) {
                sync.flushed();
            }
            return Mono.empty();
        }
        List<Mono<Void>> steps = new ArrayList<>();
        for (Mapper<?> mapper : plan.order) {
            List<Object> inserts = plan.inserts.get(mapper);
            if (inserts != null) {
                steps.add(Flux.fromIterable(relational ? InsertLevels.of(mapper, inserts) : List.of(inserts))
                        .concatMap(level -> Mono.defer(() -> {
                            if (relational) {
                                keys.copy();
                            }
                            return insert(mapper, level);
                        }))
                        .then());
            }
            steps.add(Mono.defer(() -> {
                if (relational && !plan.inserts.isEmpty()) {
                    keys.copy();
                }
                return Flux.fromIterable(plan.dirty(session, mapper))
                        .concatMap(entity -> readExpiredVersion(mapper, entity, "UPDATE").then(Mono.defer(() -> update(mapper, entity))))
                        .then();
            }));
        }
        if (relational) {
            steps.add(Mono.defer(() -> links.write(sync.linkChanges())));
        }
        Map<Mapper<?>, List<Mono<Void>>> purges = purges(plan);
        for (int i = plan.order.size() - 1; i >= 0; i--) {
            Mapper<?> mapper = plan.order.get(i);
            List<Object> deletes = plan.deletes.get(mapper);
            if (deletes != null) {
                steps.add(Flux.concat(purges.getOrDefault(mapper, List.of()))
                        .thenMany(Flux.defer(() -> Flux.fromIterable(deleteLevels(mapper, deletes))))
                        .concatMap(level -> delete(mapper, level))
                        .then());
            }
        }
        if (relational) {
            steps.add(Mono.fromRunnable(sync::flushed));
        }
        return Flux.concat(steps).then();
    }

    /**
     * The DELETEs of the association rows of deleted objects, by the mapper whose DELETE they must
     * precede: the deleted objects' own, or their many-to-many target's where that comes first (in
     * reverse table order), since the rows refer to both and the association table may have no
     * {@code ON DELETE CASCADE}. Association objects of a mapped association table come before
     * both, so their own DELETEs (version checks) still find their rows.
     */
    private Map<Mapper<?>, List<Mono<Void>>> purges(FlushPlan plan) {
        Map<Mapper<?>, List<Mono<Void>>> purges = new HashMap<>();
        plan.deletes.forEach((mapper, deletes) -> {
            for (Relation<?, ?> relation : mapper.relations()) {
                if (relation.kind() == Relation.Kind.MANY_TO_MANY) {
                    Mapper<?> target = relation.target();
                    Mapper<?> before = plan.deletes.containsKey(target) && plan.order.indexOf(target) > plan.order.indexOf(mapper)
                            ? target : mapper;
                    purges.computeIfAbsent(before, m -> new ArrayList<>()).add(Mono.defer(() -> links.purge(relation, deletes)));
                }
            }
        });
        return purges;
    }

    private Mono<Void> failed(Throwable error) {
        session.flushing = false;
        session.failure = error;
        return session.connection.rollback()
                .onErrorResume(rollbackError -> {
                    error.addSuppressed(rollbackError);
                    return Mono.empty();
                })
                .then(Mono.error(error));
    }

    // ---- INSERT ------------------------------------------------------------------------------------

    /** One executemany per group of rows with the same columns (and, on MySQL, the same need for a generated key). */
    private Mono<Void> insert(Mapper<?> mapper, List<Object> entities) {
        Optional<Attribute> generated = mapper.primaryKey().stream().filter(Attribute::isGenerated).findFirst();
        Map<List<Object>, List<Object>> byColumns = new LinkedHashMap<>();
        Map<Object, Map<String, @Nullable Object>> rows = new IdentityHashMap<>();
        List<Attribute> readBack = new ArrayList<>();
        boolean returning = session.connection.dialect().supportsReturning();
        for (Object entity : entities) {
            boolean keyUnset = generated.isPresent() && generated.get().isUnset(generated.get().get(entity));
            Map<String, @Nullable Object> row = row(mapper, entity, readBack);
            rows.put(entity, row);
            // RETURNING reports every row's key, explicit or generated; without it (MySQL) a row
            // reports only a generated id, so rows with explicit keys go in statements of their own
            byColumns.computeIfAbsent(returning ? List.of(row.keySet()) : List.of(row.keySet(), keyUnset),
                    k -> new ArrayList<>()).add(entity);
        }
        return Flux.fromIterable(byColumns.values())
                .concatMap(group -> {
                    List<Map<String, @Nullable Object>> parameters = group.stream().map(rows::get).toList();
                    if (generated.isPresent()
                            && group.stream().anyMatch(entity -> generated.get().isUnset(generated.get().get(entity)))) {
                        Attribute key = generated.get();
                        return session.connection.execute(Sql.insert(mapper.table()), parameters)
                                .generatedKeys(key.column().name())
                                .collectList()
                                .doOnNext(keys -> assignKeys(mapper, key, group, keys));
                    }
                    return session.connection.execute(Sql.insert(mapper.table()), parameters).rowcount();
                })
                .then(Mono.fromRunnable(() -> entities.forEach(entity -> becomePersistent(mapper, entity))))
                .then(Mono.defer(() -> session.loader.readBack(mapper, entities, readBack)))
                .then(Mono.fromRunnable(() -> entities.forEach(entity -> session.members.get(entity).takeSnapshot(entity))));
    }

    /**
     * The INSERT's values by column name: client defaults and the first version are written into
     * the object first; an unset generated key is sent as NULL (the server then assigns one); a
     * {@code null} field with a server default is left out and noted for reading back.
     */
    private static Map<String, @Nullable Object> row(Mapper<?> mapper, Object entity, List<Attribute> readBack) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (Attribute attribute : mapper.attributes()) {
            Object value = attribute.get(entity);
            if (attribute.isVersion() && attribute.isUnset(value)) {
                attribute.set(entity, 1);
                value = attribute.get(entity);
            } else if (value == null && attribute.clientDefault().isPresent()) {
                attribute.set(entity, attribute.clientDefault().get().get());
                value = attribute.get(entity);
            }
            if (attribute.isGenerated() && attribute.isUnset(value)) {
                row.put(attribute.column().name(), null);
            } else if (value == null && attribute.hasServerDefault()) {
                if (!readBack.contains(attribute)) {
                    readBack.add(attribute);
                }
            } else {
                row.put(attribute.column().name(), value);
            }
        }
        return row;
    }

    private static void assignKeys(Mapper<?> mapper, Attribute key, List<Object> group, List<Long> keys) {
        if (keys.size() != group.size()) {
            throw new InvalidRequestException("INSERT INTO " + mapper.table().name() + " of " + group.size()
                    + " rows reported " + keys.size() + " generated keys");
        }
        for (int i = 0; i < group.size(); i++) {
            key.set(group.get(i), keys.get(i));
        }
    }

    private void becomePersistent(Mapper<?> mapper, Object entity) {
        InstanceState state = session.members.get(entity);
        IdentityKey key = IdentityKey.ofEntity(mapper, entity);
        if (key == null) {
            throw new InvalidRequestException("After its INSERT, " + entity.getClass().getSimpleName()
                    + " still has no primary key; set the @Id fields or mark the key @GeneratedValue");
        }
        state.key = key;
        state.status = Status.PERSISTENT;
        state.insertedInTransaction = true;
        session.identityMap.put(key, entity);
    }

    // ---- UPDATE ------------------------------------------------------------------------------------

    private Mono<Void> update(Mapper<?> mapper, Object entity) {
        InstanceState state = session.members.get(entity);
        List<Attribute> attributes = mapper.attributes();
        Map<Column<?>, @Nullable Object> values = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            Attribute attribute = attributes.get(i);
            if (attribute.isVersion() || !state.changed(entity, i)) {
                continue;
            }
            if (attribute.isId()) {
                return Mono.error(new InvalidRequestException("The primary key of persistent " + state.key + " was changed ("
                        + mapper.entityClass().getSimpleName() + "." + attribute.name() + "); Retort does not update keys,"
                        + " delete the object and add a new one"));
            }
            values.put(attribute.column(), attribute.get(entity));
        }
        if (values.isEmpty()) {
            state.takeSnapshot(entity);
            return Mono.empty();
        }
        List<Expression<Boolean>> where = new ArrayList<>();
        where.add(Keys.matching(mapper, state.key));
        Optional<Attribute> version = mapper.version();
        Object nextVersion = null;
        if (version.isPresent()) {
            Attribute counter = version.get();
            Object current = state.snapshot[attributes.indexOf(counter)];
            nextVersion = ((Number) current).longValue() + 1;
            values.put(counter.column(), nextVersion);
            where.add(Keys.equal(counter.column(), current));
        }
        Update statement = Sql.update(mapper.table()).values(values).where(Keys.and(where));
        Object newVersion = nextVersion;
        List<Attribute> onUpdate = attributes.stream().filter(Attribute::hasServerOnUpdate).toList();
        return session.connection.execute(statement).rowcount()
                .flatMap(matched -> {
                    if (matched != 1) {
                        return Mono.error(new StaleDataException("UPDATE of " + state.key + " in " + mapper.table().name()
                                + " expected to match 1 row, matched " + matched
                                + (version.isPresent() ? " (version " + state.snapshot[attributes.indexOf(version.get())]
                                        + "): another transaction changed or deleted it" : ": the row was deleted")));
                    }
                    version.ifPresent(counter -> counter.set(entity, newVersion));
                    return session.loader.readBack(mapper, List.of(entity), onUpdate);
                })
                .then(Mono.fromRunnable(() -> state.takeSnapshot(entity)));
    }

    /**
     * Reads the {@code @Version} of an object whose snapshot lost it to an expiry (an unset value:
     * versions start at 1) from its row, so the UPDATE or DELETE checks against the version now in
     * the database, as SQLAlchemy loads an expired version before flushing. Fails with
     * {@link StaleDataException} when the row is gone.
     */
    private Mono<Void> readExpiredVersion(Mapper<?> mapper, Object entity, String statement) {
        Optional<Attribute> version = mapper.version();
        if (version.isEmpty()) {
            return Mono.empty();
        }
        Attribute counter = version.get();
        InstanceState state = session.members.get(entity);
        int index = mapper.attributes().indexOf(counter);
        if (!counter.isUnset(state.snapshot[index])) {
            return Mono.empty();
        }
        return session.loader.readBack(mapper, List.of(entity), List.of(counter))
                .then(Mono.defer(() -> counter.isUnset(state.snapshot[index])
                        ? Mono.error(new StaleDataException(statement + " of expired " + state.key + " in " + mapper.table().name()
                                + " found no row to read its version from: another transaction deleted it"))
                        : Mono.empty()));
    }

    // ---- DELETE ------------------------------------------------------------------------------------

    /**
     * The deleted objects of one class cut into the levels their rows can be deleted in: where the
     * class refers to itself (an adjacency list), an object whose row refers to another row deleted
     * in this flush goes in an earlier level, so every statement deletes children before parents
     * (the database checks the foreign key row by row). Rows as the database has them: the foreign
     * keys of the snapshot. One level when the class does not refer to itself.
     */
    private List<List<Object>> deleteLevels(Mapper<?> mapper, List<Object> deletes) {
        List<List<Attribute>[]> pairs = new ArrayList<>();
        for (Relation<?, ?> relation : mapper.relations()) {
            if (relation.target() != mapper || relation.owner() != mapper) {
                continue;
            }
            switch (relation.kind()) {
                case MANY_TO_ONE -> pairs.add(pair(relation.localAttributes(), relation.remoteAttributes()));
                case ONE_TO_MANY, ONE_TO_ONE -> pairs.add(pair(relation.remoteAttributes(), relation.localAttributes()));
                case MANY_TO_MANY -> { }
            }
        }
        if (pairs.isEmpty() || deletes.size() < 2) {
            return List.of(deletes);
        }
        Map<Object, Object> parentOf = new IdentityHashMap<>();
        for (List<Attribute>[] pair : pairs) {
            Map<List<Object>, Object> byReferred = new HashMap<>();
            for (Object entity : deletes) {
                byReferred.put(values(pair[1], entity, null), entity);
            }
            for (Object entity : deletes) {
                Object parent = byReferred.get(values(pair[0], entity, session.members.get(entity)));
                if (parent != null && parent != entity) {
                    parentOf.putIfAbsent(entity, parent);
                }
            }
        }
        if (parentOf.isEmpty()) {
            return List.of(deletes);
        }
        Map<Object, Integer> height = new IdentityHashMap<>();
        int highest = 0;
        for (Object entity : deletes) {
            // walk up; a cycle (never a valid tree) stops at the object it started from
            int level = 0;
            Object walker = parentOf.get(entity);
            while (walker != null && walker != entity && level <= deletes.size()) {
                level++;
                walker = parentOf.get(walker);
            }
            height.put(entity, level);
            highest = Math.max(highest, level);
        }
        List<List<Object>> levels = new ArrayList<>();
        for (int level = highest; level >= 0; level--) {
            List<Object> objects = new ArrayList<>();
            for (Object entity : deletes) {
                if (height.get(entity) == level) {
                    objects.add(entity);
                }
            }
            if (!objects.isEmpty()) {
                levels.add(objects);
            }
        }
        return levels;
    }

    @SuppressWarnings("unchecked")
    private static List<Attribute>[] pair(List<Attribute> foreignKey, List<Attribute> referred) {
        return new List[] {foreignKey, referred};
    }

    /** The attributes' values normalised for matching: from the snapshot when a state is given (the row as stored). */
    private static List<Object> values(List<Attribute> attributes, Object entity, @Nullable InstanceState state) {
        List<Object> values = new ArrayList<>(attributes.size());
        for (Attribute attribute : attributes) {
            Object value = state != null && state.snapshot != null
                    ? state.snapshot[state.mapper.attributes().indexOf(attribute)]
                    : attribute.snapshot(attribute.get(entity));
            values.add(value == null ? null : RelationLoader.normalise(value));
        }
        return values;
    }

    private Mono<Void> delete(Mapper<?> mapper, List<Object> entities) {
        Optional<Attribute> version = mapper.version();
        Mono<Void> statements;
        if (version.isPresent()) {
            int index = mapper.attributes().indexOf(version.get());
            statements = Flux.fromIterable(entities).concatMap(entity -> readExpiredVersion(mapper, entity, "DELETE")
                    .then(Mono.defer(() -> {
                        InstanceState state = session.members.get(entity);
                        Object expected = state.snapshot[index];
                        return session.connection.execute(Sql.delete(mapper.table()).where(Keys.matching(mapper, state.key),
                                        Keys.equal(version.get().column(), expected)))
                                .rowcount()
                                .flatMap(deleted -> deleted == 1 ? Mono.<Void>empty()
                                        : Mono.error(new StaleDataException("DELETE of " + state.key + " (version " + expected
                                                + ") matched no row: another transaction changed or deleted it")));
                    }))).then();
        } else {
            List<IdentityKey> keys = entities.stream().map(entity -> session.members.get(entity).key).toList();
            statements = Flux.fromIterable(Keys.chunks(keys))
                    .concatMap(chunk -> session.connection.execute(Sql.delete(mapper.table()).where(Keys.matchingAny(mapper, chunk)))
                            .rowcount())
                    .then();
        }
        return statements.then(Mono.fromRunnable(() -> entities.forEach(session::rowDeleted)));
    }
}
