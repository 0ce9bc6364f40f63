package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A flush that fails: the session refuses work until {@code rollback()}, which restores a usable state. */
@DatabaseTest
class FailedFlushTest {

    @Entity(table = "ff_teams")
    static class Team {
        @Id @GeneratedValue Integer id;
        @Column(length = 40, nullable = false, unique = true) String name;

        Team() {
        }

        Team(String name) {
            this.name = name;
        }
    }

    @Entity(table = "ff_members")
    static class Member {
        @Id @GeneratedValue Integer id;
        @Column(length = 40, nullable = false, unique = true) String handle;
        int score;
        @ForeignKey(entity = Team.class) Integer teamId;

        Member() {
        }

        Member(String handle) {
            this.handle = handle;
        }
    }

    static final Mapping MAPPING = Mapping.of(Team.class, Member.class);

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;
    private int takenId;
    private int otherId;
    private int goneId;

    FailedFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @BeforeEach
    void members() {
        Member taken = new Member("taken");
        Member other = new Member("other");
        Member gone = new Member("gone");
        sessions.inTransaction(s -> {
            s.addAll(List.of(taken, other, gone));
            return Mono.empty();
        }).block();
        takenId = taken.id;
        otherId = other.id;
        goneId = gone.id;
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
        engine.execute(text("DELETE FROM ff_members")).rowcount().block();
        engine.execute(text("DELETE FROM ff_teams")).rowcount().block();
    }

    /** Every member row as "handle:score", by handle. */
    private List<String> memberRows() {
        return engine.execute(text("SELECT CONCAT(handle, ':', score) FROM ff_members ORDER BY handle"))
                .scalars(String.class).collectList().block();
    }

    private List<String> teamNames() {
        return engine.execute(text("SELECT name FROM ff_teams ORDER BY name")).scalars(String.class).collectList().block();
    }

    /** Runs {@code operation}, recording its error instead of failing. */
    private static Mono<Void> recording(List<Throwable> errors, Supplier<Mono<?>> operation) {
        return Mono.defer(operation).then().onErrorResume(error -> {
            errors.add(error);
            return Mono.empty();
        });
    }

    @Test
    void failedFlushNeedsRollbackAndRollbackRestoresTheSession() {
        List<Throwable> errors = new ArrayList<>();
        Member fresh = new Member("fresh");
        Member duplicate = new Member("taken");
        Member later = new Member("later");
        Object[] loaded = new Object[2];

        sessions.withSession(s -> s.getOne(Member.class, otherId).flatMap(other -> s.getOne(Member.class, goneId).flatMap(gone -> {
            loaded[0] = other;
            loaded[1] = gone;
            other.score = 5;
            s.delete(gone);
            s.add(fresh);
            return s.flush()
                    .then(Mono.fromRunnable(() -> {
                        assertThat(Session.state(fresh)).isEqualTo(ObjectState.PERSISTENT);
                        assertThat(fresh.id).isNotNull();
                        assertThat(Session.state(gone)).isEqualTo(ObjectState.DELETED);
                        s.add(duplicate);
                    }))
                    .then(recording(errors, s::flush))
                    .then(recording(errors, () -> s.get(Member.class, takenId)))
                    .then(recording(errors, s::flush))
                    .then(recording(errors, s::commit))
                    .then(recording(errors, () -> s.scalars(select(Member.class)).collectList()))
                    .then(recording(errors, () -> s.execute(text("SELECT 1")).scalar(Integer.class)))
                    .then(s.rollback())
                    .then(Mono.fromRunnable(() -> {
                        assertThat(Session.state(fresh)).isEqualTo(ObjectState.TRANSIENT);
                        assertThat(fresh.id).isNull();
                        assertThat(Session.state(duplicate)).isEqualTo(ObjectState.TRANSIENT);
                        assertThat(duplicate.id).isNull();
                        assertThat(Session.state(other)).isEqualTo(ObjectState.PERSISTENT);
                        assertThat(Session.state(gone)).isEqualTo(ObjectState.PERSISTENT);
                        assertThat(s.isExpired(other)).isTrue();
                        assertThat(s.isExpired(gone)).isTrue();
                        assertThat(other.handle).isNull();
                        assertThat(other.score).isZero();
                        assertThat(other.id).isEqualTo(otherId);
                        assertThat(s.newObjects()).isEmpty();
                        assertThat(s.deleted()).isEmpty();
                        assertThat(s.dirty()).isEmpty();
                        assertThat(s.identityMap()).containsExactlyInAnyOrder(other, gone);
                        s.add(later);
                    }))
                    .then(s.commit())
                    .then(Mono.fromRunnable(() -> assertThat(Session.state(later)).isEqualTo(ObjectState.PERSISTENT)))
                    .then(s.get(Member.class, goneId))
                    .doOnNext(again -> {
                        assertThat(again).isSameAs(gone);
                        assertThat(gone.handle).isEqualTo("gone");
                        assertThat(s.isExpired(gone)).isFalse();
                    })
                    .then(s.refresh(other))
                    .doOnNext(refreshed -> {
                        assertThat(other.handle).isEqualTo("other");
                        assertThat(other.score).isZero();
                    });
        }))).block();

        assertThat(errors).hasSize(6);
        assertThat(errors.get(0)).isInstanceOf(IntegrityException.class).hasMessageContaining("Duplicate entry 'taken'");
        List<String> operations = List.of("get", "flush", "commit", "query", "execute");
        for (int i = 1; i < errors.size(); i++) {
            assertThat(errors.get(i))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("This session's flush failed or was cancelled part-way (")
                    .hasMessageEndingWith("), so its transaction must be rolled back; call rollback() before " + operations.get(i - 1))
                    .hasCause(errors.get(0));
        }
        assertThat(later.id).isNotNull();
        assertThat(memberRows()).containsExactly("gone:0", "later:0", "other:0", "taken:0");
        assertThat(log.all()).containsSubsequence(
                "INSERT INTO ff_members (id, handle, score, team_id) VALUES (?, ?, ?, ?) RETURNING id",
                "ROLLBACK",
                "INSERT INTO ff_members (id, handle, score, team_id) VALUES (?, ?, ?, ?) RETURNING id",
                "COMMIT");
    }

    @Test
    void objectsInsertedEarlierInTheFailedFlushBecomeTransient() {
        Team blue = new Team("blue");
        Member duplicate = new Member("taken");
        Member fine = new Member("fine");
        List<Throwable> errors = new ArrayList<>();

        sessions.withSession(s -> {
            s.add(duplicate);
            s.add(fine);
            s.add(blue);
            return recording(errors, s::flush)
                    .then(Mono.fromRunnable(() -> {
                        assertThat(blue.id).as("the teams were inserted first").isNotNull();
                        assertThat(Session.state(blue)).isEqualTo(ObjectState.PERSISTENT);
                        assertThat(Session.state(duplicate)).isEqualTo(ObjectState.PENDING);
                    }))
                    .then(s.rollback())
                    .then(Mono.fromRunnable(() -> {
                        assertThat(List.of(blue, duplicate, fine))
                                .allSatisfy(entity -> assertThat(Session.state(entity)).isEqualTo(ObjectState.TRANSIENT));
                        assertThat(blue.id).isNull();
                        assertThat(s.identityMap()).isEmpty();
                    }))
                    .then(Mono.fromRunnable(() -> s.add(fine)))
                    .then(s.commit());
        }).block();

        assertThat(errors).singleElement().isInstanceOf(IntegrityException.class);
        assertThat(log.statements("INSERT")).containsExactly(
                "INSERT INTO ff_teams (id, name) VALUES (?, ?) RETURNING id",
                "INSERT INTO ff_members (id, handle, score, team_id) VALUES (?, ?, ?, ?), (?, ?, ?, ?) RETURNING id",
                "INSERT INTO ff_members (id, handle, score, team_id) VALUES (?, ?, ?, ?) RETURNING id");
        assertThat(teamNames()).isEmpty();
        assertThat(memberRows()).containsExactly("fine:0", "gone:0", "other:0", "taken:0");
    }

    @Test
    void failingAutoflushFailsTheQuery() {
        List<Throwable> errors = new ArrayList<>();

        sessions.withSession(s -> {
            s.add(new Member("taken"));
            return recording(errors, () -> s.scalars(select(Member.class)).collectList())
                    .then(recording(errors, () -> s.getOne(Member.class, otherId)))
                    .then(s.rollback())
                    .then(s.getOne(Member.class, otherId))
                    .doOnNext(other -> assertThat(other.handle).isEqualTo("other"));
        }).block();

        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).isInstanceOf(IntegrityException.class);
        assertThat(errors.get(1)).isInstanceOf(InvalidRequestException.class).hasMessageEndingWith("call rollback() before get");
        assertThat(log.count("SELECT")).isEqualTo(1);
    }

    @Test
    void failedFlushInTransactionSurfacesAndKeepsNothing() {
        Team red = new Team("red");

        assertThatThrownBy(() -> sessions.inTransaction(s -> {
            s.add(red);
            s.add(new Member("taken"));
            return Mono.empty();
        }).block())
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("Duplicate entry 'taken'");

        assertThat(teamNames()).isEmpty();
        assertThat(memberRows()).containsExactly("gone:0", "other:0", "taken:0");
        assertThat(Session.state(red)).isEqualTo(ObjectState.TRANSIENT);
        assertThat(red.id).isNull();
    }
}
