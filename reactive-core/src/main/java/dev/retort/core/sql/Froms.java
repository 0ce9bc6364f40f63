package dev.retort.core.sql;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.AliasedColumn;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.Operator;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** FROM inference and join-condition inference from foreign keys. */
final class Froms {

    private Froms() {
    }

    /** The tables and aliases the expressions' columns come from, in order of first appearance. */
    static List<FromClause> inferred(List<? extends Expression<?>> columns, List<? extends Expression<?>> conditions) {
        return FromCollector.collect(columns, conditions);
    }

    /**
     * The joins of an UPDATE or DELETE with one more: {@code target} joined to what is joined so far
     * (the statement's table at first), on {@code on} or the inferred foreign-key condition.
     */
    static List<Join> withJoin(FromClause base, List<Join> joins, FromClause target, @Nullable Expression<Boolean> on) {
        List<Join> more = new ArrayList<>(joins);
        FromClause left = joins.isEmpty() ? base : joins.get(joins.size() - 1);
        more.add(new Join(left, target, on != null ? on : inferJoinCondition(left, target), Join.Kind.INNER));
        return more;
    }

    /** Every table or alias inside a FROM item (the sides of joins, recursively). */
    static List<FromClause> leaves(FromClause from) {
        List<FromClause> leaves = new ArrayList<>();
        if (from instanceof Join join) {
            leaves.addAll(leaves(join.left()));
            leaves.addAll(leaves(join.right()));
        } else {
            leaves.add(from);
        }
        return leaves;
    }

    /**
     * The ON condition between {@code left} (possibly a join) and {@code target}: the single foreign
     * key between a table of {@code left} and {@code target}, in either direction.
     *
     * @throws InvalidRequestException when there is no such foreign key or more than one
     */
    static Expression<Boolean> inferJoinCondition(FromClause left, FromClause target) {
        Table targetTable = tableOf(target);
        List<Expression<Boolean>> candidates = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (FromClause leaf : leaves(left)) {
            Table leafTable = tableOf(leaf);
            if (leafTable == null || targetTable == null) {
                continue;
            }
            for (ForeignKey key : leafTable.foreignKeys()) {
                if (referred(leafTable, key) == targetTable) {
                    candidates.add(condition(leaf, key, target));
                    described.add(leafTable.name() + key.columnNames() + " -> " + targetTable.name());
                }
            }
            if (leafTable != targetTable) {
                for (ForeignKey key : targetTable.foreignKeys()) {
                    if (referred(targetTable, key) == leafTable) {
                        candidates.add(condition(target, key, leaf));
                        described.add(targetTable.name() + key.columnNames() + " -> " + leafTable.name());
                    }
                }
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new InvalidRequestException("Cannot infer how to join " + describe(target) + " to " + describe(left)
                    + ": no foreign key links them; give the ON condition");
        }
        throw new InvalidRequestException("Cannot infer how to join " + describe(target) + " to " + describe(left)
                + ": several foreign keys link them " + described + "; give the ON condition");
    }

    private static Table referred(Table from, ForeignKey key) {
        return from.metadata().referredTable(from, key);
    }

    /** {@code from.fk_col = to.ref_col [AND …]}, through aliases where the sides are aliased. */
    private static Expression<Boolean> condition(FromClause from, ForeignKey key, FromClause to) {
        List<Expression<Boolean>> parts = new ArrayList<>();
        for (int i = 0; i < key.columnNames().size(); i++) {
            Expression<Object> local = column(from, key.columnNames().get(i));
            Expression<Object> remote = column(to, key.referredColumns().get(i));
            parts.add(local.eq(remote));
        }
        return parts.size() == 1 ? parts.get(0) : new BooleanList(Operator.AND, parts);
    }

    @SuppressWarnings("unchecked")
    private static Expression<Object> column(FromClause from, String name) {
        if (from instanceof TableAlias alias) {
            return (Expression<Object>) alias.c(name);
        }
        return (Expression<Object>) (Expression<?>) ((Table) from).c(name);
    }

    private static Table tableOf(FromClause from) {
        if (from instanceof Table table) {
            return table;
        }
        if (from instanceof TableAlias alias) {
            return alias.table();
        }
        return null;
    }

    /** A FROM item as named in messages. */
    static String describe(FromClause from) {
        if (from instanceof Table table) {
            return "table '" + table.name() + "'";
        }
        if (from instanceof TableAlias alias) {
            return "table '" + alias.table().name() + "' (as " + alias.name() + ")";
        }
        if (from instanceof DerivedTable derived) {
            return "'" + derived.name() + "'";
        }
        if (from instanceof Join join) {
            return describe(join.left()) + " joined with " + describe(join.right());
        }
        return from.toString();
    }

    /** Which FROM item a column expression belongs to. */
    static FromClause ownerOf(Expression<?> expression) {
        if (expression instanceof Column<?> column) {
            return column.table();
        }
        if (expression instanceof AliasedColumn<?> aliased) {
            return aliased.from();
        }
        return null;
    }
}
