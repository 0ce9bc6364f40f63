package dev.retort.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.core.sql.expression.Binary;
import dev.retort.core.sql.expression.Bind;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.Operator;
import dev.retort.core.types.Types;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapper;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Metamodel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The Java evaluation of bulk statements: SQL's three-valued logic, integer arithmetic, and what it refuses. */
class EvaluatorTest {

    enum Level { LOW, HIGH }

    @Entity(table = "samples")
    static class Sample {
        @Id Integer id;
        Integer n;
        Long big;
        Short small;
        int prim;
        Boolean flag;
        BigDecimal amount;
        Double ratio;
        String name;
        LocalDate day;
        LocalDateTime at;
        Level level;
        UUID token;
    }

    @Entity(table = "others")
    static class Other {
        @Id Integer id;
        Integer n;
    }

    private static final Mapper<Sample> MAPPER = Mapping.mapperOf(Sample.class);

    private static final Column<Integer> N = Metamodel.column(Sample.class, "n");
    private static final Column<Long> BIG = Metamodel.column(Sample.class, "big");
    private static final Column<Short> SMALL = Metamodel.column(Sample.class, "small");
    private static final Column<Integer> PRIM = Metamodel.column(Sample.class, "prim");
    private static final Column<Boolean> FLAG = Metamodel.column(Sample.class, "flag");
    private static final Column<BigDecimal> AMOUNT = Metamodel.column(Sample.class, "amount");
    private static final Column<Double> RATIO = Metamodel.column(Sample.class, "ratio");
    private static final Column<String> NAME = Metamodel.column(Sample.class, "name");
    private static final Column<LocalDate> DAY = Metamodel.column(Sample.class, "day");
    private static final Column<LocalDateTime> AT = Metamodel.column(Sample.class, "at");
    private static final Column<Level> LEVEL = Metamodel.column(Sample.class, "level");
    private static final Column<UUID> TOKEN = Metamodel.column(Sample.class, "token");
    private static final Column<Integer> OTHER_N = Metamodel.column(Other.class, "n");

    private static Sample sample(@Nullable Integer n, @Nullable Boolean flag) {
        Sample sample = new Sample();
        sample.id = 1;
        sample.n = n;
        sample.flag = flag;
        return sample;
    }

    /** TRUE, FALSE or UNKNOWN ({@code null}) of a condition for {@code sample}. */
    private static @Nullable Object truth(Expression<Boolean> condition, Sample sample) throws Evaluator.Unevaluable {
        Object value = new Evaluator(MAPPER).value(condition).apply(sample);
        boolean matches = new Evaluator(MAPPER).condition(List.of(condition)).apply(sample);
        assertThat(matches).as("a condition matches exactly when it is TRUE").isEqualTo(Boolean.TRUE.equals(value));
        return value;
    }

    private static @Nullable Object value(Object assigned, Sample sample) throws Evaluator.Unevaluable {
        return new Evaluator(MAPPER).value(assigned).apply(sample);
    }

    private static void refused(Expression<Boolean> condition, String reason) {
        assertThatThrownBy(() -> new Evaluator(MAPPER).condition(List.of(condition)))
                .isInstanceOf(Evaluator.Unevaluable.class).hasMessage(reason);
    }

    private static void refusedValue(Expression<?> value, String reason) {
        assertThatThrownBy(() -> new Evaluator(MAPPER).value(value)).isInstanceOf(Evaluator.Unevaluable.class).hasMessage(reason);
    }

    // ---- three-valued logic ------------------------------------------------------------------

    @Test
    void comparisonsWithNullAreUnknown() throws Exception {
        assertThat(truth(N.eq(1), sample(null, true))).isNull();
        assertThat(truth(N.ne(1), sample(null, true))).isNull();
        assertThat(truth(N.gt(1), sample(null, true))).isNull();
        assertThat(truth(N.eq(N), sample(null, true))).isNull();
        assertThat(truth(N.eq(1), sample(1, true))).isEqualTo(true);
        assertThat(truth(N.ne(1), sample(1, true))).isEqualTo(false);
        assertThat(truth(N.eq(Bind.of(null, Types.INTEGER)), sample(1, true))).isNull();
    }

    @Test
    void andOrNotFollowSqlTruthTables() throws Exception {
        Sample unknownAndTrue = sample(null, true);
        Sample unknownAndFalse = sample(null, false);
        Expression<Boolean> unknown = N.eq(1);

        assertThat(truth(Sql.and(unknown, FLAG.eq(true)), unknownAndTrue)).isNull();
        assertThat(truth(Sql.and(unknown, FLAG.eq(true)), unknownAndFalse)).isEqualTo(false);
        assertThat(truth(Sql.and(FLAG.eq(false), unknown), unknownAndTrue)).isEqualTo(false);
        assertThat(truth(Sql.and(unknown, N.gt(0)), unknownAndTrue)).isNull();
        assertThat(truth(Sql.or(unknown, FLAG.eq(true)), unknownAndTrue)).isEqualTo(true);
        assertThat(truth(Sql.or(unknown, FLAG.eq(true)), unknownAndFalse)).isNull();
        assertThat(truth(Sql.or(FLAG.eq(true), unknown), unknownAndTrue)).isEqualTo(true);
        assertThat(truth(Sql.or(unknown, N.gt(0)), unknownAndTrue)).isNull();
        assertThat(truth(Sql.not(unknown), unknownAndTrue)).isNull();
        assertThat(truth(Sql.not(FLAG.eq(true)), unknownAndTrue)).isEqualTo(false);
        assertThat(truth(Sql.not(Sql.not(FLAG)), unknownAndFalse)).isEqualTo(false);
        assertThat(truth(Sql.and(FLAG, FLAG.eq(true), Sql.or(N.isNull(), unknown)), unknownAndTrue)).isEqualTo(true);
        assertThat(truth(Sql.and(), unknownAndTrue)).isEqualTo(true);
        assertThat(truth(Sql.or(), unknownAndTrue)).isEqualTo(false);
        assertThat(truth(new Binary<>(unknown, Operator.AND, FLAG, Types.BOOLEAN), unknownAndTrue)).isNull();
        assertThat(truth(new Binary<>(unknown, Operator.AND, FLAG, Types.BOOLEAN), unknownAndFalse)).isEqualTo(false);
        assertThat(truth(new Binary<>(unknown, Operator.OR, FLAG, Types.BOOLEAN), unknownAndTrue)).isEqualTo(true);
        assertThat(truth(new Binary<>(unknown, Operator.OR, FLAG, Types.BOOLEAN), unknownAndFalse)).isNull();
        assertThat(truth(FLAG, sample(1, null))).isNull();
    }

    @Test
    void inWithNulls() throws Exception {
        assertThat(truth(N.in(List.of(1, 2)), sample(2, null))).isEqualTo(true);
        assertThat(truth(N.in(List.of(1, 2)), sample(3, null))).isEqualTo(false);
        assertThat(truth(N.in(List.of(1, 2)), sample(null, null))).isNull();
        assertThat(truth(N.in(Arrays.asList(1, null)), sample(1, null))).isEqualTo(true);
        assertThat(truth(N.in(Arrays.asList(1, null)), sample(3, null))).isNull();
        assertThat(truth(N.notIn(List.of(1, 2)), sample(3, null))).isEqualTo(true);
        assertThat(truth(N.notIn(List.of(1, 2)), sample(1, null))).isEqualTo(false);
        assertThat(truth(N.notIn(Arrays.asList(1, null)), sample(3, null))).isNull();
        assertThat(truth(N.notIn(List.of(1, 2)), sample(null, null))).isNull();
        assertThat(truth(N.in(List.of()), sample(null, null))).isEqualTo(false);
        assertThat(truth(N.notIn(List.of()), sample(null, null))).isEqualTo(true);
        assertThat(truth(BIG.in(List.of(5L, 6L)), withBig(6L))).isEqualTo(true);
    }

    private static Sample withBig(long value) {
        Sample sample = sample(null, null);
        sample.big = value;
        return sample;
    }

    @Test
    void betweenWithNulls() throws Exception {
        assertThat(truth(N.between(1, 10), sample(1, null))).isEqualTo(true);
        assertThat(truth(N.between(1, 10), sample(10, null))).isEqualTo(true);
        assertThat(truth(N.between(1, 10), sample(11, null))).isEqualTo(false);
        assertThat(truth(N.between(1, 10), sample(null, null))).isNull();
        assertThat(truth(N.between(1, null), sample(5, null))).isNull();
        assertThat(truth(N.between(1, null), sample(0, null))).isEqualTo(false);
        assertThat(truth(N.between(null, 10), sample(11, null))).isEqualTo(false);
        assertThat(truth(N.notBetween(1, 10), sample(11, null))).isEqualTo(true);
        assertThat(truth(N.notBetween(1, 10), sample(5, null))).isEqualTo(false);
        assertThat(truth(N.notBetween(1, null), sample(5, null))).isNull();
        assertThat(truth(N.notBetween(1, null), sample(0, null))).isEqualTo(true);
    }

    @Test
    void isNullIsNeverUnknown() throws Exception {
        assertThat(truth(N.isNull(), sample(null, null))).isEqualTo(true);
        assertThat(truth(N.isNull(), sample(0, null))).isEqualTo(false);
        assertThat(truth(N.isNotNull(), sample(null, null))).isEqualTo(false);
        assertThat(truth(N.isNotNull(), sample(0, null))).isEqualTo(true);
        assertThat(truth(N.eq((Integer) null), sample(null, null))).isEqualTo(true);
        assertThat(truth(Sql.not(N.gt(1)).isNull(), sample(null, null))).isEqualTo(true);
    }

    // ---- what can be compared ------------------------------------------------------------------

    @Test
    void numbersCompareByValueAcrossTypes() throws Exception {
        Sample sample = sample(7, null);
        sample.big = 7L;
        sample.small = (short) 7;
        sample.amount = new BigDecimal("7.00");
        sample.ratio = 0.5;

        assertThat(truth(N.eq(new Bind<>(null, 7L, true, Types.INTEGER)), sample)).isEqualTo(true);
        assertThat(truth(BIG.eq(7L), sample)).isEqualTo(true);
        assertThat(truth(SMALL.lt((short) 8), sample)).isEqualTo(true);
        assertThat(truth(AMOUNT.eq(new BigDecimal("7")), sample)).isEqualTo(true);
        assertThat(truth(AMOUNT.gt(new BigDecimal("6.99")), sample)).isEqualTo(true);
        assertThat(truth(new Binary<>(AMOUNT, Operator.EQ, N, Types.BOOLEAN), sample)).isEqualTo(true);
        assertThat(truth(RATIO.ge(0.5), sample)).isEqualTo(true);
        assertThat(truth(RATIO.lt(0.25), sample)).isEqualTo(false);
        assertThat(truth(PRIM.eq(0), sample)).isEqualTo(true);
    }

    @Test
    void datesBooleansEnumsAndUuids() throws Exception {
        Sample sample = sample(null, false);
        sample.day = LocalDate.of(2024, 2, 29);
        sample.at = LocalDateTime.of(2024, 2, 29, 12, 0);
        sample.level = Level.HIGH;
        sample.token = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        assertThat(truth(DAY.lt(LocalDate.of(2024, 3, 1)), sample)).isEqualTo(true);
        assertThat(truth(DAY.between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 28)), sample)).isEqualTo(false);
        assertThat(truth(AT.ge(LocalDateTime.of(2024, 2, 29, 12, 0)), sample)).isEqualTo(true);
        assertThat(truth(FLAG.eq(false), sample)).isEqualTo(true);
        assertThat(truth(FLAG.lt(true), sample)).isEqualTo(true);
        assertThat(truth(LEVEL.eq(Level.HIGH), sample)).isEqualTo(true);
        assertThat(truth(LEVEL.in(List.of(Level.LOW)), sample)).isEqualTo(false);
        assertThat(truth(TOKEN.eq(UUID.fromString("123E4567-E89B-12D3-A456-426614174000")), sample)).isEqualTo(true);
        assertThat(truth(TOKEN.ne(UUID.randomUUID()), sample)).isEqualTo(true);
    }

    // ---- values --------------------------------------------------------------------------------

    @Test
    void integerArithmeticInSetValues() throws Exception {
        Sample sample = sample(5, null);
        sample.big = Long.MAX_VALUE - 1;
        sample.small = (short) 3;
        sample.prim = 4;

        assertThat(value(N.plus(1), sample)).isEqualTo(BigInteger.valueOf(6));
        assertThat(value(N.minus(N.times(3)), sample)).isEqualTo(BigInteger.valueOf(-10));
        assertThat(value(N.negate(), sample)).isEqualTo(BigInteger.valueOf(-5));
        assertThat(value(BIG.plus(1L), sample)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(value(SMALL.times(SMALL), sample)).isEqualTo(BigInteger.valueOf(9));
        assertThat(value(PRIM.plus(N), sample)).isEqualTo(BigInteger.valueOf(9));
        assertThat(value(N.plus(1), sample(null, null))).isNull();
        assertThat(value(N.plus(Bind.of(null, Types.INTEGER)), sample)).isNull();
        assertThat(value(N, sample)).isEqualTo(5);
        assertThat(value(42, sample)).isEqualTo(42);
        assertThat(value(Bind.of("any text", Types.TEXT), sample)).isEqualTo("any text");
        assertThat(value(N.gt(3), sample)).isEqualTo(true);

        MAPPER.attribute("n").set(sample, value(N.times(N), sample));
        assertThat(sample.n).isEqualTo(25);
        MAPPER.attribute("small").set(sample, value(SMALL.minus((short) 10), sample));
        assertThat(sample.small).isEqualTo((short) -7);
        MAPPER.attribute("big").set(sample, value(BIG.plus(1L), sample));
        assertThat(sample.big).isEqualTo(Long.MAX_VALUE);
    }

    // ---- refusals --------------------------------------------------------------------------------

    @Test
    void textIsRefused() {
        refused(NAME.eq("Bob"), "samples.name is text, which the server compares under its collation");
        refused(NAME.in(List.of("a", "b")), "samples.name is text, which the server compares under its collation");
        refused(new Binary<>(N, Operator.EQ, Bind.of("1", Types.TEXT), Types.BOOLEAN),
                "the value 1 is text, which the server compares under its collation");
    }

    @Test
    void likeAndFunctionsAreRefused() {
        refused(NAME.like("B%"), "Like expressions");
        refused(N.like("1%"), "Like expressions");
        refused(Sql.func.lower(NAME).eq("bob"), "FunctionCall expressions");
        refused(AT.lt(Sql.func.now()), "FunctionCall expressions");
        refusedValue(Sql.func.call("ABS", Types.INTEGER, N), "FunctionCall expressions");
        refusedValue(NAME.concat("!"), "FunctionCall expressions");
    }

    @Test
    void otherTablesColumnsAndSubqueriesAreRefused() {
        refused(OTHER_N.eq(1), "column others.n is not of the statement's table");
        refused(N.eq(OTHER_N), "column others.n is not of the statement's table");
        refusedValue(OTHER_N, "column others.n is not of the statement's table");
        refused(N.in(Sql.select(OTHER_N)), "InQuery expressions");
        refused(Sql.exists(Sql.select(OTHER_N)), "Exists expressions");
    }

    @Test
    void decimalArithmeticDivisionAndModuloAreRefused() {
        refusedValue(AMOUNT.plus(BigDecimal.ONE), "integer arithmetic over a DECIMAL value");
        refusedValue(RATIO.times(2.0), "integer arithmetic over a DECIMAL value");
        refusedValue(N.plus(new Bind<>(null, new BigDecimal("0.5"), true, Types.INTEGER)), "integer arithmetic over a DECIMAL value");
        refusedValue(N.dividedBy(2), "the operator /");
        refusedValue(N.mod(2), "the operator %");
        refusedValue(AMOUNT.negate(), "unary minus over a DECIMAL value");
    }

    @Test
    void mismatchedKindsAndOrderingOfEnumsAreRefused() {
        refused(new Binary<>(FLAG, Operator.EQ, Bind.of(1, Types.INTEGER), Types.BOOLEAN), "a comparison of BOOLEAN with INTEGRAL");
        refused(new Binary<>(DAY, Operator.LT, Bind.of(LocalDateTime.of(2024, 1, 1, 0, 0), Types.DATETIME), Types.BOOLEAN),
                "a comparison of LocalDate with LocalDateTime");
        refused(LEVEL.lt(Level.HIGH), "an ordering comparison of enum or UUID values");
        refused(TOKEN.between(UUID.randomUUID(), UUID.randomUUID()), "an ordering comparison of enum or UUID values");
        refusedValue(FLAG.plus(true), "integer arithmetic over a BOOLEAN value");
        refused(Sql.bindparam("later", Types.INTEGER).eq(N), "a bind parameter without a value");
        refused(Sql.caseWhen(FLAG, true, Types.BOOLEAN), "Case expressions");
    }

    @Test
    void aConditionMustBeBoolean() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Expression<Boolean> number = (Expression) N;
        refused(number, "a condition over a INTEGRAL value");
        refused(Sql.not(number), "NOT over a INTEGRAL value");
        refused(Sql.and(FLAG, number), "AND over a INTEGRAL value");
    }
}
