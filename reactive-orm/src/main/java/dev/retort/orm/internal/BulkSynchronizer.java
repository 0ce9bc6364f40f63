package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.query.EntityDelete;
import dev.retort.orm.query.EntityUpdate;
import dev.retort.orm.query.SynchronizeSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Runs bulk UPDATE and DELETE statements and keeps the objects already loaded in step, per
 * {@link SynchronizeSession}. Synchronisation costs nothing when no object of the class is loaded.
 */
final class BulkSynchronizer {

    private final DefaultSession session;

    BulkSynchronizer(DefaultSession session) {
        this.session = session;
    }

    /**
     * The statement, keeping loaded objects in step. EVALUATE refuses a statement it cannot evaluate
     * whether or not objects are loaded, so the outcome does not depend on what the session holds.
     */
    Mono<Long> update(EntityUpdate<?> update) {
        Mapper<?> mapper = update.mapper();
        SynchronizeSession mode = update.synchronizeSession();
        if (mode != SynchronizeSession.NONE) {
            for (Column<?> column : update.assignments().keySet()) {
                if (attributeOf(mapper, column).isId()) {
                    return Mono.error(new InvalidRequestException("This UPDATE of " + mapper.entityClass().getSimpleName()
                            + " assigns the primary key column " + column.name() + ", which loaded objects cannot follow;"
                            + " run it with SynchronizeSession.NONE and expunge the affected objects"));
                }
            }
        }
        Mono<Long> run = Mono.defer(() -> session.connection.execute(update.toUpdate()).rowcount());
        if (mode == SynchronizeSession.NONE) {
            return run;
        }
        List<Object> loaded = loaded(mapper);
        if (mode != SynchronizeSession.FETCH) {
            try {
                Evaluator evaluator = new Evaluator(mapper);
                Function<Object, Boolean> matches = evaluator.condition(update.whereClause());
                Map<Attribute, Function<Object, @Nullable Object>> values = new LinkedHashMap<>();
                for (Map.Entry<Column<?>, @Nullable Object> assignment : update.assignments().entrySet()) {
                    values.put(attributeOf(mapper, assignment.getKey()), evaluator.value(assignment.getValue()));
                }
                return run.doOnNext(count -> applyEvaluated(loaded, matches, values));
            } catch (Evaluator.Unevaluable unevaluable) {
                if (mode == SynchronizeSession.EVALUATE) {
                    return Mono.error(new InvalidRequestException("Cannot synchronize the session by evaluating this UPDATE of "
                            + mapper.entityClass().getSimpleName() + " in Java: " + unevaluable.getMessage()
                            + "; use SynchronizeSession.FETCH or NONE"));
                }
            }
        }
        if (loaded.isEmpty()) {
            return run;
        }
        List<Attribute> assigned = update.assignments().keySet().stream().map(column -> attributeOf(mapper, column)).toList();
        return matchedKeys(mapper, update.whereClause())
                .flatMap(matched -> run.flatMap(count -> {
                    List<Object> hits = loaded.stream().filter(entity -> matched.contains(session.members.get(entity).key)).toList();
                    return session.loader.readBack(mapper, hits, assigned).thenReturn(count);
                }));
    }

    /** The statement, marking matched loaded objects deleted; EVALUATE refuses as for {@link #update}. */
    Mono<Long> delete(EntityDelete<?> delete) {
        Mapper<?> mapper = delete.mapper();
        Mono<Long> run = Mono.defer(() -> session.connection.execute(delete.toDelete()).rowcount());
        SynchronizeSession mode = delete.synchronizeSession();
        if (mode == SynchronizeSession.NONE) {
            return run;
        }
        List<Object> loaded = loaded(mapper);
        if (mode != SynchronizeSession.FETCH) {
            try {
                Function<Object, Boolean> matches = new Evaluator(mapper).condition(delete.whereClause());
                return run.doOnNext(count -> loaded.stream().filter(matches::apply).toList().forEach(session::rowDeleted));
            } catch (Evaluator.Unevaluable unevaluable) {
                if (mode == SynchronizeSession.EVALUATE) {
                    return Mono.error(new InvalidRequestException("Cannot synchronize the session by evaluating this DELETE of "
                            + mapper.entityClass().getSimpleName() + " in Java: " + unevaluable.getMessage()
                            + "; use SynchronizeSession.FETCH or NONE"));
                }
            }
        }
        if (loaded.isEmpty()) {
            return run;
        }
        return matchedKeys(mapper, delete.whereClause())
                .flatMap(matched -> run.doOnNext(count -> loaded.stream()
                        .filter(entity -> matched.contains(session.members.get(entity).key))
                        .toList()
                        .forEach(session::rowDeleted)));
    }

    /** Persistent, unexpired objects of the mapper's class in the identity map. */
    private List<Object> loaded(Mapper<?> mapper) {
        List<Object> loaded = new ArrayList<>();
        session.members.forEach((entity, state) -> {
            if (state.mapper == mapper && state.status == Status.PERSISTENT && !state.expired) {
                loaded.add(entity);
            }
        });
        return loaded;
    }

    private void applyEvaluated(List<Object> loaded, Function<Object, Boolean> matches,
            Map<Attribute, Function<Object, @Nullable Object>> values) {
        for (Object entity : loaded) {
            if (!matches.apply(entity)) {
                continue;
            }
            Map<Attribute, @Nullable Object> computed = new LinkedHashMap<>();
            values.forEach((attribute, value) -> computed.put(attribute, value.apply(entity)));
            InstanceState state = session.members.get(entity);
            List<Attribute> attributes = state.mapper.attributes();
            computed.forEach((attribute, value) -> {
                attribute.set(entity, value);
                state.snapshot[attributes.indexOf(attribute)] = attribute.snapshot(attribute.get(entity));
            });
        }
    }


    /** The keys the WHERE clause matches now (one SELECT of the key columns). */
    private Mono<Set<IdentityKey>> matchedKeys(Mapper<?> mapper, List<Expression<Boolean>> where) {
        List<Attribute> ids = mapper.primaryKey();
        Select select = Sql.select(ids.stream().map(Attribute::column).toArray());
        if (!where.isEmpty()) {
            select = select.where(Keys.and(where));
        }
        return session.connection.execute(select).rows()
                .map(row -> {
                    Object[] values = new Object[ids.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = ids.get(i).column().type().fromDriver(row.get(i));
                    }
                    return IdentityKey.of(mapper, values);
                })
                .collect(HashSet::new, Set::add);
    }

    private static Attribute attributeOf(Mapper<?> mapper, Column<?> column) {
        for (Attribute attribute : mapper.attributes()) {
            if (attribute.column() == column) {
                return attribute;
            }
        }
        throw new InvalidRequestException("Column " + column + " is not mapped by " + mapper.entityClass().getSimpleName());
    }
}
