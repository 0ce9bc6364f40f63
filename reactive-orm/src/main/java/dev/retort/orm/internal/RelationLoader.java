package dev.retort.orm.internal;

import dev.retort.core.result.Row;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Select;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.internal.LoadPlan.Node;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.mapping.Relation.Kind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads relationships: entity queries with their joined relationships ({@link JoinedShape}), then
 * selectin levels — per relationship of the plan, one {@code SELECT … WHERE key IN (…)} per
 * {@code batchSize} parents whose holder is unloaded, the level's objects becoming the parents of
 * the next level. Holders already loaded are left alone (and cost no statement); a {@code NULL}
 * key loads as empty without a statement; a many-to-one whose target is in the identity map is
 * filled from there. Streams with selectin levels or joined collections read the parents in pages
 * of {@code batchSize} (keyset on the primary key when the query has no ORDER BY, LIMIT or OFFSET;
 * else LIMIT/OFFSET with the primary key appended to the ORDER BY as a tie-breaker) so a page's
 * children load before the next page is read: the driver never holds
 * more than a page of unread rows, and backpressure reaches the database.
 */
final class RelationLoader {

    private final DefaultSession session;

    RelationLoader(DefaultSession session) {
        this.session = session;
    }

    private int batchSize() {
        return session.options.batchSize();
    }

    // ---- entity queries ------------------------------------------------------------------------

    /** Every distinct object of the query, in row order, with the plan loaded. */
    <T> Mono<List<T>> all(Mapper<T> mapper, Select select, List<Node> plan) {
        return roots(mapper, select, plan, false).flatMap(roots -> levels(plan, roots, false).thenReturn(roots));
    }

    /** The query's objects and their joined relationships, without the selectin levels. */
    <T> Mono<List<T>> roots(Mapper<T> mapper, Select select, List<Node> plan, boolean force) {
        return roots(mapper, select, plan, force, new int[1], Long.MAX_VALUE);
    }

    /**
     * The query's first {@code count} objects (for {@code first()}, {@code one()}), without the
     * selectin levels. Without a joined collection a row is one object, so only {@code count} rows
     * are read and the rest discarded, as a plain {@code Result.first()} does; with one, every row.
     */
    <T> Mono<List<T>> head(Mapper<T> mapper, Select select, List<Node> plan, int count) {
        return roots(mapper, select, plan, false, new int[1], LoadPlan.hasJoinedCollection(plan) ? Long.MAX_VALUE : count);
    }

    /**
     * {@link #roots} of at most {@code maxRows} rows, counting the statement's rows into
     * {@code rows[0]} (more than the objects when rows repeat one).
     */
    private <T> Mono<List<T>> roots(Mapper<T> mapper, Select select, List<Node> plan, boolean force, int[] rows, long maxRows) {
        return Mono.defer(() -> {
            JoinedShape shape = JoinedShape.of(session.loader, mapper, select, plan, force);
            Set<Object> seen = Holder.identitySet();
            List<T> roots = new ArrayList<>();
            Flux<Row> read = session.connection.execute(shape.select).rows();
            return (maxRows == Long.MAX_VALUE ? read : read.take(maxRows))
                    .doOnNext(row -> {
                        rows[0]++;
                        Object root = shape.row(row);
                        if (seen.add(root)) {
                            roots.add(mapper.entityClass().cast(root));
                        }
                    })
                    .then(Mono.fromCallable(() -> {
                        shape.finish();
                        return roots;
                    }));
        });
    }

    /**
     * The query's objects as a stream. Without selectin levels or joined collections, rows become
     * objects one by one; with them, the parents are read a page at a time (see the class comment).
     */
    <T> Flux<T> stream(Mapper<T> mapper, Select select, List<Node> plan) {
        if (!LoadPlan.hasSelectin(plan) && !LoadPlan.hasJoinedCollection(plan)) {
            return Flux.defer(() -> {
                JoinedShape shape = JoinedShape.of(session.loader, mapper, select, plan, false);
                return session.connection.execute(shape.select).rows().map(row -> mapper.entityClass().cast(shape.rowAlone(row)));
            });
        }
        return Flux.defer(() -> {
            Pager<T> pager = new Pager<>(mapper, select, batchSize());
            return Mono.defer(() -> {
                int[] rows = new int[1];
                return roots(mapper, pager.next(), plan, false, rows, Long.MAX_VALUE)
                        .flatMap(roots -> levels(plan, roots, false).thenReturn(roots))
                        .map(roots -> {
                            List<T> fresh = pager.withoutRepeat(roots);
                            pager.received(roots, rows[0]);
                            return fresh;
                        });
            })
                    .repeat(() -> !pager.done.get())
                    .concatMapIterable(page -> page, 1);
        });
    }

    /**
     * Cuts a query into pages of objects: keyset on the primary key when the query is unordered and
     * unlimited, else LIMIT/OFFSET with the key appended to the ORDER BY.
     */
    private static final class Pager<T> {
        private final Mapper<T> mapper;
        private final Select select;
        private final int size;
        private final boolean keyset;
        private final AtomicReference<@Nullable Object[]> last = new AtomicReference<>();
        private int page;
        private @Nullable Object tail;
        final AtomicBoolean done = new AtomicBoolean();

        Pager(Mapper<T> mapper, Select select, int size) {
            this.mapper = mapper;
            this.size = size;
            this.keyset = select.orderByClause().isEmpty() && select.limitValue() == null && select.offsetValue() == null;
            this.select = select.orderBy(unordered(select, mapper.primaryKey()).toArray());
        }

        /**
         * The key columns the query does not order by yet: pages are ordered by the query's own ORDER
         * BY and then by the key, so LIMIT/OFFSET pages follow one total order (with no ORDER BY, or
         * ties in it, the server may order each page's statement differently: rows repeat or go missing).
         */
        private static List<Column<?>> unordered(Select select, List<Attribute> key) {
            List<Column<?>> missing = new ArrayList<>();
            for (Attribute id : key) {
                if (select.orderByClause().stream().noneMatch(ordering -> ordering.expression() == id.column())) {
                    missing.add(id.column());
                }
            }
            return missing;
        }

        @SuppressWarnings("unchecked")
        Select next() {
            if (keyset) {
                Object[] after = last.get();
                Select limited = select.limit(size);
                if (after == null) {
                    return limited;
                }
                List<Attribute> key = mapper.primaryKey();
                if (key.size() == 1) {
                    return limited.where(((Column<Object>) key.get(0).column()).gt(after[0]));
                }
                return limited.where(Sql.tuple(key.stream().map(Attribute::column).toArray(Expression[]::new))
                        .gt(Sql.tuple(Keys.literals(key.stream().map(Attribute::column).toList(), Arrays.asList(after)))));
            }
            int offset = (select.offsetValue() == null ? 0 : select.offsetValue()) + page * size;
            int limit = select.limitValue() == null ? size : Math.max(0, Math.min(size, select.limitValue() - page * size));
            return select.offset(offset).limit(limit);
        }

        /**
         * After a page of {@code roots} read from {@code rows} rows: the last page is the one with fewer
         * rows than asked for. Rows, not objects: a query whose rows repeat an object (a join) has
         * fewer distinct objects than rows on every page, and counting those ended the stream after
         * its first page. (Under a joined collection the rows count the children too, so a short last
         * page may look full; the next page then comes back empty.)
         */
        /**
         * The page's objects without the previous page's last one: rows that repeat an object (a
         * join) are adjacent under the key tie-breaker, so one object's rows may straddle a LIMIT/OFFSET
         * page boundary (keyset pages start after the last key and cannot repeat it).
         */
        List<T> withoutRepeat(List<T> roots) {
            Object previous = tail;
            int first = 0;
            while (first < roots.size() && roots.get(first) == previous) {
                first++;
            }
            return first == 0 ? roots : roots.subList(first, roots.size());
        }

        void received(List<T> roots, int rows) {
            page++;
            tail = roots.isEmpty() ? null : roots.get(roots.size() - 1);
            boolean lastPage = rows < size || roots.isEmpty()
                    || !keyset && select.limitValue() != null && page * size >= select.limitValue();
            if (lastPage) {
                done.set(true);
                return;
            }
            T tail = roots.get(roots.size() - 1);
            last.set(mapper.primaryKey().stream().map(id -> id.get(tail)).toArray());
        }
    }

    // ---- selectin levels -----------------------------------------------------------------------------

    /** Loads every node of {@code plan} for {@code parents}, level after level. */
    Mono<Void> levels(List<Node> plan, List<?> parents, boolean force) {
        if (plan.isEmpty() || parents.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(plan).concatMap(node -> level(node, parents, force)).then();
    }

    private Mono<Void> level(Node node, List<?> parents, boolean force) {
        if (node.strategy == Loading.RAISE) {
            return Mono.empty();
        }
        Relation<?, ?> relation = node.relation;
        return Mono.defer(() -> load(relation, parents, node.children, force))
                .then(Mono.defer(() -> node.children.isEmpty() ? Mono.empty()
                        : levels(node.children, reached(relation, parents), false)));
    }

    /** The objects {@code parents} hold in {@code relation} (loaded holders only), each once. */
    private static List<Object> reached(Relation<?, ?> relation, List<?> parents) {
        Set<Object> seen = Holder.identitySet();
        List<Object> reached = new ArrayList<>();
        for (Object parent : parents) {
            Holder holder = Holder.of(relation, parent);
            if (!holder.loaded) {
                continue;
            }
            if (holder instanceof ToManyHolder.Side side) {
                for (Object item : side.items) {
                    if (seen.add(item)) {
                        reached.add(item);
                    }
                }
            } else {
                Object value = ((ToOneHolder<?>) holder).value();
                if (value != null && seen.add(value)) {
                    reached.add(value);
                }
            }
        }
        return reached;
    }

    /**
     * One relationship for {@code parents}: the statements of one level, in chunks, with the joined
     * part of {@code below} in each statement.
     */
    private Mono<Void> load(Relation<?, ?> relation, List<?> parents, List<Node> below, boolean force) {
        return find(relation, parents, below, force).doOnNext(found -> found.forEach((parent, items) ->
                fill(relation, parent, Holder.of(relation, parent), items))).then();
    }

    /**
     * The related objects of each of {@code parents} whose holder is unloaded (or of all, with
     * {@code force}), read in chunks, without filling the holders: for the flush, which loads the
     * children a cascade delete must delete (write-only collections included).
     */
    Mono<Map<Object, List<Object>>> find(Relation<?, ?> relation, List<?> parents) {
        return find(relation, parents, List.of(), false);
    }

    /** The related objects of each of {@code parents} as the database has them, loaded or not; holders are not filled. */
    Mono<Map<Object, List<Object>>> findStored(Relation<?, ?> relation, List<?> parents) {
        return find(relation, parents, List.of(), true);
    }

    private Mono<Map<Object, List<Object>>> find(Relation<?, ?> relation, List<?> parents, List<Node> below, boolean force) {
        List<Object> expired = expired(relation, parents, force);
        return expired.isEmpty() ? read(relation, parents, below, force)
                : unexpire(relation.owner(), expired).then(Mono.defer(() -> read(relation, parents, below, force)));
    }

    /**
     * The parents to fill whose key fields for {@code relation} an expiry cleared (a foreign key, or a
     * referred key that is not the primary key): their cleared fields are not a NULL key.
     */
    private List<Object> expired(Relation<?, ?> relation, List<?> parents, boolean force) {
        if (relation.localAttributes().stream().allMatch(Attribute::isId)) {
            return List.of();
        }
        List<Object> expired = new ArrayList<>();
        for (Object parent : parents) {
            InstanceState state = session.members.get(parent);
            if (state != null && state.expired && (force || !Holder.of(relation, parent).loaded)) {
                expired.add(parent);
            }
        }
        return expired;
    }

    /** Reads expired objects' rows again, as a query returning them would (fields set since the expiry are kept). */
    private Mono<Void> unexpire(Mapper<?> mapper, List<Object> entities) {
        List<IdentityKey> keys = entities.stream().map(entity -> session.members.get(entity).key).distinct().toList();
        return Flux.fromIterable(Keys.chunks(keys))
                .concatMap(chunk -> session.connection.execute(Sql.select(mapper.table()).where(Keys.matchingAny(mapper, chunk)))
                        .rows()
                        .doOnNext(row -> session.loader.hydrate(mapper, row)))
                .then();
    }

    private Mono<Map<Object, List<Object>>> read(Relation<?, ?> relation, List<?> parents, List<Node> below, boolean force) {
        Map<List<Object>, List<Object>> byKey = new LinkedHashMap<>();
        Map<List<Object>, List<Object>> values = new LinkedHashMap<>();
        Map<Object, List<Object>> found = new IdentityHashMap<>();
        for (Object parent : parents) {
            Holder holder = Holder.of(relation, parent);
            if (found.containsKey(parent) || holder.loaded && !force) {
                continue;
            }
            if (!force && holder instanceof ToOneHolder<?> toOne && toOne.resolveWithoutIo()) {
                continue;
            }
            found.put(parent, new ArrayList<>());
            List<Object> key = key(relation.localAttributes(), parent);
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(parent);
                values.computeIfAbsent(key, k -> bindValues(relation, parent));
            }
        }
        if (found.isEmpty()) {
            return Mono.just(found);
        }
        List<List<Object>> keys = new ArrayList<>(byKey.keySet());
        List<List<List<Object>>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += batchSize()) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + batchSize())));
        }
        return Flux.fromIterable(chunks)
                .concatMap(chunk -> chunk(relation, chunk.stream().map(values::get).toList(), byKey, found, below))
                .then(Mono.fromSupplier(() -> found));
    }

    @SuppressWarnings("unchecked")
    private Mono<Void> chunk(Relation<?, ?> relation, List<List<Object>> keys, Map<List<Object>, List<Object>> byKey,
            Map<Object, List<Object>> found, List<Node> below) {
        Mapper<?> target = relation.target();
        List<Attribute> remote = relation.remoteAttributes();
        Select base = Sql.select(target.table());
        List<Column<?>> matched;
        int[] keyPositions;
        if (relation.kind() == Kind.MANY_TO_MANY) {
            matched = relation.secondaryLocalColumns();
            int first = target.attributes().size();
            base = base.addColumns(matched.toArray(Expression[]::new)).join(relation.secondary().orElseThrow(), Joins.of(relation).target());
            keyPositions = new int[matched.size()];
            for (int i = 0; i < keyPositions.length; i++) {
                keyPositions[i] = first + i;
            }
        } else {
            matched = remote.stream().<Column<?>>map(Attribute::column).toList();
            keyPositions = remote.stream().mapToInt(target.attributes()::indexOf).toArray();
        }
        base = base.where(Keys.in(matched, keys));
        if (!relation.orderBy().isEmpty()) {
            base = base.orderBy(relation.orderBy().toArray());
        }
        JoinedShape shape = JoinedShape.of(session.loader, target, base, below, false);
        // per parent, the children it has (by identity): rows repeat a child under a joined collection; a list
        // scan per row made a parent with n children cost n²/2 comparisons (seconds at 60,000)
        Map<Object, Set<Object>> seen = new IdentityHashMap<>();
        return session.connection.execute(shape.select).rows()
                .doOnNext(row -> {
                    Object child = shape.row(row);
                    List<Object> parents = byKey.get(rowKey(row, keyPositions, matched));
                    if (parents != null) {
                        for (Object parent : parents) {
                            if (seen.computeIfAbsent(parent, p -> Holder.identitySet()).add(child)) {
                                found.get(parent).add(child);
                            }
                        }
                    }
                })
                .then(Mono.fromRunnable(shape::finish));
    }

    /**
     * The parent's key values as the statement binds them: converted to the types of the fields whose
     * columns they are compared with (an {@code Integer} foreign key matched with a {@code Long} id).
     */
    private static List<Object> bindValues(Relation<?, ?> relation, Object parent) {
        List<Attribute> local = relation.localAttributes();
        List<Object> values = new ArrayList<>(local.size());
        for (int i = 0; i < local.size(); i++) {
            Object value = local.get(i).get(parent);
            values.add(relation.kind() == Kind.MANY_TO_MANY ? value : relation.remoteAttributes().get(i).coerce(value));
        }
        return values;
    }

    /** The key of an object for matching rows: its values of {@code attributes}, or {@code null} when one is null. */
    private static @Nullable List<Object> key(List<Attribute> attributes, Object entity) {
        Object[] values = new Object[attributes.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = attributes.get(i).get(entity);
            if (value == null || attributes.get(i).isGenerated() && attributes.get(i).isUnset(value)) {
                return null;
            }
            values[i] = normalise(value);
        }
        return Arrays.asList(values);
    }

    private static List<Object> rowKey(Row row, int[] positions, List<Column<?>> columns) {
        Object[] values = new Object[positions.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = normalise(columns.get(i).type().fromDriver(row.get(positions[i])));
        }
        return Arrays.asList(values);
    }

    /** Integral numbers as {@code Long} and byte arrays by content, so keys from fields and rows compare equal. */
    static @Nullable Object normalise(@Nullable Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        return value;
    }

    /**
     * Fills a holder with what a loader found, and points each child of a one-to-many (or
     * one-to-one) back at its parent when the child's many-to-one is unloaded.
     */
    static void fill(Relation<?, ?> relation, Object parent, Holder holder, List<Object> items) {
        if (holder instanceof ToManyHolder.Side side) {
            side.loaded(items);
        } else {
            ((ToOneHolder<?>) holder).loaded(items.isEmpty() ? null : items.get(0));
        }
        Relation<?, ?> inverse = relation.inverse().orElse(null);
        if (inverse != null && (relation.kind() == Kind.ONE_TO_MANY || relation.kind() == Kind.ONE_TO_ONE)) {
            for (Object child : items) {
                Holder back = Holder.of(inverse, child);
                if (!back.loaded) {
                    ((ToOneHolder<?>) back).loaded(parent);
                }
            }
        }
    }
}
