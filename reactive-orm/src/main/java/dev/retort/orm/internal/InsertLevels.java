package dev.retort.orm.internal;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Relation.Kind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The order in which pending objects of one class are inserted when they refer to each other (no IO). */
final class InsertLevels {

    private InsertLevels() {
    }

    /**
     * Pending objects of one class cut into levels so an object is inserted after the object of the
     * same class it refers to (adjacency lists: a parent before its children). One level when the
     * class does not refer to itself.
     */
    static List<List<Object>> of(Mapper<?> mapper, List<Object> pending) {
        List<Relation<?, ?>> self = new ArrayList<>();
        for (Relation<?, ?> relation : mapper.relations()) {
            if (relation.target() == mapper && relation.kind() != Kind.MANY_TO_MANY) {
                self.add(relation);
            }
        }
        if (self.isEmpty()) {
            return List.of(pending);
        }
        Set<Object> batch = Holder.identitySet();
        batch.addAll(pending);
        Map<Object, Object> parentOf = new IdentityHashMap<>();
        for (Object entity : pending) {
            for (Relation<?, ?> relation : self) {
                Holder holder = Holder.of(relation, entity);
                for (Object related : RelationSync.contents(holder)) {
                    if (!batch.contains(related)) {
                        continue;
                    }
                    if (relation.kind() == Kind.MANY_TO_ONE) {
                        parentOf.put(entity, related);
                    } else {
                        parentOf.put(related, entity);
                    }
                }
            }
        }
        Map<Object, Integer> depth = new IdentityHashMap<>();
        List<List<Object>> levels = new ArrayList<>();
        for (Object entity : pending) {
            int level = depth(entity, parentOf, depth, pending.size());
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(entity);
        }
        return levels;
    }

    private static int depth(Object entity, Map<Object, Object> parentOf, Map<Object, Integer> depth, int limit) {
        List<Object> chain = new ArrayList<>();
        Object walker = entity;
        while (walker != null && !depth.containsKey(walker)) {
            if (chain.size() > limit) {
                throw new InvalidRequestException("The pending " + entity.getClass().getSimpleName()
                        + " objects refer to each other in a cycle; no insert order exists");
            }
            chain.add(walker);
            walker = parentOf.get(walker);
        }
        int level = walker == null ? -1 : depth.get(walker);
        for (int i = chain.size() - 1; i >= 0; i--) {
            depth.put(chain.get(i), ++level);
        }
        return depth.get(entity);
    }
}
