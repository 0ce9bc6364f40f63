package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The object life cycle of SQLAlchemy tutorial day 6, with {@link Session#state} checked at every step. */
@DatabaseTest
class ObjectStatesTest {

    @Entity(table = "os_users")
    static class User {
        @Id @GeneratedValue Integer id;
        @Column(length = 50, nullable = false) String name;

        User() {
        }

        User(String name) {
            this.name = name;
        }
    }

    static final Mapping MAPPING = Mapping.of(User.class);

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    ObjectStatesTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        engine.execute(text("DELETE FROM os_users")).rowcount().block();
    }

    private static Mono<Void> step(Runnable check) {
        return Mono.fromRunnable(check);
    }

    private String nameInDatabase(int id) {
        return engine.execute(text("SELECT name FROM os_users WHERE id = :id"), Map.of("id", id)).scalar(String.class).block();
    }

    private long rowsNamed(String name) {
        return engine.execute(text("SELECT COUNT(*) FROM os_users WHERE name = :name"), Map.of("name", name))
                .scalarOne(Long.class).block();
    }

    @Test
    void tutorialTwelveSteps() {
        List<String> trace = new ArrayList<>();

        // CREATE
        User alice = new User("Alice");
        trace.add("1 new object: " + Session.state(alice));
        sessions.withSession(s -> {
            s.add(alice);
            trace.add("2 after add: " + Session.state(alice));
            assertThat(s.newObjects()).containsExactly(alice);
            assertThat(alice.id).isNull();
            return s.flush()
                    .then(step(() -> {
                        trace.add("3 after flush: " + Session.state(alice));
                        assertThat(alice.id).isNotNull();
                        assertThat(s.newObjects()).isEmpty();
                        assertThat(s.identityMap()).containsExactly(alice);
                    }))
                    .then(s.commit())
                    .then(step(() -> {
                        trace.add("4 after commit: " + Session.state(alice));
                        assertThat(s.contains(alice)).isTrue();
                    }));
        }).block();
        int id = alice.id;
        assertThat(Session.state(alice)).isEqualTo(ObjectState.DETACHED);
        assertThat(nameInDatabase(id)).isEqualTo("Alice");

        // READ & MODIFY
        User[] modified = new User[1];
        sessions.withSession(s -> s.getOne(User.class, id).flatMap(loaded -> {
            modified[0] = loaded;
            trace.add("5 loaded: " + Session.state(loaded));
            assertThat(loaded).isNotSameAs(alice);
            assertThat(loaded.name).isEqualTo("Alice");
            assertThat(s.dirty()).isEmpty();
            loaded.name = "Bob";
            trace.add("6 after modify: " + Session.state(loaded));
            assertThat(s.dirty()).containsExactly(loaded);
            assertThat(s.isModified(loaded)).isTrue();
            return s.commit().then(step(() -> {
                trace.add("7 after update commit: " + Session.state(loaded));
                assertThat(s.dirty()).isEmpty();
                assertThat(s.isModified(loaded)).isFalse();
            }));
        })).block();
        assertThat(nameInDatabase(id)).isEqualTo("Bob");
        assertThat(modified[0].name).isEqualTo("Bob");

        // DELETE
        User[] removed = new User[1];
        sessions.withSession(s -> s.getOne(User.class, id).flatMap(user -> {
            removed[0] = user;
            trace.add("8 loaded for delete: " + Session.state(user));
            s.delete(user);
            trace.add("9 after delete: " + Session.state(user));
            assertThat(s.deleted()).containsExactly(user);
            assertThat(s.contains(user)).isTrue();
            return s.flush()
                    .then(step(() -> {
                        trace.add("10 after delete flush: " + Session.state(user));
                        assertThat(s.deleted()).isEmpty();
                        assertThat(s.identityMap()).isEmpty();
                    }))
                    .then(s.get(User.class, id).map(found -> "found").defaultIfEmpty("gone"))
                    .doOnNext(lookup -> assertThat(lookup).isEqualTo("gone"))
                    .then(s.commit())
                    .then(step(() -> {
                        trace.add("11 after delete commit: " + Session.state(user));
                        assertThat(s.contains(user)).isFalse();
                    }));
        })).block();
        assertThat(nameInDatabase(id)).isNull();
        assertThat(removed[0].id).isEqualTo(id);

        // DETACHED by closing the session
        User charlie = new User("Charlie");
        sessions.withSession(s -> {
            s.add(charlie);
            return s.flush().then(step(() -> trace.add("12a flushed: " + Session.state(charlie))));
        }).block();
        trace.add("12b after session close: " + Session.state(charlie));
        assertThat(charlie.id).isNotNull();
        assertThat(rowsNamed("Charlie")).isZero();

        assertThat(trace).containsExactly(
                "1 new object: TRANSIENT",
                "2 after add: PENDING",
                "3 after flush: PERSISTENT",
                "4 after commit: PERSISTENT",
                "5 loaded: PERSISTENT",
                "6 after modify: PERSISTENT",
                "7 after update commit: PERSISTENT",
                "8 loaded for delete: PERSISTENT",
                "9 after delete: PERSISTENT",
                "10 after delete flush: DELETED",
                "11 after delete commit: DETACHED",
                "12a flushed: PERSISTENT",
                "12b after session close: DETACHED");
        assertThat(Session.state(modified[0])).isEqualTo(ObjectState.DETACHED);
        assertThat(Session.state(removed[0])).isEqualTo(ObjectState.DETACHED);
    }

    @Test
    void expungeDetachesPersistentAndMakesPendingTransient() {
        User kept = new User("Kept");
        sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(kept))).block();
        int id = kept.id;

        User pending = new User("Pending");
        List<ObjectState> states = sessions.withSession(s -> s.getOne(User.class, id).map(loaded -> {
            s.add(pending);
            s.expunge(loaded);
            s.expunge(pending);
            assertThat(s.contains(loaded)).isFalse();
            assertThat(s.contains(pending)).isFalse();
            assertThat(s.identityMap()).isEmpty();
            assertThat(s.newObjects()).isEmpty();
            return List.of(Session.state(loaded), Session.state(pending));
        }).flatMap(result -> s.flush().thenReturn(result))).block();

        assertThat(states).containsExactly(ObjectState.DETACHED, ObjectState.TRANSIENT);
        assertThat(pending.id).isNull();
        assertThat(rowsNamed("Pending")).isZero();
        assertThat(log.count("INSERT")).isEqualTo(1);
    }

    @Test
    void expungedObjectIsLoadedAgainAsNewInstance() {
        User user = new User("Again");
        sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(user))).block();

        List<Object> result = sessions.withSession(s -> s.getOne(User.class, user.id)
                .flatMap(first -> {
                    s.expunge(first);
                    return s.getOne(User.class, user.id).map(second -> List.<Object>of(first, second));
                })).block();

        assertThat(result.get(1)).isNotSameAs(result.get(0));
        assertThat(Session.state(result.get(0))).isEqualTo(ObjectState.DETACHED);
        assertThat(log.count("SELECT")).isEqualTo(2);
    }

    @Test
    void addingDetachedObjectReattachesIt() {
        User user = new User("Dora");
        sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(user))).block();
        assertThat(Session.state(user)).isEqualTo(ObjectState.DETACHED);

        user.name = "Dora the Explorer";
        log.clear();
        sessions.inTransaction(s -> {
            User same = s.add(user);
            assertThat(same).isSameAs(user);
            assertThat(Session.state(user)).isEqualTo(ObjectState.PERSISTENT);
            assertThat(s.newObjects()).isEmpty();
            assertThat(s.dirty()).containsExactly(user);
            return s.getOne(User.class, user.id).doOnNext(found -> assertThat(found).isSameAs(user));
        }).block();

        assertThat(Session.state(user)).isEqualTo(ObjectState.DETACHED);
        assertThat(nameInDatabase(user.id)).isEqualTo("Dora the Explorer");
        assertThat(log.statements("UPDATE")).containsExactly("UPDATE os_users SET name = ? WHERE os_users.id = ?");
        assertThat(log.count("SELECT")).isZero();
    }

    @Test
    void deletingPendingObjectMakesItTransient() {
        User user = new User("Never");
        ObjectState state = sessions.inTransaction(s -> {
            s.add(user);
            s.delete(user);
            assertThat(s.newObjects()).isEmpty();
            assertThat(s.deleted()).isEmpty();
            assertThat(s.contains(user)).isFalse();
            return s.flush().then(Mono.fromSupplier(() -> Session.state(user)));
        }).block();

        assertThat(state).isEqualTo(ObjectState.TRANSIENT);
        assertThat(Session.state(user)).isEqualTo(ObjectState.TRANSIENT);
        assertThat(user.id).isNull();
        assertThat(log.count("INSERT")).isZero();
        assertThat(rowsNamed("Never")).isZero();
    }

    @Test
    void newObjectsKeepAddOrder() {
        User c = new User("c");
        User a = new User("a");
        User b = new User("b");
        List<Integer> ids = sessions.inTransaction(s -> {
            s.add(c);
            s.addAll(List.of(a, b));
            s.add(c);
            assertThat(s.newObjects()).containsExactly(c, a, b);
            s.delete(a);
            assertThat(s.newObjects()).containsExactly(c, b);
            s.add(a);
            assertThat(s.newObjects()).containsExactly(c, b, a);
            return s.flush().then(Mono.fromSupplier(() -> List.of(c.id, b.id, a.id)));
        }).block();

        assertThat(ids.get(0)).isLessThan(ids.get(1));
        assertThat(ids.get(1)).isLessThan(ids.get(2));
    }

    @Test
    void isModifiedFollowsChanges() {
        User user = new User("Eve");
        List<Boolean> seen = sessions.inTransaction(s -> {
            List<Boolean> flags = new ArrayList<>();
            s.add(user);
            flags.add(s.isModified(user));
            return s.flush().then(Mono.fromSupplier(() -> {
                flags.add(s.isModified(user));
                user.name = "Eva";
                flags.add(s.isModified(user));
                user.name = "Eve";
                flags.add(s.isModified(user));
                assertThat(s.dirty()).isEmpty();
                flags.add(s.isModified(new User("stranger")));
                return flags;
            }));
        }).block();

        assertThat(seen).containsExactly(true, false, true, false, false);
        assertThat(log.count("UPDATE")).isZero();
    }

    @Test
    void aCommittedDeletionCannotBeAddedBackButAnUncommittedOneIsPersistentAgain() {
        User gone = new User("gone");
        User kept = new User("kept");
        sessions.inTransaction(s -> Mono.fromRunnable(() -> s.addAll(List.of(gone, kept)))).block();
        User deleted = sessions.inTransaction(s -> s.getOne(User.class, gone.id).doOnNext(s::delete)).block();
        assertThat(Session.state(deleted)).isEqualTo(ObjectState.DETACHED);

        assertThatThrownBy(() -> sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(deleted))).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("User#" + gone.id + " was deleted; its row is gone. Add a new object (or merge() a copy) to insert it again");

        User reloaded = sessions.withSession(s -> s.getOne(User.class, kept.id)
                .flatMap(user -> Mono.fromRunnable(() -> s.delete(user)).then(s.flush()).thenReturn(user))).block();
        assertThat(Session.state(reloaded)).isEqualTo(ObjectState.DETACHED);
        String name = sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(reloaded))
                .flatMap(user -> s.getOne(User.class, kept.id)).map(user -> user.name)).block();
        assertThat(name).isEqualTo("kept");
    }
}
