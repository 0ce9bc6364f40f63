package dev.retort.core.sql;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.expression.AliasedColumn;
import dev.retort.core.sql.expression.Between;
import dev.retort.core.sql.expression.Binary;
import dev.retort.core.sql.expression.Bind;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Case;
import dev.retort.core.sql.expression.Cast;
import dev.retort.core.sql.expression.Exists;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.ExpressionVisitor;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.sql.expression.FunctionCall;
import dev.retort.core.sql.expression.InList;
import dev.retort.core.sql.expression.InQuery;
import dev.retort.core.sql.expression.Inserted;
import dev.retort.core.sql.expression.IsNull;
import dev.retort.core.sql.expression.Label;
import dev.retort.core.sql.expression.Like;
import dev.retort.core.sql.expression.Literal;
import dev.retort.core.sql.expression.ScalarQuery;
import dev.retort.core.sql.expression.Tuple;
import dev.retort.core.sql.expression.Unary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the tables and aliases whose columns expressions use, for FROM inference. Subqueries
 * are not entered: their own FROM clauses hold their tables.
 */
public final class FromCollector implements ExpressionVisitor<Void> {

    private final Set<FromClause> found;

    private FromCollector(Set<FromClause> found) {
        this.found = found;
    }

    /** The FROM items the expressions' columns belong to, in order of first appearance. */
    @SafeVarargs
    public static List<FromClause> collect(List<? extends Expression<?>>... expressionLists) {
        Set<FromClause> found = new LinkedHashSet<>();
        FromCollector collector = new FromCollector(found);
        for (List<? extends Expression<?>> expressions : expressionLists) {
            expressions.forEach(expression -> expression.accept(collector));
        }
        return new ArrayList<>(found);
    }

    private Void visitAll(Expression<?>... expressions) {
        for (Expression<?> expression : expressions) {
            if (expression != null) {
                expression.accept(this);
            }
        }
        return null;
    }

    @Override
    public Void visitColumn(Column<?> column) {
        found.add(column.table());
        return null;
    }

    @Override
    public Void visitAliasedColumn(AliasedColumn<?> column) {
        found.add(column.from());
        return null;
    }

    @Override
    public Void visitBind(Bind<?> bind) {
        return null;
    }

    @Override
    public Void visitLiteral(Literal<?> literal) {
        return null;
    }

    @Override
    public Void visitBinary(Binary<?> binary) {
        return visitAll(binary.left(), binary.right());
    }

    @Override
    public Void visitUnary(Unary<?> unary) {
        return visitAll(unary.operand());
    }

    @Override
    public Void visitBooleanList(BooleanList list) {
        list.conditions().forEach(condition -> condition.accept(this));
        return null;
    }

    @Override
    public Void visitInList(InList in) {
        visitAll(in.operand());
        in.values().forEach(value -> value.accept(this));
        return null;
    }

    @Override
    public Void visitInQuery(InQuery in) {
        return visitAll(in.operand());
    }

    @Override
    public Void visitBetween(Between between) {
        return visitAll(between.operand(), between.low(), between.high());
    }

    @Override
    public Void visitLike(Like like) {
        return visitAll(like.operand(), like.pattern());
    }

    @Override
    public Void visitIsNull(IsNull isNull) {
        return visitAll(isNull.operand());
    }

    @Override
    public Void visitFunction(FunctionCall<?> function) {
        function.arguments().forEach(argument -> argument.accept(this));
        return null;
    }

    @Override
    public Void visitCase(Case<?> expression) {
        expression.whens().forEach(when -> visitAll(when.condition(), when.result()));
        return visitAll(expression.otherwise());
    }

    @Override
    public Void visitCast(Cast<?> cast) {
        return visitAll(cast.operand());
    }

    @Override
    public Void visitExists(Exists exists) {
        return null;
    }

    @Override
    public Void visitScalarQuery(ScalarQuery<?> query) {
        return null;
    }

    @Override
    public Void visitLabel(Label<?> label) {
        return visitAll(label.expression());
    }

    @Override
    public Void visitTuple(Tuple tuple) {
        tuple.elements().forEach(element -> element.accept(this));
        return null;
    }

    @Override
    public Void visitInserted(Inserted<?> inserted) {
        return null;
    }
}
