package dev.retort.core.sql;

import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.testing.DatabaseAdmin;
import dev.retort.core.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: for random where-expressions (comparisons, IS [NOT] NULL, [NOT] IN with empty lists and
 * NULLs, [NOT] BETWEEN with NULL bounds, [NOT] LIKE with {@code %}/{@code _}, nested AND/OR/NOT
 * including the empty {@code and()}/{@code or()}), the rows MariaDB/MySQL returns for
 * {@code select(id).where(expr)} are exactly those for which {@link ThreeValuedEvaluator} says TRUE
 * under SQL's three-valued logic. A difference means Retort compiled SQL whose meaning differs from
 * the expression tree (or the evaluator models SQL wrongly); the message shows the compiled SQL.
 *
 * <p>Decisions: NULLs are allowed inside IN lists ({@code Expression.in} binds them; SQL says
 * {@code x IN (1, NULL)} is TRUE for 1 and UNKNOWN otherwise) and as BETWEEN bounds and LIKE
 * patterns; {@code eq(null)}/{@code ne(null)} become IS [NOT] NULL by Retort's API and are
 * evaluated as the node they build. The string column is {@code COLLATE utf8mb4_bin} so LIKE and
 * comparisons are case-sensitive; data and patterns are ASCII without trailing spaces or
 * backslashes. Empty IN is FALSE and empty NOT IN TRUE even for a NULL operand (Retort's rule).
 *
 * <p>jqwik runs no JUnit 5 extensions, so the class makes and drops its own database.
 */
class WherePropertiesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROWS = 40;

    /** Strings stored in {@code s}: wildcards, case variations, the empty string. */
    private static final List<String> STRINGS = List.of("", "a", "A", "ab", "aB", "Ab", "abc", "ABC", "a%b", "a_b",
            "a%", "%a", "_", "%", "50%", "x_y", "xy", "b", "ba", "aab", "a b", "__", "A_B");

    private static final MetaData METADATA = new MetaData();
    private static final Table T = METADATA.table("wp_items",
            column("id", INTEGER).primaryKey(),
            column("a", INTEGER),
            column("b", INTEGER),
            column("s", string(20)));
    private static final Column<Integer> ID = T.c("id", Integer.class);
    private static final Column<Integer> A = T.c("a", Integer.class);
    private static final Column<Integer> B = T.c("b", Integer.class);
    private static final Column<String> S = T.c("s", String.class);

    private static String database;
    private static Engine engine;
    private static Dialect dialect;
    /** The table's rows by id, as inserted: values by column name. */
    private static final Map<Integer, Map<String, Object>> DATA = new LinkedHashMap<>();

    @BeforeContainer
    static void createTable() {
        database = DatabaseAdmin.uniqueName(WherePropertiesTest.class);
        DatabaseAdmin.create(database);
        engine = Engine.create(TestServers.urlFor(database), EngineOptions.defaults());
        engine.execute(text("CREATE TABLE wp_items (id INT NOT NULL PRIMARY KEY, a INT NULL, b INT NULL,"
                + " s VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL)")).rowcount().block(TIMEOUT);
        Random random = new Random(20_240_601L); // fixed data, the same on every run
        List<Map<Column<?>, Object>> rows = new ArrayList<>();
        for (int id = 1; id <= ROWS; id++) {
            Integer a = random.nextInt(8) == 0 ? null : random.nextInt(7) - 3;
            Integer b = random.nextInt(8) == 0 ? null : random.nextInt(7) - 3;
            String s = random.nextInt(8) == 0 ? null : STRINGS.get(random.nextInt(STRINGS.size()));
            if (id <= STRINGS.size()) {
                s = STRINGS.get(id - 1); // every string at least once
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("a", a);
            row.put("b", b);
            row.put("s", s);
            DATA.put(id, Collections.unmodifiableMap(row));
            Map<Column<?>, Object> values = new LinkedHashMap<>();
            values.put(ID, id);
            values.put(A, a);
            values.put(B, b);
            values.put(S, s);
            rows.add(values);
        }
        engine.execute(insert(T).values(rows)).rowcount().block(TIMEOUT);
        dialect = engine.dialect().block(TIMEOUT);
        List<Integer> stored = engine.execute(select(ID).orderBy(ID)).scalars(Integer.class).collectList().block(TIMEOUT);
        assertEquals(new ArrayList<>(DATA.keySet()), stored, "rows stored");
    }

    @AfterContainer
    static void dropDatabase() {
        try {
            if (engine != null) {
                engine.dispose().block(TIMEOUT);
            }
        } finally {
            if (database != null) {
                DatabaseAdmin.drop(database);
            }
        }
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.FULL)
    @SuppressWarnings("unchecked")
    void whereReturnsExactlyTheRowsTheExpressionIsTrueFor(@ForAll("whereLists") List<Expression<Boolean>> conditions) {
        // where(c1, c2, …) is AND of its conditions; most tries give one, some several
        Expression<Boolean> condition = andOf(conditions);
        Select statement = select(ID).where(conditions.toArray(Expression[]::new)).orderBy(ID);
        List<Integer> expected = DATA.entrySet().stream()
                .filter(entry -> Boolean.TRUE.equals(ThreeValuedEvaluator.eval(condition, entry.getValue())))
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        Statistics.label("matching rows").collect(expected.isEmpty() ? "none" : expected.size() == ROWS ? "all" : "some");
        List<Integer> actual = engine.execute(statement).scalars(Integer.class).collectList().block(TIMEOUT);
        if (!expected.equals(actual)) {
            Compiled compiled = statement.compile(dialect);
            List<Integer> missing = new ArrayList<>(expected);
            missing.removeAll(actual);
            List<Integer> extra = new ArrayList<>(actual);
            extra.removeAll(expected);
            assertEquals(expected, actual, "where " + conditions.stream().map(ThreeValuedEvaluator::render)
                            .collect(Collectors.joining(", "))
                    + "\n  compiled: " + compiled.sql()
                    + "\n  params:   " + compiled.presetValues()
                    + "\n  missing rows (evaluator TRUE, database not): " + rowsOf(missing)
                    + "\n  extra rows (database returned, evaluator not TRUE): " + rowsOf(extra));
        }
    }

    private static String rowsOf(List<Integer> ids) {
        return ids.stream().map(id -> DATA.get(id).toString()).limit(5).collect(Collectors.joining(", "))
                + (ids.size() > 5 ? " … (" + ids.size() + ")" : "");
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Expression<Boolean>>> whereLists() {
        Arbitrary<Expression<Boolean>> condition = condition(4);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, condition.map(List::of)),
                net.jqwik.api.Tuple.of(1, condition.list().ofMinSize(2).ofMaxSize(3)));
    }

    private static Arbitrary<Expression<Boolean>> condition(int depth) {
        Arbitrary<Expression<Boolean>> leaf = leaf();
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expression<Boolean>> sub = condition(depth - 1);
        Arbitrary<List<Expression<Boolean>>> children = sub.list().ofMinSize(0).ofMaxSize(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(2, children.map(WherePropertiesTest::andOf)),
                net.jqwik.api.Tuple.of(2, children.map(WherePropertiesTest::orOf)),
                net.jqwik.api.Tuple.of(1, sub.map(Sql::not)));
    }

    @SuppressWarnings("unchecked")
    private static Expression<Boolean> andOf(List<Expression<Boolean>> conditions) {
        return Sql.and(conditions.toArray(new Expression[0]));
    }

    @SuppressWarnings("unchecked")
    private static Expression<Boolean> orOf(List<Expression<Boolean>> conditions) {
        return Sql.or(conditions.toArray(new Expression[0]));
    }

    private static Arbitrary<Expression<Boolean>> leaf() {
        Arbitrary<Column<Integer>> intColumn = Arbitraries.of(A, B);
        Arbitrary<Integer> small = Arbitraries.integers().between(-4, 4);
        Arbitrary<Integer> nullableSmall = small.injectNull(0.1);
        Arbitrary<String> op = Arbitraries.of("=", "!=", "<", "<=", ">", ">=");
        Arbitrary<Boolean> negated = Arbitraries.of(false, true);

        Arbitrary<Expression<Boolean>> compareValue = Combinators.combine(intColumn, op, nullableSmall)
                .as(WherePropertiesTest::compare);
        Arbitrary<Expression<Boolean>> compareColumns = Combinators.combine(intColumn, op, intColumn)
                .as(WherePropertiesTest::compareColumns);
        Arbitrary<Expression<Boolean>> compareString = Combinators.combine(op, Arbitraries.of(STRINGS))
                .as((o, v) -> compare(S, o, v));
        Arbitrary<Expression<Boolean>> isNull = Combinators.combine(Arbitraries.of(A, B, S), negated)
                .as((c, n) -> n ? c.isNotNull() : c.isNull());
        Arbitrary<Expression<Boolean>> inList = Combinators.combine(intColumn, nullableSmall.list().ofMaxSize(3), negated)
                .as((c, values, n) -> WherePropertiesTest.<Integer>in(c, values, n));
        Arbitrary<Expression<Boolean>> inStrings = Combinators.combine(
                        Arbitraries.of(STRINGS).injectNull(0.1).list().ofMaxSize(3), negated)
                .as((values, n) -> WherePropertiesTest.<String>in(S, values, n));
        Arbitrary<Expression<Boolean>> between = Combinators.combine(intColumn, small.injectNull(0.05),
                        small.injectNull(0.05), negated)
                .as((c, low, high, n) -> n ? c.notBetween(low, high) : c.between(low, high));
        Arbitrary<String> pattern = Arbitraries.oneOf(
                Arbitraries.strings().withChars('a', 'A', 'b', 'x', '%', '_', '5', ' ').ofMaxLength(4),
                Arbitraries.of(STRINGS)).injectNull(0.05);
        Arbitrary<Expression<Boolean>> like = Combinators.combine(pattern, negated)
                .as((p, n) -> n ? S.notLike(p) : S.like(p));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, compareValue),
                net.jqwik.api.Tuple.of(2, compareColumns),
                net.jqwik.api.Tuple.of(1, compareString),
                net.jqwik.api.Tuple.of(2, isNull),
                net.jqwik.api.Tuple.of(3, inList),
                net.jqwik.api.Tuple.of(1, inStrings),
                net.jqwik.api.Tuple.of(2, between),
                net.jqwik.api.Tuple.of(3, like));
    }

    private static <T> Expression<Boolean> in(Column<T> column, List<T> values, boolean negated) {
        return negated ? column.notIn(values) : column.in(values);
    }

    private static <T extends Comparable<T>> Expression<Boolean> compare(Column<T> column, String op, T value) {
        return switch (op) {
            case "=" -> column.eq(value);
            case "!=" -> column.ne(value);
            case "<" -> column.lt(value);
            case "<=" -> column.le(value);
            case ">" -> column.gt(value);
            case ">=" -> column.ge(value);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static Expression<Boolean> compareColumns(Column<Integer> left, String op, Column<Integer> right) {
        return switch (op) {
            case "=" -> left.eq(right);
            case "!=" -> left.ne(right);
            case "<" -> left.lt(right);
            case "<=" -> left.le(right);
            case ">" -> left.gt(right);
            case ">=" -> left.ge(right);
            default -> throw new IllegalArgumentException(op);
        };
    }
}
