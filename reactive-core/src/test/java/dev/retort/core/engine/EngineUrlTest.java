package dev.retort.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import dev.retort.core.exception.ConfigurationException;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineUrlTest {

    // ---- schemes ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mysql,              mysql",
            "mysql+r2dbc,        mysql",
            "MySQL,              mysql",
            "r2dbc:mysql,        mysql",
            "r2dbc:pool:mysql,   mysql",
            "mariadb,            mariadb",
            "mariadb+r2dbc,      mariadb",
            "r2dbc:mariadb,      mariadb",
            "r2dbc:pool:mariadb, mariadb",
    })
    void acceptsEverySupportedScheme(String scheme, String family) {
        EngineUrl url = EngineUrl.parse(scheme + "://root:secret@db.example:3307/shop");

        assertThat(url.scheme()).isEqualTo(scheme.toLowerCase(Locale.ROOT));
        assertThat(url.family()).isEqualTo(family);
        assertThat(url.host()).isEqualTo("db.example");
        assertThat(url.port()).isEqualTo(3307);
        assertThat(url.user()).isEqualTo("root");
        assertThat(url.hasPassword()).isTrue();
        assertThat(url.database()).isEqualTo("shop");
    }

    // ---- parsing ----

    @Test
    void portDefaultsTo3306() {
        EngineUrl url = EngineUrl.parse("mysql://root@localhost/shop");

        assertThat(url.host()).isEqualTo("localhost");
        assertThat(url.port()).isEqualTo(3306);
    }

    @Test
    void databaseIsOptional() {
        assertThat(EngineUrl.parse("mysql://root@localhost:3306").database()).isNull();
        assertThat(EngineUrl.parse("mysql://root@localhost:3306/").database()).isNull();
        assertThat(EngineUrl.parse("mysql://localhost?sslMode=DISABLED").database()).isNull();
    }

    @Test
    void credentialsAreOptional() {
        EngineUrl url = EngineUrl.parse("mariadb://localhost:3306/shop");

        assertThat(url.user()).isNull();
        assertThat(url.hasPassword()).isFalse();
        assertThat(url.host()).isEqualTo("localhost");
        assertThat(url.database()).isEqualTo("shop");
    }

    @Test
    void userWithoutPassword() {
        EngineUrl url = EngineUrl.parse("mysql://root@localhost/shop");

        assertThat(url.user()).isEqualTo("root");
        assertThat(url.hasPassword()).isFalse();
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        EngineUrl url = EngineUrl.parse("mysql://app%20user:p%40ss%3Aw%2Fd@localhost/shop");

        assertThat(url.user()).isEqualTo("app user");
        assertThat(url.hasPassword()).isTrue();
        assertThat(url.toConnectionFactoryOptions(null).getValue(ConnectionFactoryOptions.PASSWORD))
                .hasToString("p@ss:w/d");
    }

    @Test
    void plusInPasswordStaysAPlus() {
        EngineUrl url = EngineUrl.parse("mysql://root:a+b%2Bc@localhost/shop");

        assertThat(url.toConnectionFactoryOptions(null).getValue(ConnectionFactoryOptions.PASSWORD))
                .hasToString("a+b+c");
    }

    @Test
    void ipv6HostInBrackets() {
        EngineUrl url = EngineUrl.parse("mysql://root:pw@[::1]:3307/shop");

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(3307);
        assertThat(url.database()).isEqualTo("shop");
        assertThat(url).hasToString("mysql://root:***@[::1]:3307/shop");
    }

    @Test
    void ipv6HostWithoutPortUsesTheDefault() {
        EngineUrl url = EngineUrl.parse("mysql://[2001:db8::7]/shop");

        assertThat(url.host()).isEqualTo("2001:db8::7");
        assertThat(url.port()).isEqualTo(3306);
    }

    @Test
    void queryOptionsKeepTheirOrderAndAreDecoded() {
        EngineUrl url = EngineUrl.parse(
                "mysql://root@localhost/shop?tcpNoDelay=true&sslMode=REQUIRED&connectionTimeZone=Europe%2FParis&useServerPrepareStatement");

        assertThat(url.options()).containsExactly(
                entry("tcpNoDelay", "true"),
                entry("sslMode", "REQUIRED"),
                entry("connectionTimeZone", "Europe/Paris"),
                entry("useServerPrepareStatement", "true"));
    }

    @Test
    void optionsAreUnmodifiable() {
        EngineUrl url = EngineUrl.parse("mysql://localhost?sslMode=DISABLED");

        assertThatThrownBy(() -> url.options().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void passwordMayContainAnUnencodedSlash() {
        EngineUrl url = EngineUrl.parse("mysql://root:a/b@localhost/shop");

        assertThat(url.host()).isEqualTo("localhost");
        assertThat(url.database()).isEqualTo("shop");
        assertThat(url.toConnectionFactoryOptions(null).getValue(ConnectionFactoryOptions.PASSWORD))
                .hasToString("a/b");
    }

    // ---- to string and copies ----

    @Test
    void toStringMasksThePassword() {
        EngineUrl url = EngineUrl.parse("mysql+r2dbc://root:s3cret@localhost:3306/shop?sslMode=REQUIRED");

        assertThat(url).hasToString("mysql+r2dbc://root:***@localhost:3306/shop?sslMode=REQUIRED");
    }

    @Test
    void toStringMasksPasswordOptions() {
        EngineUrl url = EngineUrl.parse("mysql://root@localhost/shop?password=s3cret&sslKeyPassword=k3y&sslMode=VERIFY_CA");

        assertThat(url.toString())
                .isEqualTo("mysql://root@localhost:3306/shop?password=***&sslKeyPassword=***&sslMode=VERIFY_CA")
                .doesNotContain("s3cret", "k3y");
    }

    @Test
    void toStringWithoutCredentialsOrDatabase() {
        assertThat(EngineUrl.parse("mariadb://localhost")).hasToString("mariadb://localhost:3306");
        assertThat(EngineUrl.parse("mysql://root@localhost")).hasToString("mysql://root@localhost:3306");
    }

    @Test
    void withDatabaseReturnsACopyNamingAnotherDatabase() {
        EngineUrl url = EngineUrl.parse("r2dbc:pool:mysql://root:s3cret@localhost:3307/shop?sslMode=DISABLED");

        EngineUrl other = url.withDatabase("test_orders");

        assertThat(other.database()).isEqualTo("test_orders");
        assertThat(other.scheme()).isEqualTo("r2dbc:pool:mysql");
        assertThat(other.host()).isEqualTo("localhost");
        assertThat(other.port()).isEqualTo(3307);
        assertThat(other.user()).isEqualTo("root");
        assertThat(other.options()).containsExactlyEntriesOf(url.options());
        assertThat(other.toConnectionFactoryOptions(null).getValue(ConnectionFactoryOptions.PASSWORD))
                .hasToString("s3cret");
        assertThat(url.database()).as("original unchanged").isEqualTo("shop");
    }

    @Test
    void withNullDatabaseDropsTheDatabase() {
        EngineUrl url = EngineUrl.parse("mysql://root@localhost/shop").withDatabase(null);

        assertThat(url.database()).isNull();
        assertThat(url).hasToString("mysql://root@localhost:3306");
    }

    // ---- driver options ----

    @Test
    void mapsEveryPartOntoR2dbcOptions() {
        EngineUrl url = EngineUrl.parse("mariadb://app:s3cret@db.local:3307/shop?sslMode=REQUIRED&tcpNoDelay=true");

        ConnectionFactoryOptions options = url.toConnectionFactoryOptions(Duration.ofSeconds(7));

        assertThat(options.getValue(ConnectionFactoryOptions.DRIVER)).isEqualTo("mysql");
        assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("db.local");
        assertThat(options.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(3307);
        assertThat(options.getValue(ConnectionFactoryOptions.USER)).isEqualTo("app");
        assertThat(options.getValue(ConnectionFactoryOptions.PASSWORD)).hasToString("s3cret");
        assertThat(options.getValue(ConnectionFactoryOptions.DATABASE)).isEqualTo("shop");
        assertThat(options.getValue(ConnectionFactoryOptions.CONNECT_TIMEOUT)).isEqualTo(Duration.ofSeconds(7));
        assertThat(options.getValue(Option.valueOf("sslMode"))).isEqualTo("REQUIRED");
        assertThat(options.getValue(Option.valueOf("tcpNoDelay"))).isEqualTo("true");
    }

    @Test
    void leavesOutWhatTheUrlDoesNotHave() {
        ConnectionFactoryOptions options = EngineUrl.parse("mysql://localhost").toConnectionFactoryOptions(null);

        assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("localhost");
        assertThat(options.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(3306);
        assertThat(options.hasOption(ConnectionFactoryOptions.USER)).isFalse();
        assertThat(options.hasOption(ConnectionFactoryOptions.PASSWORD)).isFalse();
        assertThat(options.hasOption(ConnectionFactoryOptions.DATABASE)).isFalse();
        assertThat(options.hasOption(ConnectionFactoryOptions.CONNECT_TIMEOUT)).isFalse();
    }

    @Test
    void connectTimeoutInTheUrlWinsOverTheEngineOption() {
        ConnectionFactoryOptions options = EngineUrl.parse("mysql://localhost/shop?connectTimeout=PT2S")
                .toConnectionFactoryOptions(Duration.ofSeconds(10));

        assertThat(options.getValue(ConnectionFactoryOptions.CONNECT_TIMEOUT)).isEqualTo("PT2S");
    }

    @Test
    void driverOptionsDoNotRevealThePassword() {
        ConnectionFactoryOptions options = EngineUrl
                .parse("mysql://root:s3cret@localhost/shop?sslKeyPassword=k3y&sslMode=VERIFY_CA")
                .toConnectionFactoryOptions(Duration.ofSeconds(5));

        assertThat(options.toString()).doesNotContain("s3cret", "k3y").contains("sslMode=VERIFY_CA");
        assertThat(options.getValue(Option.sensitiveValueOf("sslKeyPassword"))).isEqualTo("k3y");
    }

    // ---- bad urls ----

    @Test
    void unknownSchemeListsTheSupportedOnes() {
        assertThatThrownBy(() -> EngineUrl.parse("postgresql://root:s3cret@localhost/shop"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unknown URL scheme 'postgresql'")
                .hasMessageContainingAll("supported:", "mysql", "mariadb", "r2dbc:mysql", "r2dbc:mariadb",
                        "r2dbc:pool:mysql", "r2dbc:pool:mariadb")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql:///shop", "mysql://root:s3cret@/shop", "mysql://:3306/shop",
            "mysql://root:s3cret@:3306", "mysql://[]:3306/shop"})
    void missingHost(String url) {
        assertThatThrownBy(() -> EngineUrl.parse(url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no host")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void nonNumericPort() {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root:s3cret@host:notaport/db"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Port 'notaport' is not a number in mysql://root:***@host:notaport/db");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536, 70000})
    void portOutOfRange(int port) {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root:s3cret@host:" + port + "/db"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Port " + port + " is out of range 1-65535")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void highestAndLowestPortsAreAccepted() {
        assertThat(EngineUrl.parse("mysql://host:1").port()).isEqualTo(1);
        assertThat(EngineUrl.parse("mysql://host:65535").port()).isEqualTo(65535);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyUrl(String url) {
        assertThatThrownBy(() -> EngineUrl.parse(url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The database URL is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root:s3cret@localhost/shop", "mysql:root:s3cret@localhost/shop",
            "mysql:/root:s3cret@localhost/shop"})
    void noSchemeSeparator(String url) {
        assertThatThrownBy(() -> EngineUrl.parse(url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Not a database URL (expected scheme://host")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void unclosedIpv6Bracket() {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root:s3cret@[::1/shop"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unclosed '['")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void garbageAfterIpv6Host() {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root:s3cret@[::1]x/shop"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unexpected 'x' after the host")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void badPercentEncoding() {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root:s3cret%zz@localhost/shop"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Bad percent-encoding in the password")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void optionWithoutAName() {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root:s3cret@localhost/shop?=1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("An option without a name")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://root:s3cret@localhost/shop",
            "mysql://root:s3cret@host:notaport/db",
            "mysql://root:s3cret@host:70000/db",
            "mysql://root:s3cret@/db",
            "root:s3cret@localhost/shop",
            "mysql://root:s3cret@[::1/shop",
            "mysql://root:s3cret%zz@localhost/shop",
            "mysql://root:s3cret@host:bad/db?x=a@b",
    })
    void passwordNeverAppearsInAnErrorMessage(String url) {
        assertThatThrownBy(() -> EngineUrl.parse(url))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void passwordOptionNeverAppearsInAnErrorMessage() {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root@host:notaport/db?password=s3cret"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUnencodedQuestionMarkInThePasswordStaysInThePassword() {
        EngineUrl url = EngineUrl.parse("mysql://root:s3cret?x@host/db?sslMode=DISABLED");

        assertThat(url.host()).isEqualTo("host");
        assertThat(url.database()).isEqualTo("db");
        assertThat(url.options()).containsExactly(Map.entry("sslMode", "DISABLED"));
        assertThat(url.toConnectionFactoryOptions(null).getValue(ConnectionFactoryOptions.PASSWORD)).hasToString("s3cret?x");
        assertThat(url.toString()).doesNotContain("s3cret");
    }

    @Test
    void anEmptyPortMeansTheDefault() {
        assertThat(EngineUrl.parse("mysql://root@host:/db").port()).isEqualTo(3306);
    }

    @Test
    void anUnbracketedIpv6HostIsRefused() {
        assertThatThrownBy(() -> EngineUrl.parse("mysql://root:s3cret@::1:3306/db"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("brackets")
                .hasMessageNotContaining("s3cret");
    }
}
