package dev.retort.orm.internal;

import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.orm.internal.InstanceState.Status;
import dev.retort.orm.mapping.Mapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one flush writes, worked out without IO: the pending objects per mapper in the order they
 * were added, the persistent objects with changed fields, the objects marked for deletion, and the
 * order of the tables (every table after the tables its foreign keys refer to).
 */
final class FlushPlan {

    final Map<Mapper<?>, List<Object>> inserts = new LinkedHashMap<>();
    final Map<Mapper<?>, List<Object>> updates = new LinkedHashMap<>();
    final Map<Mapper<?>, List<Object>> deletes = new LinkedHashMap<>();
    final List<Mapper<?>> order;

    private FlushPlan(DefaultSession session) {
        // only the objects with something to write are sorted into session order: an autoflush with
        // nothing to do costs one dirty check per object and no sorting
        List<Map.Entry<Object, InstanceState>> entries = new ArrayList<>();
        for (Map.Entry<Object, InstanceState> entry : session.members.entrySet()) {
            InstanceState state = entry.getValue();
            if (state.status == Status.PENDING || state.status == Status.PERSISTENT
                    && (state.markedForDeletion || state.modified(entry.getKey()))) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparingLong(entry -> entry.getValue().order));
        for (Map.Entry<Object, InstanceState> entry : entries) {
            Object entity = entry.getKey();
            InstanceState state = entry.getValue();
            if (state.status == Status.PENDING) {
                inserts.computeIfAbsent(state.mapper, m -> new ArrayList<>()).add(entity);
            } else if (state.markedForDeletion) {
                deletes.computeIfAbsent(state.mapper, m -> new ArrayList<>()).add(entity);
            } else {
                updates.computeIfAbsent(state.mapper, m -> new ArrayList<>()).add(entity);
            }
        }
        Set<Mapper<?>> involved = new LinkedHashSet<>();
        involved.addAll(inserts.keySet());
        involved.addAll(updates.keySet());
        involved.addAll(deletes.keySet());
        if (!inserts.isEmpty()) {
            // a persistent object may get a foreign key only once an object inserted now has its key
            session.members.values().forEach(state -> involved.add(state.mapper));
        }
        order = dependencyOrder(involved);
    }

    static FlushPlan of(DefaultSession session) {
        return new FlushPlan(session);
    }

    /**
     * The persistent objects of {@code mapper} with changed fields, in session order, worked out when
     * its UPDATE step runs (after earlier INSERTs gave keys that foreign keys now copy).
     */
    static List<Object> dirty(DefaultSession session, Mapper<?> mapper) {
        List<Map.Entry<Object, InstanceState>> entries = new ArrayList<>();
        session.members.entrySet().forEach(entry -> {
            InstanceState state = entry.getValue();
            if (state.mapper == mapper && state.status == Status.PERSISTENT && !state.markedForDeletion
                    && state.modified(entry.getKey())) {
                entries.add(entry);
            }
        });
        entries.sort(Comparator.comparingLong(entry -> entry.getValue().order));
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    boolean isEmpty() {
        return inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    /** Mappers sorted so a table comes after the tables it refers to (per metadata; cycles as the DDL orders them). */
    private static List<Mapper<?>> dependencyOrder(Set<Mapper<?>> mappers) {
        Map<MetaData, List<Table>> byMetadata = new LinkedHashMap<>();
        Map<Table, Mapper<?>> byTable = new HashMap<>();
        for (Mapper<?> mapper : mappers) {
            byMetadata.computeIfAbsent(mapper.table().metadata(), m -> new ArrayList<>()).add(mapper.table());
            byTable.put(mapper.table(), mapper);
        }
        List<Mapper<?>> ordered = new ArrayList<>();
        byMetadata.forEach((metadata, tables) -> {
            for (Table table : metadata.creationOrder(tables).tables()) {
                Mapper<?> mapper = byTable.get(table);
                if (mapper != null) {
                    ordered.add(mapper);
                }
            }
        });
        return ordered;
    }
}
