package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.schema.ServerDefault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the reflector reads COLUMN_DEFAULT, EXTRA and CHECK_CLAUSE as MariaDB and MySQL write them. */
class ReflectorRulesTest {

    private static ServerDefault literal(String value) {
        return new ServerDefault(value, true);
    }

    private static ServerDefault expression(String sql) {
        return new ServerDefault(sql, false);
    }

    @Test
    void mariaDbQuotesLiteralsAndWritesNullAsAWord() {
        assertThat(Reflector.serverDefault(null, "", "varchar", true)).isNull();
        assertThat(Reflector.serverDefault("NULL", "", "varchar", true)).isNull();
        assertThat(Reflector.serverDefault("'NULL'", "", "varchar", true)).isEqualTo(literal("NULL"));
        assertThat(Reflector.serverDefault("'draft'", "", "enum", true)).isEqualTo(literal("draft"));
        assertThat(Reflector.serverDefault("'it''s'", "", "varchar", true)).isEqualTo(literal("it's"));
        assertThat(Reflector.serverDefault("'x\\\\y''z'", "", "varchar", true)).isEqualTo(literal("x\\y'z"));
        assertThat(Reflector.serverDefault("''", "", "varchar", true)).isEqualTo(literal(""));
        assertThat(Reflector.serverDefault("'2020-01-01 00:00:00'", "", "datetime", true))
                .isEqualTo(literal("2020-01-01 00:00:00"));
        assertThat(Reflector.serverDefault("'{}'", "", "longtext", true)).isEqualTo(literal("{}"));
    }

    @Test
    void numbersAreLiterals() {
        assertThat(Reflector.serverDefault("5", "", "int", true)).isEqualTo(literal("5"));
        assertThat(Reflector.serverDefault("0.00", "", "decimal", true)).isEqualTo(literal("0.00"));
        assertThat(Reflector.serverDefault("-1.5e3", "", "double", true)).isEqualTo(literal("-1.5e3"));
        assertThat(Reflector.serverDefault("1", "", "tinyint", true)).isEqualTo(literal("1"));
        assertThat(Reflector.serverDefault("5", "", "int", false)).isEqualTo(literal("5"));
        assertThat(Reflector.serverDefault("0.00", "", "decimal", false)).isEqualTo(literal("0.00"));
    }

    @Test
    void mariaDbWritesExpressionsBare() {
        assertThat(Reflector.serverDefault("current_timestamp()", "on update current_timestamp()", "timestamp", true))
                .isEqualTo(expression("CURRENT_TIMESTAMP"));
        assertThat(Reflector.serverDefault("current_timestamp(6)", "", "datetime", true))
                .isEqualTo(expression("CURRENT_TIMESTAMP(6)"));
        assertThat(Reflector.serverDefault("uuid()", "", "varchar", true)).isEqualTo(expression("(uuid())"));
        assertThat(Reflector.serverDefault("(1 + 1)", "", "int", true)).isEqualTo(expression("(1 + 1)"));
    }

    @Test
    void mySqlWritesLiteralsUnquotedAndFlagsExpressions() {
        assertThat(Reflector.serverDefault(null, "", "varchar", false)).isNull();
        assertThat(Reflector.serverDefault("draft", "", "enum", false)).isEqualTo(literal("draft"));
        assertThat(Reflector.serverDefault("NULL", "", "varchar", false)).isEqualTo(literal("NULL"));
        assertThat(Reflector.serverDefault("it's", "", "varchar", false)).isEqualTo(literal("it's"));
        assertThat(Reflector.serverDefault("", "", "varchar", false)).isEqualTo(literal(""));
        assertThat(Reflector.serverDefault("CURRENT_TIMESTAMP", "DEFAULT_GENERATED on update CURRENT_TIMESTAMP",
                "timestamp", false)).isEqualTo(expression("CURRENT_TIMESTAMP"));
        assertThat(Reflector.serverDefault("CURRENT_TIMESTAMP(6)", "DEFAULT_GENERATED", "datetime", false))
                .isEqualTo(expression("CURRENT_TIMESTAMP(6)"));
        assertThat(Reflector.serverDefault("CURRENT_TIMESTAMP", "", "timestamp", false))
                .isEqualTo(expression("CURRENT_TIMESTAMP"));
        assertThat(Reflector.serverDefault("CURRENT_TIMESTAMP", "", "varchar", false))
                .isEqualTo(literal("CURRENT_TIMESTAMP"));
        assertThat(Reflector.serverDefault("uuid()", "DEFAULT_GENERATED", "varchar", false))
                .isEqualTo(expression("(uuid())"));
        assertThat(Reflector.serverDefault("2020-01-01 00:00:00", "", "datetime", false))
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
        assertThat(Reflector.serverOnUpdate(extra)).isEqualTo(expected);
    }

    @Test
    void noOnUpdateClause() {
        assertThat(Reflector.serverOnUpdate("")).isNull();
        assertThat(Reflector.serverOnUpdate("auto_increment")).isNull();
        assertThat(Reflector.serverOnUpdate("DEFAULT_GENERATED")).isNull();
    }

    @Test
    void spellsTheCurrentTimestampOneWay() {
        assertThat(Reflector.expression("current_timestamp()")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Reflector.expression("CURRENT_TIMESTAMP")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Reflector.expression("now()")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Reflector.expression("current_timestamp(0)")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Reflector.expression("current_timestamp(6)")).isEqualTo("CURRENT_TIMESTAMP(6)");
        assertThat(Reflector.expression("curdate()")).isEqualTo("(curdate())");
        assertThat(Reflector.expression("(a) + (b)")).isEqualTo("((a) + (b))");
    }

    @Test
    void stripsParenthesesAroundTheWholeCheck() {
        assertThat(Reflector.checkCondition("(`balance` >= 0)")).isEqualTo("`balance` >= 0");
        assertThat(Reflector.checkCondition("`balance` >= 0")).isEqualTo("`balance` >= 0");
        assertThat(Reflector.checkCondition("((`a` > 0) and (`b` > 0))")).isEqualTo("(`a` > 0) and (`b` > 0)");
        assertThat(Reflector.checkCondition("(`a` > 0) and (`b` > 0)")).isEqualTo("(`a` > 0) and (`b` > 0)");
        assertThat(Reflector.checkCondition("(`s` in ('(',')'))")).isEqualTo("`s` in ('(',')')");
        assertThat(Reflector.checkCondition("(`s` <> ')(')")).isEqualTo("`s` <> ')('");
    }

    @Test
    void recognisesMariaDbsJsonCheck() {
        assertThat(Reflector.jsonValidColumn("json_valid(`prefs`)")).isEqualTo("prefs");
        assertThat(Reflector.jsonValidColumn("JSON_VALID(`odd``name`)")).isEqualTo("odd`name");
        assertThat(Reflector.jsonValidColumn("json_valid(`prefs`) and `x` > 0")).isNull();
        assertThat(Reflector.jsonValidColumn("`prefs` is null or json_valid(`prefs`)")).isNull();
        assertThat(Reflector.jsonValidColumn("`balance` >= 0")).isNull();
    }
}
