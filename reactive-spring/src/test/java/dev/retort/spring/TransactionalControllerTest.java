package dev.retort.spring;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.mapping.Mapping;
import dev.retort.spring.app.LedgerTables;
import dev.retort.spring.app.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A WebFlux handler that is itself {@code @Transactional}: its Retort writes commit or roll back with it. */
@DatabaseTest
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TransactionalControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestDatabase database;

    @Autowired
    WebTestClient client;
    @Autowired
    Engine engine;
    @Autowired
    Mapping mapping;

    @BeforeAll
    static void database(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("retort.url", () -> database.url());
    }

    @BeforeEach
    void tables() {
        LedgerTables.reset(engine, mapping);
    }

    @AfterEach
    void nothingCheckedOut() throws InterruptedException {
        LedgerTables.awaitNothingCheckedOut(engine, Duration.ofSeconds(5));
    }

    @Test
    void anErroringTransactionalHandlerAnswers5xxAndCommitsNothing() {
        long before = probe();
        // the error body is read (an unread response body is a buffer the HTTP client never releases)
        client.post().uri("/ledger/{name}?fail=true", "doomed").exchange()
                .expectStatus().is5xxServerError()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"status\":500"));
        // the handler's INSERT ran (it took an AUTO_INCREMENT value) and was rolled back
        assertThat(probe()).isGreaterThan(before + 1);
        assertThat(count("ledger")).isEqualTo(2); // the two probes
        assertThat(count("notes")).isZero();
    }

    @Test
    void aSucceedingTransactionalHandlerCommits() {
        client.post().uri("/ledger/{name}", "kept").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("added kept");
        assertThat(count("ledger")).isEqualTo(1);
        assertThat(count("notes")).isEqualTo(1);
    }

    /** Inserts a probe row and answers its id. */
    private long probe() {
        return engine.transaction(c -> c.execute(text("INSERT INTO ledger (name) VALUES ('probe')")).rowcount()
                .then(c.execute(text("SELECT LAST_INSERT_ID()")).scalar(Long.class))).block(WAIT);
    }

    private long count(String table) {
        return engine.execute(text("SELECT COUNT(*) FROM " + table)).scalar(Long.class).block(WAIT);
    }
}
