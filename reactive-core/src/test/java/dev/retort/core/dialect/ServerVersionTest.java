package dev.retort.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerVersionTest {

    @ParameterizedTest(name = "{0} -> {1}.{2}.{3}")
    @CsvSource({
            "8.0.36,                              8,  0,  36",
            "8.0.36-0ubuntu0.22.04.1,             8,  0,  36",
            "8.4,                                 8,  4,  0",
            "10.11.19-MariaDB,                    10, 11, 19",
            "10.11.19-MariaDB-0+deb12u1,          10, 11, 19",
            "5.5.5-10.6.12-MariaDB,               10, 6,  12",
            "5.5.5-10.6.12-MariaDB-1:10.6.12+maria~ubu2004, 10, 6, 12",
            "11.4.5-MariaDB-log,                  11, 4,  5",
            "5.5.5,                               5,  5,  5",
            "5.7.44-log,                          5,  7,  44",
    })
    void parsesTheFirstVersionInTheString(String text, int major, int minor, int patch) {
        assertThat(ServerVersion.parse(text)).isEqualTo(new ServerVersion(major, minor, patch));
    }

    @Test
    void toStringIsMajorMinorPatch() {
        assertThat(ServerVersion.parse("8.4")).hasToString("8.4.0");
        assertThat(ServerVersion.parse("10.11.19-MariaDB-0+deb12u1")).hasToString("10.11.19");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "MariaDB", "v8", "8.", ".8"})
    void refusesAStringWithoutAVersion(String text) {
        assertThatThrownBy(() -> ServerVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a server version: '" + text + "'");
    }

    @Test
    void comparesComponentByComponentNumerically() {
        ServerVersion v8036 = new ServerVersion(8, 0, 36);

        assertThat(v8036).isGreaterThan(new ServerVersion(8, 0, 9))
                .isLessThan(new ServerVersion(8, 1, 0))
                .isLessThan(new ServerVersion(10, 0, 0))
                .isGreaterThan(new ServerVersion(5, 7, 44))
                .isEqualByComparingTo(ServerVersion.parse("8.0.36-log"));
        assertThat(new ServerVersion(10, 11, 0)).isGreaterThan(new ServerVersion(10, 5, 99));
    }

    @Test
    void atLeast() {
        ServerVersion version = ServerVersion.parse("10.5.2-MariaDB");

        assertThat(version.atLeast(10, 5, 2)).isTrue();
        assertThat(version.atLeast(10, 5, 0)).isTrue();
        assertThat(version.atLeast(10, 4, 99)).isTrue();
        assertThat(version.atLeast(9, 99, 99)).isTrue();
        assertThat(version.atLeast(10, 5, 3)).isFalse();
        assertThat(version.atLeast(10, 6, 0)).isFalse();
        assertThat(version.atLeast(11, 0, 0)).isFalse();
    }
}
