package dev.retort.orm.internal;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.expression.Between;
import dev.retort.core.sql.expression.Binary;
import dev.retort.core.sql.expression.Bind;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.InList;
import dev.retort.core.sql.expression.IsNull;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.sql.expression.Unary;
import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Mapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a bulk statement's WHERE clause and values against loaded objects, in Java, with SQL's
 * three-valued logic ({@code null} is UNKNOWN). It compiles only what it can evaluate exactly as
 * the server does: comparisons, integer arithmetic, AND/OR/NOT, IN, BETWEEN and IS NULL over
 * numbers, booleans and date/time values of the statement's own table; enums and UUIDs for
 * equality only; IS NULL of any column of the table. Text is refused (the server compares it under a collation, usually
 * case-insensitive), as are functions, subqueries and other tables' columns.
 */
final class Evaluator {

    /** The statement cannot be evaluated in Java; {@link #getMessage()} says why. */
    static final class Unevaluable extends Exception {
        private static final long serialVersionUID = 1L;

        Unevaluable(String reason) {
            super(reason, null, false, false);
        }
    }

    private enum Kind { INTEGRAL, DECIMAL, BOOLEAN, TEMPORAL, EXACT, NULL }

    /** A compiled expression: its kind (and for date/time, its class) and how to compute it from an object. */
    private record Node(Kind kind, @Nullable Class<?> temporal, Function<Object, @Nullable Object> value) {
        @Nullable Object eval(Object entity) {
            return value.apply(entity);
        }
    }

    private static final Set<Class<?>> INTEGRAL = Set.of(Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> DECIMAL = Set.of(BigDecimal.class, Double.class, Float.class);
    private static final Set<Class<?>> TEMPORAL = Set.of(LocalDate.class, LocalDateTime.class, LocalTime.class, Instant.class);

    private final Map<Column<?>, Attribute> attributes = new IdentityHashMap<>();

    Evaluator(Mapper<?> mapper) {
        mapper.attributes().forEach(attribute -> attributes.put(attribute.column(), attribute));
    }

    /** A predicate over objects: {@code TRUE} only when the condition holds (UNKNOWN does not match). */
    Function<Object, Boolean> condition(List<Expression<Boolean>> where) throws Unevaluable {
        List<Node> parts = new ArrayList<>();
        for (Expression<Boolean> condition : where) {
            Node node = compile(condition);
            requireKind(node, Kind.BOOLEAN, "a condition");
            parts.add(node);
        }
        return entity -> {
            for (Node part : parts) {
                if (!Boolean.TRUE.equals(part.eval(entity))) {
                    return false;
                }
            }
            return true;
        };
    }

    /** How to compute an assigned value from an object (before any assignment is applied). */
    Function<Object, @Nullable Object> value(@Nullable Object assigned) throws Unevaluable {
        if (!(assigned instanceof Expression<?> expression)) {
            return entity -> assigned;
        }
        if (expression instanceof Bind<?> bind && bind.hasValue()) {
            Object constant = bind.value();
            return entity -> constant;
        }
        if (expression instanceof Column<?> column && attributes.containsKey(column)) {
            Attribute attribute = attributes.get(column);
            return attribute::get;
        }
        return compile(expression).value();
    }

    private Node compile(Expression<?> expression) throws Unevaluable {
        if (expression instanceof Column<?> column) {
            Attribute attribute = attributes.get(column);
            if (attribute == null) {
                throw new Unevaluable("column " + column + " is not of the statement's table");
            }
            Class<?> type = boxed(attribute.javaType());
            return new Node(kindOf(type, column.toString()), TEMPORAL.contains(type) ? type : null, attribute::get);
        }
        if (expression instanceof Bind<?> bind) {
            if (!bind.hasValue()) {
                throw new Unevaluable("a bind parameter without a value");
            }
            Object constant = bind.value();
            if (constant == null) {
                return new Node(Kind.NULL, null, entity -> null);
            }
            Class<?> type = constant.getClass();
            return new Node(kindOf(type, "the value " + constant), TEMPORAL.contains(type) ? type : null, entity -> constant);
        }
        if (expression instanceof Binary<?> binary) {
            return binary(binary);
        }
        if (expression instanceof Unary<?> unary) {
            Node operand = compile(unary.operand());
            if (unary.operator() == Operator.NOT) {
                requireKind(operand, Kind.BOOLEAN, "NOT");
                return bool(entity -> not(operand.eval(entity)));
            }
            if (unary.operator() == Operator.NEGATE) {
                requireKind(operand, Kind.INTEGRAL, "unary minus");
                return new Node(Kind.INTEGRAL, null, entity -> {
                    Object v = operand.eval(entity);
                    return v == null ? null : integer(v).negate();
                });
            }
            throw new Unevaluable("the operator " + unary.operator());
        }
        if (expression instanceof BooleanList list) {
            List<Node> parts = new ArrayList<>();
            for (Expression<Boolean> condition : list.conditions()) {
                Node node = compile(condition);
                requireKind(node, Kind.BOOLEAN, list.operator().name());
                parts.add(node);
            }
            boolean and = list.operator() == Operator.AND;
            return bool(entity -> {
                Object result = and;
                for (Node part : parts) {
                    result = and ? and(result, part.eval(entity)) : or(result, part.eval(entity));
                }
                return result;
            });
        }
        if (expression instanceof InList in) {
            Node operand = compile(in.operand());
            List<Node> values = new ArrayList<>();
            for (Expression<?> value : in.values()) {
                Node node = compile(value);
                requireComparable(operand, node, true);
                values.add(node);
            }
            return bool(entity -> {
                Object left = operand.eval(entity);
                Object result = false;
                for (Node value : values) {
                    result = or(result, equal(left, value.eval(entity)));
                }
                return in.negated() ? not(result) : result;
            });
        }
        if (expression instanceof Between between) {
            Node operand = compile(between.operand());
            Node low = compile(between.low());
            Node high = compile(between.high());
            requireComparable(operand, low, false);
            requireComparable(operand, high, false);
            return bool(entity -> {
                Object value = operand.eval(entity);
                Object result = and(compare(value, low.eval(entity), c -> c >= 0), compare(value, high.eval(entity), c -> c <= 0));
                return between.negated() ? not(result) : result;
            });
        }
        if (expression instanceof IsNull isNull) {
            Node operand = isNull.operand() instanceof Column<?> column && attributes.containsKey(column)
                    ? new Node(Kind.EXACT, null, attributes.get(column)::get)
                    : compile(isNull.operand());
            return bool(entity -> (operand.eval(entity) == null) != isNull.negated());
        }
        throw new Unevaluable(expression.getClass().getSimpleName() + " expressions");
    }

    private Node binary(Binary<?> binary) throws Unevaluable {
        Node left = compile(binary.left());
        Node right = compile(binary.right());
        Operator operator = binary.operator();
        switch (operator) {
            case EQ, NE -> {
                requireComparable(left, right, true);
                boolean eq = operator == Operator.EQ;
                return bool(entity -> {
                    Object result = equal(left.eval(entity), right.eval(entity));
                    return eq ? result : not(result);
                });
            }
            case LT, LE, GT, GE -> {
                requireComparable(left, right, false);
                Function<Integer, Boolean> test = switch (operator) {
                    case LT -> c -> c < 0;
                    case LE -> c -> c <= 0;
                    case GT -> c -> c > 0;
                    default -> c -> c >= 0;
                };
                return bool(entity -> compare(left.eval(entity), right.eval(entity), test));
            }
            case AND, OR -> {
                requireKind(left, Kind.BOOLEAN, operator.name());
                requireKind(right, Kind.BOOLEAN, operator.name());
                boolean and = operator == Operator.AND;
                return bool(entity -> and ? and(left.eval(entity), right.eval(entity)) : or(left.eval(entity), right.eval(entity)));
            }
            case PLUS, MINUS, TIMES -> {
                requireKind(left, Kind.INTEGRAL, "integer arithmetic");
                requireKind(right, Kind.INTEGRAL, "integer arithmetic");
                return new Node(Kind.INTEGRAL, null, entity -> {
                    Object a = left.eval(entity);
                    Object b = right.eval(entity);
                    if (a == null || b == null) {
                        return null;
                    }
                    return switch (operator) {
                        case PLUS -> integer(a).add(integer(b));
                        case MINUS -> integer(a).subtract(integer(b));
                        default -> integer(a).multiply(integer(b));
                    };
                });
            }
            default -> throw new Unevaluable("the operator " + operator.sql());
        }
    }

    private static Kind kindOf(@Nullable Class<?> type, String what) throws Unevaluable {
        if (type == null) {
            return Kind.NULL;
        }
        if (INTEGRAL.contains(type)) {
            return Kind.INTEGRAL;
        }
        if (DECIMAL.contains(type)) {
            return Kind.DECIMAL;
        }
        if (type == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (TEMPORAL.contains(type)) {
            return Kind.TEMPORAL;
        }
        if (type.isEnum() || type == UUID.class) {
            return Kind.EXACT;
        }
        if (type == String.class) {
            throw new Unevaluable(what + " is text, which the server compares under its collation");
        }
        throw new Unevaluable(what + " is of type " + type.getSimpleName());
    }

    private static void requireKind(Node node, Kind kind, String what) throws Unevaluable {
        if (node.kind() != kind && node.kind() != Kind.NULL) {
            throw new Unevaluable(what + " over a " + node.kind() + " value");
        }
    }

    private static void requireComparable(Node a, Node b, boolean equalityOnly) throws Unevaluable {
        if (a.kind() == Kind.NULL || b.kind() == Kind.NULL) {
            return;
        }
        boolean numeric = (a.kind() == Kind.INTEGRAL || a.kind() == Kind.DECIMAL) && (b.kind() == Kind.INTEGRAL || b.kind() == Kind.DECIMAL);
        if (!numeric && a.kind() != b.kind()) {
            throw new Unevaluable("a comparison of " + a.kind() + " with " + b.kind());
        }
        if (a.kind() == Kind.TEMPORAL && a.temporal() != b.temporal()) {
            throw new Unevaluable("a comparison of " + a.temporal().getSimpleName() + " with " + b.temporal().getSimpleName());
        }
        if (a.kind() == Kind.EXACT && !equalityOnly) {
            throw new Unevaluable("an ordering comparison of enum or UUID values");
        }
    }

    private static Node bool(Function<Object, @Nullable Object> value) {
        return new Node(Kind.BOOLEAN, null, value);
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == int.class ? Integer.class : type == long.class ? Long.class : type == short.class ? Short.class
                : type == byte.class ? Byte.class : type == boolean.class ? Boolean.class : type == double.class ? Double.class
                : type == float.class ? Float.class : Character.class;
    }

    private static BigInteger integer(Object value) {
        return value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
    }

    private static @Nullable Object equal(@Nullable Object a, @Nullable Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return a.equals(b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static @Nullable Object compare(@Nullable Object a, @Nullable Object b, Function<Integer, Boolean> test) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return test.apply(new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())));
        }
        return test.apply(((Comparable) a).compareTo(b));
    }

    private static @Nullable Object not(@Nullable Object value) {
        return value == null ? null : !(Boolean) value;
    }

    private static @Nullable Object and(@Nullable Object a, @Nullable Object b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static @Nullable Object or(@Nullable Object a, @Nullable Object b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }
}
