package dev.retort.core.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.dialect.ServerVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MySqlDialectTest {

    private static final MySqlDialect MYSQL = MySqlDialect.forServer("8.0.36", false);
    private static final MySqlDialect MARIADB = MySqlDialect.forServer("10.11.19-MariaDB", true);

    @ParameterizedTest(name = "{0} (said MariaDB: {1})")
    @CsvSource({
            "8.0.36,                     false, mysql,   false",
            "8.4.3-commercial,           false, mysql,   false",
            "10.11.19-MariaDB,           true,  mariadb, true",
            "10.11.19-MariaDB-0+deb12u1, false, mariadb, true",
            "5.5.5-10.6.12-MariaDB,      false, mariadb, true",
            "11.4.5-mariadb-log,         false, mariadb, true",
            "10.6.12,                    true,  mariadb, true",
    })
    void detectsTheFamily(String version, boolean saidMariaDb, String name, boolean mariaDb) {
        MySqlDialect dialect = MySqlDialect.forServer(version, saidMariaDb);

        assertThat(dialect.name()).isEqualTo(name);
        assertThat(dialect.isMariaDb()).isEqualTo(mariaDb);
        assertThat(dialect.serverVersionString()).isEqualTo(version);
    }

    @Test
    void keepsTheVersion() {
        assertThat(MYSQL.serverVersion()).isEqualTo(new ServerVersion(8, 0, 36));
        assertThat(MARIADB.serverVersion()).isEqualTo(new ServerVersion(10, 11, 19));
        assertThat(MySqlDialect.forServer("5.5.5-10.6.12-MariaDB", false).serverVersion())
                .isEqualTo(new ServerVersion(10, 6, 12));
        assertThat(MYSQL).hasToString("mysql 8.0.36");
        assertThat(MARIADB).hasToString("mariadb 10.11.19");
    }

    @Test
    void refusesAVersionStringWithoutAVersion() {
        assertThatThrownBy(() -> MySqlDialect.forServer("unknown", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}: RETURNING {1}")
    @CsvSource({
            "8.0.36,                false",
            "8.4.3,                 false",
            "9.1.0,                 false",
            "10.4.34-MariaDB,       false",
            "10.5.0-MariaDB,        true",
            "5.5.5-10.6.12-MariaDB, true",
            "10.11.19-MariaDB,      true",
            "11.4.5-MariaDB,        true",
    })
    void supportsReturningOnMariaDb105AndLater(String version, boolean expected) {
        assertThat(MySqlDialect.forServer(version, false).supportsReturning()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: INTERSECT/EXCEPT {1}")
    @CsvSource({
            "5.7.44,                false",
            "8.0.30,                false",
            "8.0.31,                true",
            "8.4.3,                 true",
            "10.2.44-MariaDB,       false",
            "10.3.0-MariaDB,        true",
            "10.11.19-MariaDB,      true",
    })
    void supportsIntersectExceptOnMySql8031AndMariaDb103(String version, boolean expected) {
        assertThat(MySqlDialect.forServer(version, false).supportsIntersectExcept()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "user_id", "_private", "t1", "amount$", "name", "status", "email_address"})
    void plainLowerCaseNamesAreNotQuoted(String identifier) {
        assertThat(MYSQL.quoteIdentifier(identifier)).isEqualTo(identifier);
        assertThat(MARIADB.quoteIdentifier(identifier)).isEqualTo(identifier);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "order        | `order`",
            "ORDER        | `ORDER`",
            "select       | `select`",
            "Select       | `Select`",
            "key          | `key`",
            "group        | `group`",
            "rank         | `rank`",
            "returning    | `returning`",
            "UserName     | `UserName`",
            "userName     | `userName`",
            "first name   | `first name`",
            "order-items  | `order-items`",
            "2fa          | `2fa`",
            "$amount      | `$amount`",
            "café         | `café`",
            "a.b          | `a.b`",
    })
    void quotesReservedWordsMixedCaseAndUnusualNames(String identifier, String quoted) {
        assertThat(MYSQL.quoteIdentifier(identifier)).isEqualTo(quoted);
        assertThat(MARIADB.quoteIdentifier(identifier)).isEqualTo(quoted);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // reserved in MySQL 8.0 (Keywords and Reserved Words, marked (R))
            "lead", "lag", "row_number", "dense_rank", "first_value", "cube", "empty", "function", "grouping",
            "json_table", "generated", "virtual", "stored", "get", "utc_date", "utc_timestamp", "read_write",
            // refused unquoted by MariaDB 10.11 as well
            "maxvalue", "varbinary", "mediumint", "mediumtext", "longtext", "sqlstate", "specific", "sensitive",
            "int8", "hour_minute", "no_write_to_binlog",
            // refused unquoted by MariaDB 10.11 only
            "page_checksum", "delete_domain_id", "ref_system_id", "stats_persistent", "stats_auto_recalc",
    })
    void quotesEveryReservedWordOfBothServers(String identifier) {
        assertThat(MYSQL.quoteIdentifier(identifier)).isEqualTo("`" + identifier + "`");
        assertThat(MARIADB.quoteIdentifier(identifier)).isEqualTo("`" + identifier + "`");
    }

    @Test
    void embeddedBackticksAreDoubled() {
        assertThat(MYSQL.quoteIdentifier("odd`name")).isEqualTo("`odd``name`");
        assertThat(MYSQL.quoteIdentifier("``")).isEqualTo("``````");
        assertThat(MYSQL.quoteIdentifierAlways("a`b")).isEqualTo("`a``b`");
    }

    @Test
    void anEmptyIdentifierIsQuoted() {
        assertThat(MYSQL.quoteIdentifier("")).isEqualTo("``");
    }

    @Test
    void quoteAlwaysQuotesEvenPlainNames() {
        assertThat(MYSQL.quoteIdentifierAlways("users")).isEqualTo("`users`");
        assertThat(MARIADB.quoteIdentifierAlways("order")).isEqualTo("`order`");
    }
}
