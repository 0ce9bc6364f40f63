package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** {@code @Version}: the counter starts at 1, goes up with every UPDATE, and a stale UPDATE or DELETE fails. */
@DatabaseTest
class OptimisticLockTest {

    @Entity(table = "ol_accounts")
    static class Account {
        @Id @GeneratedValue Integer id;
        @Column(length = 40, nullable = false) String owner;
        int balance;
        @Version int version;

        Account() {
        }

        Account(String owner, int balance) {
            this.owner = owner;
            this.balance = balance;
        }
    }

    @Entity(table = "ol_notes")
    static class Note {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String text;
        @Version Long revision;

        Note() {
        }

        Note(String text) {
            this.text = text;
        }
    }

    static final Mapping MAPPING = Mapping.of(Account.class, Note.class);

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    OptimisticLockTest(TestDatabase db) {
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
        engine.execute(text("DELETE FROM ol_accounts")).rowcount().block();
        engine.execute(text("DELETE FROM ol_notes")).rowcount().block();
    }

    private int newAccount(String owner, int balance) {
        Account account = new Account(owner, balance);
        sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(account))).block();
        log.clear();
        return account.id;
    }

    /** "owner:balance:version" of the account's row, or null. */
    private String row(int id) {
        return engine.execute(text("SELECT CONCAT(owner, ':', balance, ':', version) FROM ol_accounts WHERE id = " + id))
                .scalar(String.class).block();
    }

    @Test
    void newRowStartsAtVersionOne() {
        Account account = new Account("ada", 100);
        sessions.inTransaction(s -> {
            s.add(account);
            return s.flush().then(Mono.fromRunnable(() -> assertThat(account.version).isEqualTo(1)));
        }).block();

        assertThat(log.statements("INSERT"))
                .containsExactly("INSERT INTO ol_accounts (id, owner, balance, version) VALUES (?, ?, ?, ?) RETURNING id");
        assertThat(account.version).isEqualTo(1);
        assertThat(row(account.id)).isEqualTo("ada:100:1");
    }

    @Test
    void everyUpdateIncrementsTheVersion() {
        int id = newAccount("ada", 100);

        Account account = sessions.inTransaction(s -> s.getOne(Account.class, id).flatMap(loaded -> {
            assertThat(loaded.version).isEqualTo(1);
            loaded.balance = 150;
            return s.flush().then(Mono.fromRunnable(() -> {
                assertThat(loaded.version).isEqualTo(2);
                loaded.owner = "ada l.";
            })).then(s.flush()).thenReturn(loaded);
        })).block();

        assertThat(account.version).isEqualTo(3);
        assertThat(row(id)).isEqualTo("ada l.:150:3");
        assertThat(log.statements("UPDATE")).containsExactly(
                "UPDATE ol_accounts SET balance = ?, version = ? WHERE ol_accounts.id = ? AND ol_accounts.version = ?",
                "UPDATE ol_accounts SET owner = ?, version = ? WHERE ol_accounts.id = ? AND ol_accounts.version = ?");
    }

    @Test
    void boxedLongVersion() {
        Note note = new Note("draft");
        sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(note))).block();
        assertThat(note.revision).isEqualTo(1L);

        Note updated = sessions.inTransaction(s -> s.getOne(Note.class, note.id).doOnNext(loaded -> loaded.text = "final"))
                .block();

        assertThat(updated.revision).isEqualTo(2L);
        assertThat(engine.execute(text("SELECT CONCAT(text, ':', revision) FROM ol_notes")).scalarOne(String.class).block())
                .isEqualTo("final:2");
    }

    @Test
    void secondCommitOfConcurrentChangesFails() {
        int id = newAccount("ada", 100);

        assertThatThrownBy(() -> sessions.withSession(first -> first.getOne(Account.class, id).flatMap(mine -> {
            mine.balance = 50;
            return sessions.withSession(second -> second.getOne(Account.class, id).flatMap(theirs -> {
                theirs.balance = 75;
                return second.commit();
            })).then(first.commit());
        })).block())
                .isInstanceOf(StaleDataException.class)
                .hasMessage("UPDATE of Account#" + id + " in ol_accounts expected to match 1 row, matched 0 (version 1):"
                        + " another transaction changed or deleted it");

        assertThat(row(id)).isEqualTo("ada:75:2");
        assertThat(log.statements("UPDATE")).containsExactly(
                "UPDATE ol_accounts SET balance = ?, version = ? WHERE ol_accounts.id = ? AND ol_accounts.version = ?",
                "UPDATE ol_accounts SET balance = ?, version = ? WHERE ol_accounts.id = ? AND ol_accounts.version = ?");
    }

    @Test
    void staleDeleteFails() {
        int id = newAccount("ada", 100);

        assertThatThrownBy(() -> sessions.withSession(first -> first.getOne(Account.class, id).flatMap(mine -> {
            first.delete(mine);
            return sessions.withSession(second -> second.getOne(Account.class, id).flatMap(theirs -> {
                theirs.owner = "ada b.";
                return second.commit();
            })).then(first.commit());
        })).block())
                .isInstanceOf(StaleDataException.class)
                .hasMessage("DELETE of Account#" + id + " (version 1) matched no row: another transaction changed or deleted it");

        assertThat(row(id)).isEqualTo("ada b.:100:2");
        assertThat(log.statements("DELETE"))
                .containsExactly("DELETE FROM ol_accounts WHERE ol_accounts.id = ? AND ol_accounts.version = ?");
    }

    @Test
    void updateOfRowDeletedElsewhereFails() {
        int id = newAccount("ada", 100);

        assertThatThrownBy(() -> sessions.withSession(first -> first.getOne(Account.class, id).flatMap(mine -> {
            mine.balance = 0;
            return engine.execute(text("DELETE FROM ol_accounts WHERE id = " + id)).rowcount().then(first.commit());
        })).block())
                .isInstanceOf(StaleDataException.class)
                .hasMessageStartingWith("UPDATE of Account#" + id + " in ol_accounts expected to match 1 row, matched 0");

        assertThat(row(id)).isNull();
    }

    @Test
    void currentVersionUpdatesAndDeletes() {
        int id = newAccount("ada", 100);

        sessions.inTransaction(s -> s.getOne(Account.class, id).doOnNext(account -> account.balance = 10)).block();
        sessions.inTransaction(s -> s.getOne(Account.class, id).doOnNext(s::delete)).block();

        assertThat(row(id)).isNull();
        assertThat(log.statements("DELETE"))
                .containsExactly("DELETE FROM ol_accounts WHERE ol_accounts.id = ? AND ol_accounts.version = ?");
    }

    @Test
    void changeOfExpiredObjectIsWrittenWithTheRowsVersion() {
        int id = newAccount("ada", 100);

        Account account = sessions.inTransaction(s -> s.getOne(Account.class, id).doOnNext(loaded -> {
            s.expire(loaded);
            loaded.balance = 90;
        })).block();

        assertThat(row(id)).isEqualTo("ada:90:2");
        assertThat(account.version).isEqualTo(2);
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "SELECT ol_accounts.id, ol_accounts.owner, ol_accounts.balance, ol_accounts.version FROM ol_accounts"
                        + " WHERE ol_accounts.id = ?",
                "SELECT ol_accounts.id, ol_accounts.version FROM ol_accounts WHERE ol_accounts.id = ?",
                "UPDATE ol_accounts SET balance = ?, version = ? WHERE ol_accounts.id = ? AND ol_accounts.version = ?",
                "COMMIT");
    }

    @Test
    void changeAfterRollbackChecksTheRowsVersion() {
        int id = newAccount("ada", 100);

        Account account = sessions.withSession(s -> s.getOne(Account.class, id).flatMap(loaded -> {
            loaded.balance = 1;
            return s.flush()
                    .then(Mono.fromRunnable(() -> assertThat(loaded.version).isEqualTo(2)))
                    .then(s.rollback())
                    .then(Mono.fromRunnable(() -> {
                        assertThat(s.isExpired(loaded)).isTrue();
                        loaded.balance = 2;
                    }))
                    .then(s.commit())
                    .thenReturn(loaded);
        })).block();

        assertThat(account.version).isEqualTo(2);
        assertThat(row(id)).isEqualTo("ada:2:2");
    }

    @Test
    void changeOfExpiredObjectWhoseRowIsGoneFails() {
        int id = newAccount("ada", 100);

        assertThatThrownBy(() -> sessions.withSession(s -> s.getOne(Account.class, id).flatMap(loaded -> s.commit()
                .then(engine.execute(text("DELETE FROM ol_accounts WHERE id = " + id)).rowcount())
                .then(Mono.fromRunnable(() -> {
                    s.expire(loaded);
                    loaded.balance = 5;
                }))
                .then(s.commit()))).block())
                .isInstanceOf(StaleDataException.class)
                .hasMessage("UPDATE of expired Account#" + id + " in ol_accounts found no row to read its version from:"
                        + " another transaction deleted it");
        assertThat(log.count("UPDATE")).isZero();
    }

    @Test
    void changeOfObjectExpiredByCommitIsWritten() {
        Note note = new Note("first");
        SessionFactory expiring = SessionFactory.of(log.engine(), MAPPING, SessionOptions.DEFAULTS.withExpireOnCommit(true));

        expiring.inTransaction(s -> {
            s.add(note);
            return s.commit().then(Mono.fromRunnable(() -> {
                assertThat(s.isExpired(note)).isTrue();
                note.text = "second";
            }));
        }).block();

        assertThat(engine.execute(text("SELECT CONCAT(text, ':', revision) FROM ol_notes")).scalarOne(String.class).block())
                .isEqualTo("second:2");
        assertThat(note.text).as("expired again by the final commit").isNull();
        assertThat(note.revision).isNull();
    }

    @Test
    void deleteOfExpiredObject() {
        int id = newAccount("ada", 100);

        sessions.inTransaction(s -> s.getOne(Account.class, id).doOnNext(loaded -> {
            s.expire(loaded);
            s.delete(loaded);
        })).block();

        assertThat(row(id)).isNull();
        assertThat(log.statements("SELECT")).containsExactly(
                "SELECT ol_accounts.id, ol_accounts.owner, ol_accounts.balance, ol_accounts.version FROM ol_accounts"
                        + " WHERE ol_accounts.id = ?",
                "SELECT ol_accounts.id, ol_accounts.version FROM ol_accounts WHERE ol_accounts.id = ?");
        assertThat(log.statements("DELETE"))
                .containsExactly("DELETE FROM ol_accounts WHERE ol_accounts.id = ? AND ol_accounts.version = ?");
    }

    @Test
    void mergingAStaleDetachedObjectFails() {
        Account detached = sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(new Account("stale-merge", 10)))).block();
        sessions.inTransaction(s -> s.getOne(Account.class, detached.id).doOnNext(a -> a.balance = 20)).block();
        detached.balance = 30;

        assertThatThrownBy(() -> sessions.inTransaction(s -> s.merge(detached)).block())
                .isInstanceOf(StaleDataException.class)
                .hasMessage("Cannot merge Account#" + detached.id + " at version 1: the row is at version 2"
                        + " (another transaction changed it)");
        Account stored = sessions.withSession(s -> s.getOne(Account.class, detached.id)).block();
        assertThat(stored.balance).isEqualTo(20);
        assertThat(stored.version).isEqualTo(2);
    }
}
