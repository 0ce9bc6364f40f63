package dev.retort.core.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tables in creation order (each after the tables it refers to) plus the foreign keys that close a
 * cycle and must be added once all tables exist. Drop in reverse order, dropping the cycle
 * foreign keys first. Self-references never count as a cycle.
 *
 * @param tables tables in creation order
 * @param deferredForeignKeys per table, the foreign keys to add with ALTER TABLE afterwards
 */
public record CreationOrder(List<Table> tables, Map<Table, List<ForeignKey>> deferredForeignKeys) {

    public CreationOrder {
        tables = List.copyOf(tables);
        deferredForeignKeys = Map.copyOf(deferredForeignKeys);
    }

    /** The foreign keys of {@code table} to leave out of its CREATE TABLE. */
    public List<ForeignKey> deferredFor(Table table) {
        return deferredForeignKeys.getOrDefault(table, List.of());
    }

    /**
     * Kahn's algorithm in definition order. When no waiting table is ready, the waiting tables'
     * strongly connected components are computed; the first waiting table (in definition order)
     * that belongs to a component of two or more tables defers its foreign keys to tables of that
     * component, which breaks that cycle with as few deferred keys as the order allows.
     */
    static CreationOrder of(MetaData metadata, List<Table> subset) {
        Set<Table> waiting = new LinkedHashSet<>(subset);
        Map<Table, List<ForeignKey>> deferred = new LinkedHashMap<>();
        List<Table> order = new ArrayList<>();
        while (!waiting.isEmpty()) {
            Table ready = null;
            for (Table table : waiting) {
                if (dependencies(metadata, table, deferred).stream().noneMatch(waiting::contains)) {
                    ready = table;
                    break;
                }
            }
            if (ready == null) {
                breakOneCycle(metadata, waiting, deferred);
                continue;
            }
            order.add(ready);
            waiting.remove(ready);
        }
        return new CreationOrder(order, deferred);
    }

    private static void breakOneCycle(MetaData metadata, Set<Table> waiting, Map<Table, List<ForeignKey>> deferred) {
        Map<Table, Set<Table>> components = new Components(metadata, waiting, deferred).find();
        for (Table breaker : waiting) {
            Set<Table> component = components.get(breaker);
            if (component.size() > 1) {
                List<ForeignKey> cut = new ArrayList<>(deferred.getOrDefault(breaker, List.of()));
                for (ForeignKey key : breaker.foreignKeys()) {
                    Table target = metadata.referredTable(breaker, key);
                    if (target != breaker && component.contains(target) && !cut.contains(key)) {
                        cut.add(key);
                    }
                }
                deferred.put(breaker, List.copyOf(cut));
                return;
            }
        }
        throw new IllegalStateException("No table is ready, yet no cycle was found among " + waiting);
    }

    private static Set<Table> dependencies(MetaData metadata, Table table, Map<Table, List<ForeignKey>> deferred) {
        Set<Table> result = new LinkedHashSet<>();
        List<ForeignKey> skipped = deferred.getOrDefault(table, List.of());
        for (ForeignKey key : table.foreignKeys()) {
            Table target = metadata.referredTable(table, key);
            if (target != table && !skipped.contains(key)) {
                result.add(target);
            }
        }
        return result;
    }

    /** Tarjan's strongly connected components over the waiting tables and their remaining dependencies. */
    private static final class Components {
        private final MetaData metadata;
        private final Set<Table> tables;
        private final Map<Table, List<ForeignKey>> deferred;
        private final Map<Table, Integer> index = new HashMap<>();
        private final Map<Table, Integer> lowLink = new HashMap<>();
        private final Deque<Table> stack = new ArrayDeque<>();
        private final Set<Table> onStack = new HashSet<>();
        private final Map<Table, Set<Table>> componentOf = new HashMap<>();
        private int counter;

        Components(MetaData metadata, Set<Table> tables, Map<Table, List<ForeignKey>> deferred) {
            this.metadata = metadata;
            this.tables = tables;
            this.deferred = deferred;
        }

        Map<Table, Set<Table>> find() {
            for (Table table : tables) {
                if (!index.containsKey(table)) {
                    visit(table);
                }
            }
            return componentOf;
        }

        private void visit(Table table) {
            index.put(table, counter);
            lowLink.put(table, counter);
            counter++;
            stack.push(table);
            onStack.add(table);
            for (Table next : dependencies(metadata, table, deferred)) {
                if (!tables.contains(next)) {
                    continue;
                }
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(table, Math.min(lowLink.get(table), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(table, Math.min(lowLink.get(table), index.get(next)));
                }
            }
            if (lowLink.get(table).equals(index.get(table))) {
                Set<Table> component = new HashSet<>();
                Table member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (member != table);
                for (Table each : component) {
                    componentOf.put(each, component);
                }
            }
        }
    }
}
