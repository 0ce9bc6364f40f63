package dev.retort.core.sql;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.mysql.MySqlDialect;
import dev.retort.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextClauseTest {

    private static final Dialect MARIADB = MySqlDialect.forServer("10.11.19-MariaDB", true);

    private static Compiled compile(String sql) {
        return text(sql).compile(MARIADB);
    }

    private static void assertCompiles(String sql, String expectedSql, String... expectedNames) {
        Compiled compiled = compile(sql);
        assertThat(compiled.sql()).isEqualTo(expectedSql);
        assertThat(compiled.parameterNames()).containsExactly(expectedNames);
    }

    // ---- parameters ----

    @Test
    void namedParametersBecomePlaceholdersInOrder() {
        assertCompiles("SELECT * FROM users WHERE name = :name AND age > :age",
                "SELECT * FROM users WHERE name = ? AND age > ?", "name", "age");
    }

    @Test
    void aRepeatedNameRepeatsInTheList() {
        assertCompiles("SELECT * FROM t WHERE a = :x OR b = :x AND c = :y OR d = :x",
                "SELECT * FROM t WHERE a = ? OR b = ? AND c = ? OR d = ?", "x", "x", "y", "x");
    }

    @Test
    void namesMayHoldDigitsAndUnderscores() {
        assertCompiles("INSERT INTO t VALUES (:user_id2, :_hidden, :p1,:CamelCase)",
                "INSERT INTO t VALUES (?, ?, ?,?)", "user_id2", "_hidden", "p1", "CamelCase");
    }

    @Test
    void aNameEndsAtTheFirstCharacterThatCannotBePartOfIt() {
        assertCompiles("SELECT CONCAT(:a,:b)||:c.d FROM t", "SELECT CONCAT(?,?)||?.d FROM t", "a", "b", "c");
    }

    @Test
    void aColonNotFollowedByANameIsLeftAlone() {
        assertCompiles("SELECT :1, : x, 'a' FROM t WHERE y = :", "SELECT :1, : x, 'a' FROM t WHERE y = :");
    }

    @Test
    void textWithoutParameters() {
        Compiled compiled = compile("SELECT 1");

        assertThat(compiled.sql()).isEqualTo("SELECT 1");
        assertThat(compiled.parameterNames()).isEmpty();
        assertThat(compiled.presetValues()).isEmpty();
        assertThat(compiled.bind(Map.of())).isEmpty();
        assertThat(compiled).hasToString("SELECT 1");
    }

    @Test
    void compiledToStringShowsTheNamesAndCarriedValues() {
        assertThat(compile("SELECT :a, :b, :a")).hasToString("SELECT ?, ?, ? [:a, :b, :a]");
        assertThat(text("SELECT :a, :b").bind("b", 7).compile(MARIADB)).hasToString("SELECT ?, ? [:a, 7]");
    }

    // ---- quotes and comments ----

    @Test
    void quotedStringsAndIdentifiersAreCopiedUntouched() {
        assertCompiles("SELECT ':x ?', \":y ?\", `:z ?` FROM t WHERE a = :a",
                "SELECT ':x ?', \":y ?\", `:z ?` FROM t WHERE a = ?", "a");
    }

    @Test
    void doubledQuotesStayInsideTheQuotedRun() {
        assertCompiles("SELECT 'it''s :x', \"say \"\":y\"\"\", `a``:z` FROM t WHERE c = :c",
                "SELECT 'it''s :x', \"say \"\":y\"\"\", `a``:z` FROM t WHERE c = ?", "c");
    }

    @Test
    void backslashEscapesStayInsideStrings() {
        assertCompiles("SELECT 'it\\'s :x ?', \"a\\\":y\", 'c:\\\\' FROM t WHERE c = :c",
                "SELECT 'it\\'s :x ?', \"a\\\":y\", 'c:\\\\' FROM t WHERE c = ?", "c");
    }

    @Test
    void aBackslashDoesNotEscapeInsideBackticks() {
        assertCompiles("SELECT `dir\\` FROM t WHERE c = :c", "SELECT `dir\\` FROM t WHERE c = ?", "c");
    }

    @Test
    void dashDashComments() {
        assertCompiles("SELECT a -- where :x = ?\nFROM t WHERE a = :a --\nAND b = :b -- :tail ?",
                "SELECT a -- where :x = ?\nFROM t WHERE a = ? --\nAND b = ? -- :tail ?", "a", "b");
    }

    @Test
    void dashDashFollowedByAnyWhitespaceIsAComment() {
        assertCompiles("SELECT a --\tor ?\r\nFROM t --\r\nWHERE a = :a", "SELECT a --\tor ?\r\nFROM t --\r\nWHERE a = ?",
                "a");
    }

    @Test
    void dashDashWithoutASpaceIsNotAComment() {
        assertCompiles("SELECT 5--:x", "SELECT 5--?", "x");
    }

    @Test
    void hashComments() {
        assertCompiles("SELECT a # :x ?\nFROM t WHERE a = :a # it's", "SELECT a # :x ?\nFROM t WHERE a = ? # it's",
                "a");
    }

    @Test
    void blockComments() {
        assertCompiles("SELECT /* :x ? 'unbalanced */ a FROM t /* multi\nline :y */ WHERE a = :a",
                "SELECT /* :x ? 'unbalanced */ a FROM t /* multi\nline :y */ WHERE a = ?", "a");
    }

    @Test
    void doubleColonAndAssignmentAreNotParameters() {
        assertCompiles("SELECT @n := :start, a::text FROM t", "SELECT @n := ?, a::text FROM t", "start");
    }

    @Test
    void backslashColonWritesALiteralColon() {
        assertCompiles("SELECT x\\:y FROM t WHERE a = \\:notparam AND b = :b AND c = '\\:kept'",
                "SELECT x:y FROM t WHERE a = :notparam AND b = ? AND c = '\\:kept'", "b");
    }

    @Test
    void questionMarksInsideQuotesOrCommentsAreAllowed() {
        assertCompiles("SELECT '?', \"?\", `?` /* ? */ FROM t -- ?", "SELECT '?', \"?\", `?` /* ? */ FROM t -- ?");
    }

    @Test
    void aBareQuestionMarkIsRefused() {
        assertThatThrownBy(() -> text("SELECT * FROM t WHERE a = ? AND b = :b"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Use named parameters (:name) in text(); found a bare '?' at offset 26 in: "
                        + "SELECT * FROM t WHERE a = ? AND b = :b");
    }

    /** Unterminated with backslash escapes, complete without them (a NO_BACKSLASH_ESCAPES session): read the second way. */
    @Test
    void aLiteralEndingInABackslashIsReadAsNoBackslashEscapesWould() {
        assertCompiles("SELECT CONCAT('C:\\', :p)", "SELECT CONCAT('C:\\', ?)", "p");
        assertCompiles("SELECT 'abc\\'", "SELECT 'abc\\'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'abc", "SELECT \"abc", "SELECT `abc", "SELECT 'it''s", "SELECT 'abc\\"})
    void anUnterminatedQuoteIsRefused(String sql) {
        char quote = sql.charAt(7);
        assertThatThrownBy(() -> text(sql))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Unterminated " + quote + " quote starting at offset 7 in: " + sql);
    }

    // ---- binding ----

    @Test
    void textIsKeptAsWritten() {
        TextClause clause = text("SELECT * FROM t WHERE a = :a");

        assertThat(clause.text()).isEqualTo("SELECT * FROM t WHERE a = :a");
        assertThat(clause).hasToString("SELECT * FROM t WHERE a = :a");
    }

    @Test
    void bindReturnsANewClauseAndLeavesTheOriginalUnchanged() {
        TextClause original = text("SELECT * FROM t WHERE a = :a AND b = :b");

        TextClause bound = original.bind("a", 1);

        assertThat(bound).isNotSameAs(original);
        assertThat(bound.text()).isEqualTo(original.text());
        assertThat(bound.compile(MARIADB).presetValues()).containsExactly(Map.entry("a", 1));
        assertThat(original.compile(MARIADB).presetValues()).isEmpty();

        TextClause both = bound.bind("b", "x");
        assertThat(both.compile(MARIADB).presetValues()).containsExactly(Map.entry("a", 1), Map.entry("b", "x"));
        assertThat(bound.compile(MARIADB).presetValues()).containsExactly(Map.entry("a", 1));
    }

    @Test
    void bindingANameAgainReplacesItsValue() {
        TextClause clause = text("SELECT :a").bind("a", 1).bind("a", 2);

        assertThat(clause.compile(MARIADB).bind(Map.of())).containsExactly(2);
    }

    @Test
    void bindingAnUnknownNameIsRefused() {
        TextClause clause = text("SELECT * FROM t WHERE a = :a OR b = :b OR a2 = :a");

        assertThatThrownBy(() -> clause.bind("c", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The text has no bind parameter ':c'; it has [a, b]: "
                        + "SELECT * FROM t WHERE a = :a OR b = :b OR a2 = :a");
    }

    @Test
    void aNameInsideQuotesCannotBeBound() {
        assertThatThrownBy(() -> text("SELECT ':a'").bind("a", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesFollowThePlaceholdersAndRepeatWithTheirNames() {
        Compiled compiled = compile("SELECT * FROM t WHERE a = :x OR b = :y OR c = :x");

        assertThat(compiled.bind(Map.of("y", "Y", "x", 1, "unused", true))).containsExactly(1, "Y", 1);
    }

    @Test
    void givenValuesComeBeforeTheClausesOwn() {
        Compiled compiled = text("SELECT :a, :b").bind("a", "preset a").bind("b", "preset b").compile(MARIADB);

        assertThat(compiled.bind(Map.of("a", "given a"))).containsExactly("given a", "preset b");
        assertThat(compiled.bind(Map.of())).containsExactly("preset a", "preset b");
    }

    @Test
    void aMissingValueNamesTheParameter() {
        Compiled compiled = text("SELECT :a, :b").bind("a", 1).compile(MARIADB);

        assertThatThrownBy(() -> compiled.bind(Map.of()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("A value is required for bind parameter 'b' in: SELECT ?, ?");
    }

    @Test
    void nullValuesAreAllowed() {
        Map<String, Object> given = new HashMap<>();
        given.put("a", null);
        Compiled compiled = text("SELECT :a, :b").bind("a", "preset").bind("b", null).compile(MARIADB);

        assertThat(compiled.presetValues()).containsEntry("b", null);
        assertThat(compiled.bind(given)).containsExactly(null, null);
    }

    @Test
    void compiledIsImmutable() {
        List<String> names = new ArrayList<>(List.of("a"));
        Map<String, Object> preset = new LinkedHashMap<>(Map.of("a", 1));
        Compiled compiled = new Compiled("SELECT ?", names, preset);

        names.add("b");
        preset.put("a", 2);

        assertThat(compiled.parameterNames()).containsExactly("a");
        assertThat(compiled.presetValues()).containsExactly(Map.entry("a", 1));
        assertThatThrownBy(() -> compiled.parameterNames().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compiled.presetValues().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theDialectDoesNotChangeLiteralText() {
        TextClause clause = text("SELECT `order` FROM t WHERE a = :a");

        Compiled forMySql = clause.compile(MySqlDialect.forServer("8.0.36", false));
        Compiled forMariaDb = clause.compile(MARIADB);

        assertThat(forMySql.sql()).isEqualTo(forMariaDb.sql()).isEqualTo("SELECT `order` FROM t WHERE a = ?");
        assertThat(forMySql.parameterNames()).isEqualTo(forMariaDb.parameterNames()).containsExactly("a");
    }
}
