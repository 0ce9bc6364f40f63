package dev.retort.orm.internal;

import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.Sql;
import dev.retort.orm.internal.RelationSync.Link;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes many-to-many association rows for the flush: per table, the removed links as
 * {@code DELETE … WHERE (a, b) IN (…)} in chunks, then the added ones as one executemany (a
 * multi-row INSERT) of the key columns only, so other columns of a table mapped as an entity get
 * their defaults; and, before objects are deleted, their association rows by key.
 */
final class LinkWriter {

    /** The association rows of one table, by the key columns their values are for. */
    private record Rows(Table table, List<Column<?>> columns) {
    }

    private final DefaultSession session;

    LinkWriter(DefaultSession session) {
        this.session = session;
    }

    Mono<Void> write(Map<Link, Integer> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        Map<Rows, List<List<Object>>> removed = new LinkedHashMap<>();
        Map<Rows, List<List<Object>>> added = new LinkedHashMap<>();
        changes.forEach((link, count) -> (count > 0 ? added : removed)
                .computeIfAbsent(new Rows(link.table(), link.columns()), t -> new ArrayList<>()).add(link.values()));
        List<Mono<Long>> statements = new ArrayList<>();
        removed.forEach((rows, keys) -> {
            for (List<List<Object>> chunk : Keys.chunks(keys)) {
                statements.add(Mono.defer(() -> session.connection.execute(Sql.delete(rows.table())
                        .where(Keys.in(rows.columns(), chunk))).rowcount()));
            }
        });
        added.forEach((rows, keys) -> {
            List<Map<String, @Nullable Object>> parameters = new ArrayList<>();
            for (List<Object> key : keys) {
                Map<String, @Nullable Object> values = new LinkedHashMap<>();
                for (int i = 0; i < rows.columns().size(); i++) {
                    values.put(rows.columns().get(i).name(), key.get(i));
                }
                parameters.add(values);
            }
            statements.add(Mono.defer(() -> session.connection.execute(Sql.insert(rows.table()), parameters).rowcount()));
        });
        return Flux.concat(statements).then();
    }

    /**
     * Deletes the association rows of objects about to be deleted, for one many-to-many relationship
     * of their class, by the key columns that refer to them.
     */
    Mono<Void> purge(Relation<?, ?> relation, List<Object> entities) {
        Table table = relation.secondary().orElseThrow();
        List<Column<?>> columns = relation.secondaryLocalColumns();
        List<List<Object>> keys = new ArrayList<>();
        for (Object entity : entities) {
            List<Object> key = new ArrayList<>();
            for (Attribute attribute : relation.localAttributes()) {
                key.add(attribute.get(entity));
            }
            keys.add(key);
        }
        return Flux.fromIterable(Keys.chunks(keys))
                .concatMap(chunk -> session.connection.execute(Sql.delete(table).where(Keys.in(columns, chunk))).rowcount())
                .then();
    }
}
