package dev.retort.core.sql.expression;

import dev.retort.core.schema.Column;

/** Visits expression nodes; the SQL compiler is the main visitor. */
public interface ExpressionVisitor<R> {

    R visitColumn(Column<?> column);

    R visitAliasedColumn(AliasedColumn<?> column);

    R visitBind(Bind<?> bind);

    R visitLiteral(Literal<?> literal);

    R visitBinary(Binary<?> binary);

    R visitUnary(Unary<?> unary);

    R visitBooleanList(BooleanList list);

    R visitInList(InList in);

    R visitInQuery(InQuery in);

    R visitBetween(Between between);

    R visitLike(Like like);

    R visitIsNull(IsNull isNull);

    R visitFunction(FunctionCall<?> function);

    R visitCase(Case<?> expression);

    R visitCast(Cast<?> cast);

    R visitExists(Exists exists);

    R visitScalarQuery(ScalarQuery<?> query);

    R visitLabel(Label<?> label);

    R visitTuple(Tuple tuple);

    R visitInserted(Inserted<?> inserted);
}
