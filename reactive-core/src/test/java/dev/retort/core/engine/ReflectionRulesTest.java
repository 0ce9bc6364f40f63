package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.schema.ServerDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the reflector reads COLUMN_DEFAULT, EXTRA and CHECK_CLAUSE as MariaDB and MySQL write them. */
class ReflectionRulesTest {

    private static ServerDefault literal(String value) {
        return new ServerDefault(value, true);
    }

    private static ServerDefault expression(String sql) {
        return new ServerDefault(sql, false);
    }

    @Test
    void mariaDbQuotesLiteralsAndWritesNullAsAWord() {
        assertThat(ReflectionRules.serverDefault(null, "", "varchar", true)).isNull();
        assertThat(ReflectionRules.serverDefault("NULL", "", "varchar", true)).isNull();
        assertThat(ReflectionRules.serverDefault("'NULL'", "", "varchar", true)).isEqualTo(literal("NULL"));
        assertThat(ReflectionRules.serverDefault("'draft'", "", "enum", true)).isEqualTo(literal("draft"));
        assertThat(ReflectionRules.serverDefault("'it''s'", "", "varchar", true)).isEqualTo(literal("it's"));
        assertThat(ReflectionRules.serverDefault("'x\\\\y''z'", "", "varchar", true)).isEqualTo(literal("x\\y'z"));
        assertThat(ReflectionRules.serverDefault("''", "", "varchar", true)).isEqualTo(literal(""));
        assertThat(ReflectionRules.serverDefault("'2020-01-01 00:00:00'", "", "datetime", true))
                .isEqualTo(literal("2020-01-01 00:00:00"));
        assertThat(ReflectionRules.serverDefault("'{}'", "", "longtext", true)).isEqualTo(literal("{}"));
    }

    @Test
    void numbersAreLiterals() {
        assertThat(ReflectionRules.serverDefault("5", "", "int", true)).isEqualTo(literal("5"));
        assertThat(ReflectionRules.serverDefault("0.00", "", "decimal", true)).isEqualTo(literal("0.00"));
        assertThat(ReflectionRules.serverDefault("-1.5e3", "", "double", true)).isEqualTo(literal("-1.5e3"));
        assertThat(ReflectionRules.serverDefault("1", "", "tinyint", true)).isEqualTo(literal("1"));
        assertThat(ReflectionRules.serverDefault("5", "", "int", false)).isEqualTo(literal("5"));
        assertThat(ReflectionRules.serverDefault("0.00", "", "decimal", false)).isEqualTo(literal("0.00"));
    }

    @Test
    void mariaDbWritesExpressionsBare() {
        assertThat(ReflectionRules.serverDefault("current_timestamp()", "on update current_timestamp()", "timestamp", true))
                .isEqualTo(expression("CURRENT_TIMESTAMP"));
        assertThat(ReflectionRules.serverDefault("current_timestamp(6)", "", "datetime", true))
                .isEqualTo(expression("CURRENT_TIMESTAMP(6)"));
        assertThat(ReflectionRules.serverDefault("uuid()", "", "varchar", true)).isEqualTo(expression("(uuid())"));
        assertThat(ReflectionRules.serverDefault("(1 + 1)", "", "int", true)).isEqualTo(expression("(1 + 1)"));
    }

    @Test
    void mySqlWritesLiteralsUnquotedAndFlagsExpressions() {
        assertThat(ReflectionRules.serverDefault(null, "", "varchar", false)).isNull();
        assertThat(ReflectionRules.serverDefault("draft", "", "enum", false)).isEqualTo(literal("draft"));
        assertThat(ReflectionRules.serverDefault("NULL", "", "varchar", false)).isEqualTo(literal("NULL"));
        assertThat(ReflectionRules.serverDefault("it's", "", "varchar", false)).isEqualTo(literal("it's"));
        assertThat(ReflectionRules.serverDefault("", "", "varchar", false)).isEqualTo(literal(""));
        assertThat(ReflectionRules.serverDefault("CURRENT_TIMESTAMP", "DEFAULT_GENERATED on update CURRENT_TIMESTAMP",
                "timestamp", false)).isEqualTo(expression("CURRENT_TIMESTAMP"));
        assertThat(ReflectionRules.serverDefault("CURRENT_TIMESTAMP(6)", "DEFAULT_GENERATED", "datetime", false))
                .isEqualTo(expression("CURRENT_TIMESTAMP(6)"));
        assertThat(ReflectionRules.serverDefault("CURRENT_TIMESTAMP", "", "timestamp", false))
                .isEqualTo(expression("CURRENT_TIMESTAMP"));
        assertThat(ReflectionRules.serverDefault("CURRENT_TIMESTAMP", "", "varchar", false))
                .isEqualTo(literal("CURRENT_TIMESTAMP"));
        assertThat(ReflectionRules.serverDefault("uuid()", "DEFAULT_GENERATED", "varchar", false))
                .isEqualTo(expression("(uuid())"));
        assertThat(ReflectionRules.serverDefault("2020-01-01 00:00:00", "", "datetime", false))
                .isEqualTo(literal("2020-01-01 00:00:00"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "on update current_timestamp()                 | CURRENT_TIMESTAMP",
            "DEFAULT_GENERATED on update CURRENT_TIMESTAMP | CURRENT_TIMESTAMP",
            "on update CURRENT_TIMESTAMP                   | CURRENT_TIMESTAMP",
            "on update current_timestamp(6)                | CURRENT_TIMESTAMP(6)",
            "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3) | CURRENT_TIMESTAMP(3)",
    })
    void readsTheOnUpdateClause(String extra, String expected) {
        assertThat(ReflectionRules.serverOnUpdate(extra)).isEqualTo(expected);
    }

    @Test
    void noOnUpdateClause() {
        assertThat(ReflectionRules.serverOnUpdate("")).isNull();
        assertThat(ReflectionRules.serverOnUpdate("auto_increment")).isNull();
        assertThat(ReflectionRules.serverOnUpdate("DEFAULT_GENERATED")).isNull();
    }

    @Test
    void spellsTheCurrentTimestampOneWay() {
        assertThat(ReflectionRules.expression("current_timestamp()")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(ReflectionRules.expression("CURRENT_TIMESTAMP")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(ReflectionRules.expression("now()")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(ReflectionRules.expression("current_timestamp(0)")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(ReflectionRules.expression("current_timestamp(6)")).isEqualTo("CURRENT_TIMESTAMP(6)");
        assertThat(ReflectionRules.expression("curdate()")).isEqualTo("(curdate())");
        assertThat(ReflectionRules.expression("(a) + (b)")).isEqualTo("((a) + (b))");
    }

    @Test
    void stripsParenthesesAroundTheWholeCheck() {
        assertThat(ReflectionRules.checkCondition("(`balance` >= 0)")).isEqualTo("`balance` >= 0");
        assertThat(ReflectionRules.checkCondition("`balance` >= 0")).isEqualTo("`balance` >= 0");
        assertThat(ReflectionRules.checkCondition("((`a` > 0) and (`b` > 0))")).isEqualTo("(`a` > 0) and (`b` > 0)");
        assertThat(ReflectionRules.checkCondition("(`a` > 0) and (`b` > 0)")).isEqualTo("(`a` > 0) and (`b` > 0)");
        assertThat(ReflectionRules.checkCondition("(`s` in ('(',')'))")).isEqualTo("`s` in ('(',')')");
        assertThat(ReflectionRules.checkCondition("(`s` <> ')(')")).isEqualTo("`s` <> ')('");
    }

    @Test
    void recognisesMariaDbsJsonCheck() {
        assertThat(ReflectionRules.jsonValidColumn("json_valid(`prefs`)")).isEqualTo("prefs");
        assertThat(ReflectionRules.jsonValidColumn("JSON_VALID(`odd``name`)")).isEqualTo("odd`name");
        assertThat(ReflectionRules.jsonValidColumn("json_valid(`prefs`) and `x` > 0")).isNull();
        assertThat(ReflectionRules.jsonValidColumn("`prefs` is null or json_valid(`prefs`)")).isNull();
        assertThat(ReflectionRules.jsonValidColumn("`balance` >= 0")).isNull();
    }
}
