package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.relations.Uow.Stream;
import dev.retort.orm.session.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** An ORM session inside a transaction bound by {@code engine.transactional()} joins it: it commits nothing itself. */
@DatabaseTest
class JoinedTransactionTest {

    private final Engine engine;
    private final SessionFactory sessions;

    JoinedTransactionTest(TestDatabase db) {
        engine = db.engine();
        sessions = SessionFactory.of(engine, Uow.LOGS);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.LOGS.createAll(db.engine()).block();
    }

    @AfterEach
    void clear() {
        Uow.clear(engine, "uw_log_entries", "uw_streams", "uw_notes", "uw_journals");
    }

    private long streams() {
        return engine.execute(text("SELECT COUNT(*) FROM uw_streams")).scalar(Long.class).block();
    }

    @Test
    void aSessionCommitInsideTransactionalDoesNotCommitTheOuterTransaction() {
        Mono<Void> work = sessions.inTransaction(s -> {
                    s.add(new Stream("inner"));
                    return Mono.empty();
                })
                .then(Mono.error(new IllegalStateException("outer work fails after the session")));
        work.as(engine.transactional()::transactional)
                .as(StepVerifier::create)
                .verifyErrorMessage("outer work fails after the session");
        assertThat(streams()).as("rows the joined session wrote, after the outer transaction rolled back").isZero();
    }

    @Test
    void aSessionThatFailsInsideTransactionalMakesTheOuterCommitRollBackAndFail() {
        Mono<Void> work = sessions.inTransaction(s -> {
                    s.add(new Stream("inner"));
                    return s.flush().then(Mono.error(new IllegalStateException("session work fails")));
                })
                .onErrorResume(IllegalStateException.class, swallowed -> Mono.empty())
                .then(engine.execute(text("INSERT INTO uw_streams (name) VALUES ('outer')")).rowcount())
                .then();
        work.as(engine.transactional()::transactional)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(dev.retort.core.exception.InvalidRequestException.class)
                        .hasMessageContaining("rolled back instead of committed"));
        assertThat(streams()).isZero();
    }

    @Test
    void aSessionInsideTransactionalCommitsWithTheOuterTransaction() {
        Mono<Long> work = sessions.inTransaction(s -> {
                    s.add(new Stream("inner"));
                    return Mono.empty();
                })
                .then(engine.execute(text("INSERT INTO uw_streams (name) VALUES ('outer')")).rowcount());
        work.as(engine.transactional()::transactional)
                .as(StepVerifier::create).expectNext(1L).verifyComplete();
        assertThat(streams()).isEqualTo(2);
    }
}
