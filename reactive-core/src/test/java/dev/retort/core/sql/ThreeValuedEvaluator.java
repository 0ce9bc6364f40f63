package dev.retort.core.sql;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.expression.Between;
import dev.retort.core.sql.expression.Binary;
import dev.retort.core.sql.expression.Bind;
import dev.retort.core.sql.expression.BooleanList;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.InList;
import dev.retort.core.sql.expression.IsNull;
import dev.retort.core.sql.expression.Like;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.sql.expression.Unary;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a where-expression tree of Retort expression nodes over one row in Java, with SQL's
 * three-valued logic: {@code Boolean.TRUE}, {@code Boolean.FALSE}, and {@code null} for UNKNOWN.
 * It is the reference semantics the {@link WherePropertiesTest} compares the database against.
 *
 * <ul>
 *   <li>comparisons with a NULL operand are UNKNOWN; strings compare by code point (the test
 *       column is {@code COLLATE utf8mb4_bin} and holds ASCII without trailing spaces);</li>
 *   <li>{@code NOT UNKNOWN} is UNKNOWN; AND is FALSE if any FALSE, else UNKNOWN if any UNKNOWN,
 *       else TRUE; OR dually; an empty AND is TRUE and an empty OR FALSE;</li>
 *   <li>{@code x IN (v…)} is TRUE if some non-NULL v equals x, else UNKNOWN if x is NULL or a v is
 *       NULL, else FALSE; {@code NOT IN} is its negation. Empty lists follow Retort's documented
 *       rule: {@code IN ()} is FALSE and {@code NOT IN ()} TRUE, even for a NULL x;</li>
 *   <li>{@code x BETWEEN lo AND hi} is {@code x >= lo AND x <= hi}; NOT BETWEEN its negation;</li>
 *   <li>{@code LIKE}: {@code %} matches any run of characters, {@code _} exactly one, everything
 *       else itself, case-sensitively (binary collation); a NULL operand or pattern is UNKNOWN.
 *       Patterns must not contain a backslash (MySQL's default LIKE escape).</li>
 * </ul>
 */
final class ThreeValuedEvaluator {

    private ThreeValuedEvaluator() {
    }

    /** TRUE, FALSE or {@code null} (UNKNOWN) for {@code condition} over {@code row} (values by column name). */
    static @Nullable Boolean eval(Expression<?> condition, Map<String, ?> row) {
        if (condition instanceof BooleanList list) {
            boolean and = list.operator() == Operator.AND;
            boolean unknown = false;
            for (Expression<Boolean> child : list.conditions()) {
                Boolean value = eval(child, row);
                if (value == null) {
                    unknown = true;
                } else if (value != and) {
                    return value; // FALSE decides an AND, TRUE an OR
                }
            }
            return unknown ? null : and;
        }
        if (condition instanceof Unary<?> unary && unary.operator() == Operator.NOT) {
            return not(eval(unary.operand(), row));
        }
        if (condition instanceof Binary<?> binary) {
            return compare(value(binary.left(), row), binary.operator(), value(binary.right(), row));
        }
        if (condition instanceof IsNull isNull) {
            return (value(isNull.operand(), row) == null) != isNull.negated();
        }
        if (condition instanceof InList in) {
            if (in.values().isEmpty()) {
                return in.negated();
            }
            Object x = value(in.operand(), row);
            Boolean result = Boolean.FALSE;
            for (Expression<?> item : in.values()) {
                Boolean eq = compare(x, Operator.EQ, value(item, row));
                if (eq == null) {
                    result = null;
                } else if (eq) {
                    result = Boolean.TRUE;
                    break;
                }
            }
            return in.negated() ? not(result) : result;
        }
        if (condition instanceof Between between) {
            Object x = value(between.operand(), row);
            Boolean result = and(compare(x, Operator.GE, value(between.low(), row)),
                    compare(x, Operator.LE, value(between.high(), row)));
            return between.negated() ? not(result) : result;
        }
        if (condition instanceof Like like) {
            if (like.caseInsensitive()) {
                throw new IllegalArgumentException("ilike is not modelled");
            }
            Object x = value(like.operand(), row);
            Object pattern = value(like.pattern(), row);
            Boolean result = x == null || pattern == null ? null : likeRegex((String) pattern).matcher((String) x).matches();
            return like.negated() ? not(result) : result;
        }
        throw new IllegalArgumentException("Not a modelled condition: " + condition);
    }

    static @Nullable Boolean not(@Nullable Boolean value) {
        return value == null ? null : !value;
    }

    static @Nullable Boolean and(@Nullable Boolean left, @Nullable Boolean right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return false;
        }
        return left == null || right == null ? null : Boolean.TRUE;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static @Nullable Boolean compare(@Nullable Object left, Operator operator, @Nullable Object right) {
        if (left == null || right == null) {
            return null;
        }
        int c = ((Comparable) left).compareTo(right);
        return switch (operator) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            default -> throw new IllegalArgumentException("Not a comparison: " + operator);
        };
    }

    /** The value of an operand: a column of the row or a bound value. */
    static @Nullable Object value(Expression<?> operand, Map<String, ?> row) {
        if (operand instanceof Column<?> column) {
            if (!row.containsKey(column.name())) {
                throw new IllegalArgumentException("No column " + column.name() + " in the row");
            }
            return row.get(column.name());
        }
        if (operand instanceof Bind<?> bind && bind.hasValue()) {
            return bind.value();
        }
        throw new IllegalArgumentException("Not a modelled operand: " + operand);
    }

    static Pattern likeRegex(String pattern) {
        if (pattern.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("Backslash escapes are not modelled: " + pattern);
        }
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** A compact, SQL-like rendering of a condition with its values inline, for failure messages. */
    static String render(Expression<?> e) {
        if (e instanceof BooleanList list) {
            return list.conditions().isEmpty()
                    ? (list.operator() == Operator.AND ? "and()" : "or()")
                    : list.conditions().stream().map(ThreeValuedEvaluator::render)
                            .collect(Collectors.joining(" " + list.operator().sql() + " ", "(", ")"));
        }
        if (e instanceof Unary<?> unary) {
            return unary.operator().sql() + " (" + render(unary.operand()) + ")";
        }
        if (e instanceof Binary<?> binary) {
            return render(binary.left()) + " " + binary.operator().sql() + " " + render(binary.right());
        }
        if (e instanceof IsNull isNull) {
            return render(isNull.operand()) + (isNull.negated() ? " IS NOT NULL" : " IS NULL");
        }
        if (e instanceof InList in) {
            return render(in.operand()) + (in.negated() ? " NOT IN " : " IN ")
                    + in.values().stream().map(ThreeValuedEvaluator::render).collect(Collectors.joining(", ", "(", ")"));
        }
        if (e instanceof Between b) {
            return render(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + render(b.low()) + " AND "
                    + render(b.high());
        }
        if (e instanceof Like like) {
            return render(like.operand()) + (like.negated() ? " NOT LIKE " : " LIKE ") + render(like.pattern());
        }
        if (e instanceof Column<?> column) {
            return column.name();
        }
        if (e instanceof Bind<?> bind) {
            Object v = bind.value();
            return v == null ? "NULL" : v instanceof String s ? "'" + s + "'" : String.valueOf(v);
        }
        return String.valueOf(e);
    }
}
