package dev.retort.core.sql.compile;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.Query;
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
import dev.retort.core.sql.expression.FunctionCall;
import dev.retort.core.sql.expression.InList;
import dev.retort.core.sql.expression.InQuery;
import dev.retort.core.sql.expression.Inserted;
import dev.retort.core.sql.expression.IsNull;
import dev.retort.core.sql.expression.Label;
import dev.retort.core.sql.expression.Like;
import dev.retort.core.sql.expression.Literal;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.sql.expression.ScalarQuery;
import dev.retort.core.sql.expression.Subqueryable;
import dev.retort.core.sql.expression.Tuple;
import dev.retort.core.sql.expression.Unary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes expressions into a {@link SqlWriter}, parenthesising by operator precedence only where
 * needed. Values are always written as {@code ?} binds.
 */
final class ExpressionWriter implements ExpressionVisitor<Void> {

    /** Precedence of atoms (columns, binds, function calls): never parenthesised. */
    private static final int ATOM = 100;
    /** Precedence of predicates such as IN, LIKE, BETWEEN, IS NULL. */
    private static final int PREDICATE = 4;

    private final SqlWriter out;
    private final SqlCompiler compiler;
    private @Nullable String insertRowAlias;
    private int parent;

    ExpressionWriter(SqlWriter out, SqlCompiler compiler) {
        this.out = out;
        this.compiler = compiler;
    }

    /** In an upsert on MySQL 8.0.19+, {@code inserted(c)} is written {@code alias.c}. */
    void insertRowAlias(@Nullable String alias) {
        this.insertRowAlias = alias;
    }

    /** Writes an expression at the top level (no parentheses around it). */
    void write(Expression<?> expression) {
        write(expression, 0);
    }

    private void write(Expression<?> expression, int parentPrecedence) {
        int saved = parent;
        parent = parentPrecedence;
        try {
            expression.accept(this);
        } finally {
            parent = saved;
        }
    }

    /** A select-list item: {@code expression [AS label]}. */
    void selectItem(Expression<?> expression) {
        if (expression instanceof Label<?> label) {
            write(label.expression());
            out.append(" AS ").append(out.dialect().quoteIdentifier(label.name()));
        } else {
            write(expression);
        }
    }

    /** A column by its bare name (RETURNING). */
    void unqualified(Expression<?> expression) {
        if (expression instanceof Column<?> column) {
            out.append(out.dialect().quoteIdentifier(column.name()));
        } else {
            selectItem(expression);
        }
    }

    private void open(int precedence) {
        if (precedence < parent) {
            out.append("(");
        }
    }

    private void close(int precedence) {
        if (precedence < parent) {
            out.append(")");
        }
    }

    private void subquery(Subqueryable query) {
        out.append("(");
        compiler.query(out, (Query) query);
        out.append(")");
    }

    @Override
    public Void visitColumn(Column<?> column) {
        out.append(out.tableName(column.table())).append(".").append(out.dialect().quoteIdentifier(column.name()));
        return null;
    }

    @Override
    public Void visitAliasedColumn(AliasedColumn<?> column) {
        out.append(out.dialect().quoteIdentifier(column.qualifier())).append(".")
                .append(out.dialect().quoteIdentifier(column.name()));
        return null;
    }

    @Override
    public Void visitBind(Bind<?> bind) {
        out.bind(bind);
        return null;
    }

    @Override
    public Void visitLiteral(Literal<?> literal) {
        out.append(literal.sql());
        return null;
    }

    @Override
    public Void visitBinary(Binary<?> binary) {
        int precedence = binary.operator().precedence();
        open(precedence);
        write(binary.left(), precedence);
        out.append(" ").append(binary.operator().sql()).append(" ");
        // a - (b - c), a * (b % c): at equal precedence the right side needs parentheses unless it is
        // the same associative operator (a + b + c, a * b * c), as SQLAlchemy's is_precedent
        boolean associative = (binary.operator() == Operator.PLUS || binary.operator() == Operator.TIMES)
                && binary.right() instanceof Binary<?> right && right.operator() == binary.operator();
        write(binary.right(), associative ? precedence : precedence + 1);
        close(precedence);
        return null;
    }

    @Override
    public Void visitUnary(Unary<?> unary) {
        Operator operator = unary.operator();
        int precedence = operator == Operator.DISTINCT ? ATOM : operator.precedence();
        open(precedence);
        out.append(operator == Operator.NEGATE ? "-" : operator.sql() + " ");
        // NOT binds looser than comparisons in MySQL; parentheses make NOT (a = b) read as meant
        int operandPrecedence = operator == Operator.DISTINCT ? 0 : operator == Operator.NOT ? ATOM : precedence + 1;
        write(unary.operand(), operandPrecedence);
        close(precedence);
        return null;
    }

    @Override
    public Void visitBooleanList(BooleanList list) {
        List<Expression<Boolean>> conditions = list.conditions();
        if (conditions.isEmpty()) {
            out.append(list.operator() == Operator.AND ? "1 = 1" : "1 = 0");
            return null;
        }
        if (conditions.size() == 1) {
            conditions.get(0).accept(this);
            return null;
        }
        int precedence = list.operator().precedence();
        open(precedence);
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                out.append(" ").append(list.operator().sql()).append(" ");
            }
            write(conditions.get(i), precedence + 1);
        }
        close(precedence);
        return null;
    }

    @Override
    public Void visitInList(InList in) {
        if (in.values().isEmpty()) {
            // x IN () is false and x NOT IN () true, even for NULL x (SQLAlchemy's empty-set rule)
            open(PREDICATE);
            out.append(in.negated() ? "1 = 1" : "1 = 0");
            close(PREDICATE);
            return null;
        }
        open(PREDICATE);
        write(in.operand(), PREDICATE + 1);
        out.append(in.negated() ? " NOT IN (" : " IN (");
        for (int i = 0; i < in.values().size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(in.values().get(i));
        }
        out.append(")");
        close(PREDICATE);
        return null;
    }

    @Override
    public Void visitInQuery(InQuery in) {
        open(PREDICATE);
        write(in.operand(), PREDICATE + 1);
        out.append(in.negated() ? " NOT IN " : " IN ");
        subquery(in.query());
        close(PREDICATE);
        return null;
    }

    @Override
    public Void visitBetween(Between between) {
        open(PREDICATE);
        write(between.operand(), PREDICATE + 1);
        out.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
        write(between.low(), PREDICATE + 1);
        out.append(" AND ");
        write(between.high(), PREDICATE + 1);
        close(PREDICATE);
        return null;
    }

    @Override
    public Void visitLike(Like like) {
        open(PREDICATE);
        if (like.caseInsensitive()) {
            out.append("LOWER(");
            write(like.operand());
            out.append(like.negated() ? ") NOT LIKE LOWER(" : ") LIKE LOWER(");
            write(like.pattern());
            out.append(")");
        } else {
            write(like.operand(), PREDICATE + 1);
            out.append(like.negated() ? " NOT LIKE " : " LIKE ");
            write(like.pattern(), PREDICATE + 1);
        }
        close(PREDICATE);
        return null;
    }

    @Override
    public Void visitIsNull(IsNull isNull) {
        open(PREDICATE);
        write(isNull.operand(), PREDICATE + 1);
        out.append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
        close(PREDICATE);
        return null;
    }

    @Override
    public Void visitFunction(FunctionCall<?> function) {
        out.append(function.name()).append("(");
        for (int i = 0; i < function.arguments().size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(function.arguments().get(i));
        }
        out.append(")");
        return null;
    }

    @Override
    public Void visitCase(Case<?> expression) {
        out.append("CASE");
        for (Case.When<?> when : expression.whens()) {
            out.append(" WHEN ");
            write(when.condition());
            out.append(" THEN ");
            write(when.result());
        }
        if (expression.otherwise() != null) {
            out.append(" ELSE ");
            write(expression.otherwise());
        }
        out.append(" END");
        return null;
    }

    @Override
    public Void visitCast(Cast<?> cast) {
        out.append("CAST(");
        write(cast.operand());
        out.append(" AS ").append(cast.type().accept(new CastTarget(out.dialect().isMariaDb()))).append(")");
        return null;
    }

    @Override
    public Void visitExists(Exists exists) {
        out.append("EXISTS ");
        subquery(exists.query());
        return null;
    }

    @Override
    public Void visitScalarQuery(ScalarQuery<?> query) {
        subquery(query.query());
        return null;
    }

    @Override
    public Void visitLabel(Label<?> label) {
        write(label.expression(), parent);
        return null;
    }

    @Override
    public Void visitTuple(Tuple tuple) {
        out.append("(");
        for (int i = 0; i < tuple.elements().size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(tuple.elements().get(i));
        }
        out.append(")");
        return null;
    }

    @Override
    public Void visitInserted(Inserted<?> inserted) {
        String name = out.dialect().quoteIdentifier(inserted.column().name());
        if (insertRowAlias != null) {
            out.append(insertRowAlias).append(".").append(name);
        } else {
            out.append("VALUES(").append(name).append(")");
        }
        return null;
    }
}
