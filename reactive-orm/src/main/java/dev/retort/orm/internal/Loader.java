package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.result.Row;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.Sql;
import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns rows into entities through the identity map: a row whose key is loaded returns that
 * instance, filling only attributes an expiry cleared (unflushed changes are kept); a new key makes
 * a new instance through the mapper's constructor handle. Also reloads objects and reads back
 * server-generated columns for the flush and bulk statements.
 */
final class Loader {

    private final DefaultSession session;

    Loader(DefaultSession session) {
        this.session = session;
    }

    /** The entity of a row whose first columns are the mapper's attributes in order. */
    <T> T hydrate(Mapper<T> mapper, Row row) {
        return hydrate(mapper, row, 0);
    }

    /**
     * The entity of a row holding the mapper's attributes in order from column {@code offset}. A new
     * object's relationships are unloaded (unloaded is not empty); a loaded one keeps its own.
     */
    <T> T hydrate(Mapper<T> mapper, Row row, int offset) {
        List<Attribute> attributes = mapper.attributes();
        Object[] values = new Object[attributes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = attributes.get(i).column().type().fromDriver(row.get(offset + i));
        }
        Object[] idValues = new Object[mapper.primaryKey().size()];
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            if (attributes.get(i).isId()) {
                idValues[next++] = values[i];
            }
        }
        IdentityKey key = IdentityKey.of(mapper, idValues);
        if (key == null) {
            throw new InvalidRequestException("A row of " + mapper.table().name() + " has a NULL primary key");
        }
        Object existing = session.identityMap.get(key);
        if (existing != null) {
            InstanceState state = session.members.get(existing);
            if (state.expired) {
                fill(state, existing, values, false);
            }
            return mapper.entityClass().cast(existing);
        }
        T entity = mapper.newInstance();
        for (int i = 0; i < values.length; i++) {
            attributes.get(i).set(entity, values[i]);
        }
        if (!mapper.relations().isEmpty()) {
            session.relational = true;
            unloadRelations(mapper, entity);
        }
        InstanceState state = new InstanceState(mapper, session, Status.PERSISTENT, session.nextOrder());
        state.key = key;
        state.takeSnapshot(entity);
        InstanceStates.put(entity, state);
        session.members.put(entity, state);
        session.identityMap.put(key, entity);
        return entity;
    }

    /** Makes every relationship of {@code entity} unloaded (a freshly loaded or expired object). */
    static void unloadRelations(Mapper<?> mapper, Object entity) {
        for (Relation<?, ?> relation : mapper.relations()) {
            Holder.of(relation, entity).unload();
        }
    }

    /** Writes loaded values into an object: every attribute, or only those unchanged since the snapshot. */
    private static void fill(InstanceState state, Object entity, Object[] values, boolean all) {
        List<Attribute> attributes = state.mapper.attributes();
        Object[] snapshot = state.snapshot;
        for (int i = 0; i < values.length; i++) {
            if (all || snapshot == null || !state.changed(entity, i)) {
                Attribute attribute = attributes.get(i);
                attribute.set(entity, values[i]);
                if (snapshot != null) {
                    snapshot[i] = attribute.snapshot(attribute.get(entity));
                }
            }
        }
        if (snapshot == null) {
            state.takeSnapshot(entity);
        }
        state.expired = false;
    }

    /** SELECT by key; the session's instance, or empty. */
    <T> Mono<T> load(Mapper<T> mapper, IdentityKey key) {
        Select select = Sql.select(mapper.table()).where(Keys.matching(mapper, key));
        List<LoadPlan.Node> plan = LoadPlan.defaults(mapper);
        if (plan.isEmpty()) {
            return session.connection.execute(select).oneOrNone().map(row -> hydrate(mapper, row));
        }
        return session.relations.all(mapper, select, plan).flatMap(found -> Mono.justOrEmpty(found.stream().findFirst()));
    }

    /** Reloads every attribute of a persistent object, discarding unflushed changes. */
    Mono<Void> reload(InstanceState state, Object entity) {
        Mapper<?> mapper = state.mapper;
        Select select = Sql.select(mapper.table()).where(Keys.matching(mapper, state.key));
        return session.connection.execute(select).oneOrNone()
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException("Cannot refresh " + state.key + ": its row is gone")))
                .doOnNext(row -> {
                    List<Attribute> attributes = mapper.attributes();
                    Object[] values = new Object[attributes.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = attributes.get(i).column().type().fromDriver(row.get(i));
                    }
                    fill(state, entity, values, true);
                })
                .then();
    }

    /**
     * Reads {@code attributes} of persistent {@code entities} (all of one mapper) back from their
     * rows, in chunks of {@link Keys#CHUNK} keys, and records them as loaded.
     */
    Mono<Void> readBack(Mapper<?> mapper, List<Object> entities, List<Attribute> attributes) {
        if (entities.isEmpty() || attributes.isEmpty()) {
            return Mono.empty();
        }
        Map<IdentityKey, Object> byKey = new HashMap<>();
        for (Object entity : entities) {
            byKey.put(session.members.get(entity).key, entity);
        }
        List<Object> columns = new ArrayList<>();
        mapper.primaryKey().forEach(id -> columns.add(id.column()));
        attributes.forEach(attribute -> columns.add(attribute.column()));
        int keySize = mapper.primaryKey().size();
        int[] positions = attributes.stream().mapToInt(mapper.attributes()::indexOf).toArray();
        return Flux.fromIterable(Keys.chunks(new ArrayList<>(byKey.keySet())))
                .concatMap(chunk -> session.connection.execute(Sql.select(columns.toArray()).where(Keys.matchingAny(mapper, chunk)))
                        .rows()
                        .doOnNext(row -> {
                            Object[] id = new Object[keySize];
                            for (int i = 0; i < keySize; i++) {
                                Column<?> column = mapper.primaryKey().get(i).column();
                                id[i] = column.type().fromDriver(row.get(i));
                            }
                            Object entity = byKey.get(IdentityKey.of(mapper, id));
                            if (entity == null) {
                                return;
                            }
                            InstanceState state = session.members.get(entity);
                            for (int j = 0; j < attributes.size(); j++) {
                                Attribute attribute = attributes.get(j);
                                attribute.set(entity, attribute.column().type().fromDriver(row.get(keySize + j)));
                                if (state.snapshot != null) {
                                    state.snapshot[positions[j]] = attribute.snapshot(attribute.get(entity));
                                }
                            }
                        }))
                .then();
    }
}
