package dev.retort.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link TestServer#parse}: the database part is dropped, everything else is kept as written. */
class TestServerTest {

    @Test
    void dropsTheDatabaseAndKeepsCredentialsAndOptions() {
        TestServer server = TestServer.parse("mysql://app:p%40ss@db.local:3307/test?sslMode=DISABLED", "X");

        assertThat(server.serverUrl()).isEqualTo("mysql://app:p%40ss@db.local:3307?sslMode=DISABLED");
        assertThat(server.urlFor("retort_a_123456"))
                .isEqualTo("mysql://app:p%40ss@db.local:3307/retort_a_123456?sslMode=DISABLED");
        assertThat(server.description()).isEqualTo("X mysql://app:***@db.local:3307");
    }

    @Test
    void acceptsAUrlWithoutDatabaseOrPassword() {
        TestServer server = TestServer.parse("mysql://root@127.0.0.1:3306", "X");

        assertThat(server.serverUrl()).isEqualTo("mysql://root@127.0.0.1:3306");
        assertThat(server.urlFor("d")).isEqualTo("mysql://root@127.0.0.1:3306/d");
        assertThat(TestServer.parse("mysql://root@127.0.0.1:3306/", "X").serverUrl())
                .isEqualTo("mysql://root@127.0.0.1:3306");
    }

    @Test
    void rejectsAUrlWithoutSchemeOrHost() {
        assertThatThrownBy(() -> TestServer.parse("root@127.0.0.1:3306", "X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestServer.parse("mysql://root@/db", "X")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uniqueNamesAreShortLowerCaseAndDistinct() {
        class AVeryLongTestClassNameThatGoesOnAndOnForMuchLongerThanSixtyFourCharactersTest {
        }
        String name = DatabaseAdmin.uniqueName(AVeryLongTestClassNameThatGoesOnAndOnForMuchLongerThanSixtyFourCharactersTest.class);

        assertThat(name).hasSize(DatabaseAdmin.MAX_NAME_LENGTH).matches("retort_[a-z0-9_]+_[a-z0-9]{6}");
        assertThat(DatabaseAdmin.uniqueName(TestServerTest.class)).matches("retort_testservertest_[a-z0-9]{6}")
                .isNotEqualTo(DatabaseAdmin.uniqueName(TestServerTest.class));
    }
}
