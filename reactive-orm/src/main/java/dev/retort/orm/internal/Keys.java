package dev.retort.orm.internal;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.InList;
import dev.retort.core.types.SqlType;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Mapper;
import java.util.ArrayList;
import java.util.List;

/** WHERE clauses naming rows by primary key. */
final class Keys {

    /** How many keys one statement names at most (selectin-style chunks). */
    static final int CHUNK = 500;

    private Keys() {
    }

    /** {@code pk = ?} (AND-ed for a composite key). */
    static Expression<Boolean> matching(Mapper<?> mapper, IdentityKey key) {
        List<Attribute> ids = mapper.primaryKey();
        List<Expression<Boolean>> parts = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            parts.add(equal(ids.get(i).column(), key.values().get(i)));
        }
        return parts.size() == 1 ? parts.get(0) : and(parts);
    }

    /** {@code pk IN (…)}, or an OR of AND-ed equalities for a composite key. */
    @SuppressWarnings("unchecked")
    static Expression<Boolean> matchingAny(Mapper<?> mapper, List<IdentityKey> keys) {
        List<Attribute> ids = mapper.primaryKey();
        if (keys.size() == 1) {
            return matching(mapper, keys.get(0));
        }
        if (ids.size() == 1) {
            List<Object> values = keys.stream().map(key -> key.values().get(0)).toList();
            return ((Column<Object>) ids.get(0).column()).in(values);
        }
        List<Expression<Boolean>> any = keys.stream().map(key -> matching(mapper, key)).toList();
        return any.size() == 1 ? any.get(0) : Sql.or(any.toArray(Expression[]::new));
    }

    @SuppressWarnings("unchecked")
    static Expression<Boolean> equal(Column<?> column, Object value) {
        return ((Column<Object>) column).eq(value);
    }

    @SuppressWarnings("unchecked")
    static Expression<Boolean> and(List<Expression<Boolean>> parts) {
        return Sql.and(parts.toArray(Expression[]::new));
    }

    /** {@code col IN (…)}, or the row-value form {@code (a, b) IN ((?, ?), …)} for several columns. */
    @SuppressWarnings("unchecked")
    static Expression<Boolean> in(List<Column<?>> columns, List<List<Object>> keys) {
        if (columns.size() == 1) {
            Column<Object> column = (Column<Object>) columns.get(0);
            return column.in(keys.stream().map(key -> key.get(0)).toList());
        }
        List<Expression<?>> rows = keys.stream().<Expression<?>>map(key -> Sql.tuple(literals(columns, key))).toList();
        return new InList(Sql.tuple(columns.toArray(Expression[]::new)), rows, false);
    }

    /** Bound values typed by their columns, for row values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Expression<?>[] literals(List<? extends Column<?>> columns, List<Object> values) {
        Expression<?>[] literals = new Expression[columns.size()];
        for (int i = 0; i < literals.length; i++) {
            literals[i] = Sql.literal(values.get(i), (SqlType) columns.get(i).type());
        }
        return literals;
    }

    /** {@code list} cut into pieces of at most {@link #CHUNK}. */
    static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < list.size(); from += CHUNK) {
            chunks.add(list.subList(from, Math.min(list.size(), from + CHUNK)));
        }
        return chunks;
    }
}
