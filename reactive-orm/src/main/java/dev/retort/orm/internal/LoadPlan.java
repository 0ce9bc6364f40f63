package dev.retort.orm.internal;

import dev.retort.orm.loading.LoadOption;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which relationships one load fills, as a tree from the loaded class: the query's loader options
 * merged by relationship (a later option's strategy wins), plus every relationship whose default
 * ({@code @Relationship(loading = …)}) is eager. Defaults stop where they would walk back along the
 * path (a relationship or its inverse already on it), so mutual eager defaults and adjacency lists
 * end after one step.
 */
final class LoadPlan {

    /** One relationship to load, and what to load below it. */
    static final class Node {
        final Relation<?, ?> relation;
        Loading strategy;
        final List<Node> children = new ArrayList<>();

        Node(Relation<?, ?> relation, Loading strategy) {
            this.relation = relation;
            this.strategy = strategy;
        }

        @Override
        public String toString() {
            return relation + " " + strategy + (children.isEmpty() ? "" : " " + children);
        }
    }

    private LoadPlan() {
    }

    private static final Map<Mapper<?>, List<Node>> DEFAULTS = new ConcurrentHashMap<>();

    /** The relationships every load of {@code root} fills by their defaults (computed once per class). */
    static List<Node> defaults(Mapper<?> root) {
        return DEFAULTS.computeIfAbsent(root, mapper -> of(mapper, List.of()));
    }

    /** The relationships to load below objects of {@code root}: the options, and the eager defaults. */
    static List<Node> of(Mapper<?> root, List<? extends LoadOption<?, ?>> options) {
        if (options.isEmpty() && DEFAULTS.containsKey(root)) {
            return DEFAULTS.get(root);
        }
        List<Node> top = paths(options);
        addDefaults(root, top, new ArrayList<>());
        return top;
    }

    /**
     * The relationships of {@code path} alone (for {@code session.load}), with eager defaults below
     * each of its steps, as a query's plan has them (not only below the last step).
     */
    static List<Node> of(LoadOption<?, ?> path) {
        List<Node> top = paths(List.of(path));
        Node first = top.get(0);
        if (first.strategy != Loading.RAISE) {
            // walks the path's own nodes as well, adding the defaults of every class it passes through
            addDefaults(first.relation.target(), first.children, new ArrayList<>(List.of(first.relation)));
        }
        return top;
    }

    private static List<Node> paths(List<? extends LoadOption<?, ?>> options) {
        List<Node> top = new ArrayList<>();
        for (LoadOption<?, ?> option : options) {
            List<Node> level = top;
            for (LoadOption.Step step : option.steps()) {
                Node node = find(level, step.relation());
                if (node == null) {
                    node = new Node(step.relation(), step.strategy());
                    level.add(node);
                } else {
                    node.strategy = step.strategy();
                }
                level = node.children;
            }
        }
        return top;
    }

    /** The plan of one explicit relationship (for {@code session.load}), with the defaults below it. */
    static List<Node> of(Relation<?, ?> relation) {
        Node node = new Node(relation, Loading.SELECTIN);
        List<Relation<?, ?>> path = new ArrayList<>(List.of(relation));
        addDefaults(relation.target(), node.children, path);
        return List.of(node);
    }

    private static void addDefaults(Mapper<?> mapper, List<Node> level, List<Relation<?, ?>> path) {
        for (Relation<?, ?> relation : mapper.relations()) {
            Node node = find(level, relation);
            if (node == null) {
                if (relation.loading() == Loading.RAISE || relation.isWriteOnly() || onPath(path, relation)) {
                    continue;
                }
                node = new Node(relation, relation.loading());
                level.add(node);
            }
            if (node.strategy == Loading.RAISE) {
                continue;
            }
            path.add(relation);
            addDefaults(relation.target(), node.children, path);
            path.remove(path.size() - 1);
        }
    }

    private static boolean onPath(List<Relation<?, ?>> path, Relation<?, ?> relation) {
        Relation<?, ?> inverse = relation.inverse().orElse(null);
        return path.contains(relation) || inverse != null && path.contains(inverse);
    }

    private static @Nullable Node find(List<Node> level, Relation<?, ?> relation) {
        for (Node node : level) {
            if (node.relation == relation) {
                return node;
            }
        }
        return null;
    }

    /** Whether anything below {@code nodes} loads with a separate (selectin) statement. */
    static boolean hasSelectin(List<Node> nodes) {
        for (Node node : nodes) {
            if (node.strategy == Loading.SELECTIN || node.strategy == Loading.JOINED && hasSelectin(node.children)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a joined collection is anywhere in the joined part of {@code nodes} (rows multiply). */
    static boolean hasJoinedCollection(List<Node> nodes) {
        for (Node node : nodes) {
            if (node.strategy == Loading.JOINED && (node.relation.isCollection() || hasJoinedCollection(node.children))) {
                return true;
            }
        }
        return false;
    }
}
