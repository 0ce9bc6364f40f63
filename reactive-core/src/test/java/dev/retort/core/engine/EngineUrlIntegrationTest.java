package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.ConfigurationException;
import dev.retort.core.exception.OperationalException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** URLs in every accepted form reach the server; bad ones fail clearly and never show the password. */
@DatabaseTest
class EngineUrlIntegrationTest {

    private final TestDatabase db;

    EngineUrlIntegrationTest(TestDatabase db) {
        this.db = db;
    }

    private String withScheme(String scheme) {
        return scheme + db.url().substring(db.url().indexOf("://"));
    }

    @Test
    void everySchemeConnects() {
        for (String scheme : new String[] {"mysql", "mariadb", "mysql+r2dbc", "r2dbc:mysql", "r2dbc:pool:mysql"}) {
            Engine engine = db.newEngine(withScheme(scheme), EngineOptions.defaults());
            engine.execute(text("SELECT DATABASE()")).scalar(String.class)
                    .as(StepVerifier::create).expectNext(db.name()).verifyComplete();
        }
    }

    @Test
    void queryOptionsReachTheDriver() {
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "sslMode=DISABLED&tcpKeepAlive=true";
        Engine engine = db.newEngine(url, EngineOptions.defaults());
        engine.execute(text("SELECT 1")).scalar(Integer.class).as(StepVerifier::create).expectNext(1).verifyComplete();
    }

    @Test
    void aBadOptionValueIsAConfigurationError() {
        assertThatThrownBy(() -> Engine.create(db.url() + "?sslMode=SOMETIMES"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sslMode");
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        String url = db.url().replaceFirst("://([^:@/]+)(:[^@]*)?@", "://$1:Wr0ng%23Secret@");
        Engine engine = db.newEngine(url, EngineOptions.defaults());
        engine.execute(text("SELECT 1")).scalar(Integer.class)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(OperationalException.class).hasMessageContaining("***");
                    for (Throwable t = error; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("Wr0ng").doesNotContain("Secret");
                    }
                });
    }

    @Test
    void anUnreachableServerFailsWithAnOperationalError() {
        Engine engine = db.newEngine("mysql://root:pw@127.0.0.1:1/db",
                EngineOptions.builder().connectTimeout(Duration.ofSeconds(2)).build());
        engine.execute(text("SELECT 1")).scalar(Integer.class)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(OperationalException.class)
                        .hasMessageContaining("Could not connect to mysql://root:***@127.0.0.1:1/db"));
    }

    @Test
    void theDialectIsDetectedFromTheServer() {
        db.engine().dialect().as(StepVerifier::create)
                .assertNext(dialect -> {
                    assertThat(dialect.name()).isIn("mysql", "mariadb");
                    assertThat(dialect.serverVersion().major()).isGreaterThanOrEqualTo(8);
                })
                .verifyComplete();
    }
}
