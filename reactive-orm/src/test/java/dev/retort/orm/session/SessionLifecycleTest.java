package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Metamodel;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The session factory's transaction handling, cancel, and merge/refresh/expire. */
@DatabaseTest
class SessionLifecycleTest {

    @Entity(table = "sl_items")
    static class Item {
        @Id @GeneratedValue Integer id;
        @dev.retort.orm.mapping.Column(length = 40) String name;
        int qty;

        Item() {
        }

        Item(String name, int qty) {
            this.name = name;
            this.qty = qty;
        }
    }

    @Entity(table = "sl_samples")
    static class Sample {
        @Id Integer id;
        long doubled;

        Sample() {
        }
    }

    static final Mapping MAPPING = Mapping.of(Item.class, Sample.class);
    static final Column<Integer> ITEM_ID = Metamodel.column(Item.class, "id");
    static final Column<Integer> SAMPLE_ID = Metamodel.column(Sample.class, "id");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    SessionLifecycleTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
        db.engine().execute(text("INSERT INTO sl_samples (id, doubled) SELECT seq, 2 * seq FROM seq_1_to_5000")).rowcount().block();
    }

    @AfterEach
    void close() {
        log.close();
        engine.execute(text("DELETE FROM sl_items")).rowcount().block();
    }

    /** Every item row as "name:qty", by id. */
    private List<String> items() {
        return engine.execute(text("SELECT CONCAT(name, ':', qty) FROM sl_items ORDER BY id")).scalars(String.class)
                .collectList().block();
    }

    private Item committed(String name, int qty) {
        Item item = new Item(name, qty);
        sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(item))).block();
        log.clear();
        return item;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    // ---- transactions ----------------------------------------------------------------------------

    @Test
    void inTransactionCommits() {
        Item item = new Item("kept", 1);
        Integer id = sessions.inTransaction(s -> {
            s.add(item);
            return s.flush().then(Mono.fromSupplier(() -> item.id));
        }).block();

        assertThat(id).isEqualTo(item.id).isNotNull();
        assertThat(items()).containsExactly("kept:1");
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "COMMIT");
    }

    @Test
    void inTransactionManyCommitsAfterTheLastValue() {
        List<String> names = sessions.inTransactionMany(s -> Flux.just("a", "b", "c")
                .map(name -> s.add(new Item(name, 0)).name)).collectList().block();

        assertThat(names).containsExactly("a", "b", "c");
        assertThat(items()).containsExactly("a:0", "b:0", "c:0");
    }

    @Test
    void errorInsideInTransactionRollsBackAndSurfacesUnchanged() {
        IllegalStateException boom = new IllegalStateException("boom");
        Item item = new Item("lost", 1);

        StepVerifier.create(sessions.inTransaction(s -> {
            s.add(item);
            return s.flush().then(Mono.<Integer>error(boom));
        })).expectErrorSatisfies(error -> assertThat(error).isSameAs(boom)).verify(Duration.ofSeconds(10));

        assertThat(items()).isEmpty();
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "ROLLBACK");
        assertThat(boom.getSuppressed()).isEmpty();
    }

    @Test
    void cancelDuringAStatementRollsBackAndReturnsTheConnection() throws InterruptedException {
        Item item = new Item("cancelled", 1);
        Disposable running = sessions.inTransaction(s -> {
            s.add(item);
            return s.flush().then(s.execute(text("SELECT SLEEP(5)")).scalar(Long.class));
        }).subscribe();

        await("the SLEEP to start", () -> log.all().contains("SELECT SLEEP(5)"));
        running.dispose();
        await("the connection to be checked in", () -> log.engine().poolStatus().checkedOut() == 0);

        assertThat(log.engine().poolStatus().checkedOut()).isZero();
        assertThat(items()).isEmpty();
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "SELECT SLEEP(5)",
                "ROLLBACK (reset)");
        assertThat(Session.state(item)).isEqualTo(ObjectState.DETACHED);
    }

    @Test
    void cancelBetweenStatementsRollsBackAndReturnsTheConnection() throws InterruptedException {
        Item item = new Item("cancelled", 1);
        Disposable running = sessions.inTransaction(s -> {
            s.add(item);
            return s.flush().then(Mono.delay(Duration.ofSeconds(30))).then(s.commit());
        }).subscribe();

        await("the INSERT to finish", () -> item.id != null);
        running.dispose();
        await("the connection to be checked in", () -> log.engine().poolStatus().checkedOut() == 0);

        assertThat(items()).isEmpty();
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "ROLLBACK (reset)");
    }

    @Test
    void withSessionRollsBackWhatIsNotCommitted() {
        Item item = new Item("uncommitted", 1);
        sessions.withSession(s -> {
            s.add(item);
            return s.flush();
        }).block();

        assertThat(items()).isEmpty();
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "ROLLBACK");
    }

    @Test
    void explicitCommitInsideWithSessionPersists() {
        sessions.withSession(s -> {
            s.add(new Item("committed", 1));
            return s.commit().then(Mono.fromRunnable(() -> s.add(new Item("flushed only", 2)))).then(s.flush());
        }).block();

        assertThat(items()).containsExactly("committed:1");
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "COMMIT",
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "ROLLBACK");
    }

    @Test
    void commitKeepsValuesByDefault() {
        Item item = committed("plain", 1);

        sessions.withSession(s -> s.getOne(Item.class, item.id).flatMap(loaded -> {
            loaded.qty = 2;
            return s.commit().then(Mono.fromRunnable(() -> {
                assertThat(s.isExpired(loaded)).isFalse();
                assertThat(loaded.name).isEqualTo("plain");
                assertThat(loaded.qty).isEqualTo(2);
            })).then(s.getOne(Item.class, item.id));
        })).block();

        assertThat(log.count("SELECT")).isEqualTo(1);
    }

    @Test
    void expireOnCommitExpiresAndAGetReloads() {
        Item item = committed("expiring", 1);
        SessionFactory expiring = SessionFactory.of(log.engine(), MAPPING, SessionOptions.DEFAULTS.withExpireOnCommit(true));

        List<String> seen = expiring.withSession(s -> s.getOne(Item.class, item.id).flatMap(loaded -> {
            loaded.qty = 2;
            return s.commit().then(Mono.fromSupplier(() -> {
                assertThat(s.isExpired(loaded)).isTrue();
                assertThat(Session.state(loaded)).isEqualTo(ObjectState.PERSISTENT);
                return loaded.name + ":" + loaded.qty;
            })).flatMap(afterCommit -> s.getOne(Item.class, item.id).map(again -> {
                assertThat(again).isSameAs(loaded);
                assertThat(s.isExpired(loaded)).isFalse();
                return List.of(afterCommit, again.name + ":" + again.qty);
            }));
        })).block();

        assertThat(seen).containsExactly("null:0", "expiring:2");
        assertThat(log.statements("SELECT")).containsExactly(
                "SELECT sl_items.id, sl_items.name, sl_items.qty FROM sl_items WHERE sl_items.id = ?",
                "SELECT sl_items.id, sl_items.name, sl_items.qty FROM sl_items WHERE sl_items.id = ?");
    }

    @Test
    void explicitCloseDetachesAndEndsTheSession() {
        Item item = committed("closing", 1);

        List<String> seen = sessions.withSession(s -> s.getOne(Item.class, item.id).flatMap(loaded -> {
            loaded.qty = 2;
            return s.close().then(Mono.fromSupplier(() -> {
                assertThat(Session.state(loaded)).isEqualTo(ObjectState.DETACHED);
                assertThat(s.contains(loaded)).isFalse();
                assertThat(s.identityMap()).isEmpty();
                assertThatThrownBy(() -> s.add(new Item("late", 0)))
                        .isInstanceOf(InvalidRequestException.class)
                        .hasMessage("This session is closed; add() needs an open session");
                return "closed";
            })).flatMap(closed -> s.get(Item.class, item.id).map(found -> "found")
                    .onErrorResume(InvalidRequestException.class, refused -> Mono.just(refused.getMessage()))
                    .map(after -> List.of(closed, after)));
        })).block();

        assertThat(seen).containsExactly("closed", "This session is closed; get needs an open session");
        assertThat(items()).containsExactly("closing:1");
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "SELECT sl_items.id, sl_items.name, sl_items.qty FROM sl_items WHERE sl_items.id = ?",
                "ROLLBACK");
    }

    // ---- merge ----------------------------------------------------------------------------------

    @Test
    void mergeOfChangedDetachedObjectUpdatesTheSessionsInstance() {
        Item detached = committed("widget", 1);
        detached.qty = 7;

        Item merged = sessions.inTransaction(s -> s.merge(detached).doOnNext(instance -> {
            assertThat(instance).isNotSameAs(detached);
            assertThat(Session.state(instance)).isEqualTo(ObjectState.PERSISTENT);
            assertThat(instance.qty).isEqualTo(7);
            assertThat(s.dirty()).containsExactly(instance);
            assertThat(s.contains(detached)).isFalse();
        })).block();

        assertThat(Session.state(detached)).isEqualTo(ObjectState.DETACHED);
        assertThat(merged.id).isEqualTo(detached.id);
        assertThat(items()).containsExactly("widget:7");
        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "SELECT sl_items.id, sl_items.name, sl_items.qty FROM sl_items WHERE sl_items.id = ?",
                "UPDATE sl_items SET qty = ? WHERE sl_items.id = ?",
                "COMMIT");
    }

    @Test
    void mergeOntoAnInstanceAlreadyLoaded() {
        Item detached = committed("gadget", 1);
        detached.name = "gizmo";

        sessions.inTransaction(s -> s.getOne(Item.class, detached.id)
                .flatMap(loaded -> s.merge(detached).doOnNext(merged -> assertThat(merged).isSameAs(loaded)))).block();

        assertThat(items()).containsExactly("gizmo:1");
        assertThat(log.count("SELECT")).isEqualTo(1);
        assertThat(log.statements("UPDATE")).containsExactly("UPDATE sl_items SET name = ? WHERE sl_items.id = ?");
    }

    @Test
    void mergeOfTransientObjectWithoutRowMakesANewPendingInstance() {
        Item fresh = new Item("fresh", 3);
        Item numbered = new Item("numbered", 4);
        numbered.id = 424_242;

        List<Item> merged = sessions.inTransaction(s -> s.merge(fresh).flatMap(first -> s.merge(numbered)
                .map(second -> {
                    assertThat(s.newObjects()).containsExactly(second);
                    assertThat(Session.state(first)).as("autoflushed before looking up the second").isEqualTo(ObjectState.PERSISTENT);
                    assertThat(Session.state(second)).isEqualTo(ObjectState.PENDING);
                    return List.of(first, second);
                }))).block();

        assertThat(merged.get(0)).isNotSameAs(fresh);
        assertThat(merged.get(1)).isNotSameAs(numbered);
        assertThat(Session.state(fresh)).isEqualTo(ObjectState.TRANSIENT);
        assertThat(Session.state(numbered)).isEqualTo(ObjectState.TRANSIENT);
        assertThat(fresh.id).isNull();
        assertThat(merged.get(0).id).isNotNull();
        assertThat(merged.get(1).id).isEqualTo(424_242);
        assertThat(engine.execute(text("SELECT CONCAT(id = 424242, ':', name, ':', qty) FROM sl_items ORDER BY name"))
                .scalars(String.class).collectList().block())
                .containsExactly("0:fresh:3", "1:numbered:4");
        assertThat(log.all()).as("only the numbered object is looked up").containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?) RETURNING id",
                "SELECT sl_items.id, sl_items.name, sl_items.qty FROM sl_items WHERE sl_items.id = ?",
                "INSERT INTO sl_items (id, name, qty) VALUES (?, ?, ?)",
                "COMMIT");
    }

    // ---- refresh, expire ----------------------------------------------------------------------------

    @Test
    void refreshDiscardsUnflushedChanges() {
        Item item = committed("original", 5);

        Item refreshed = sessions.inTransaction(s -> s.getOne(Item.class, item.id).flatMap(loaded -> {
            loaded.name = "changed";
            loaded.qty = 6;
            return s.refresh(loaded).doOnNext(same -> {
                assertThat(same).isSameAs(loaded);
                assertThat(s.dirty()).isEmpty();
            });
        })).block();

        assertThat(refreshed.name).isEqualTo("original");
        assertThat(refreshed.qty).isEqualTo(5);
        assertThat(items()).containsExactly("original:5");
        assertThat(log.count("UPDATE")).isZero();
        assertThat(log.count("SELECT")).isEqualTo(2);
    }

    @Test
    void refreshOfAnObjectOutsideTheSessionFails() {
        Item stranger = new Item("stranger", 1);

        assertThatThrownBy(() -> sessions.withSession(s -> s.refresh(stranger)).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("Cannot refresh Item@")
                .hasMessageEndingWith(": it is not in this session (TRANSIENT)");
    }

    @Test
    void expireClearsFieldsAndAQueryRefillsThem() {
        Item item = committed("expired", 8);

        List<String> seen = sessions.inTransaction(s -> s.getOne(Item.class, item.id).flatMap(loaded -> {
            s.expire(loaded);
            String cleared = loaded.name + ":" + loaded.qty + ":" + s.isExpired(loaded);
            return s.scalars(select(Item.class).where(ITEM_ID.eq(item.id))).single().map(queried -> {
                assertThat(queried).isSameAs(loaded);
                return List.of(cleared, loaded.name + ":" + loaded.qty + ":" + s.isExpired(loaded));
            });
        })).block();

        assertThat(seen).containsExactly("null:0:true", "expired:8:false");
        assertThat(log.count("UPDATE")).isZero();
    }

    @Test
    void fieldSetAfterExpiryIsKeptByTheReloadAndFlushed() {
        Item item = committed("partly", 8);

        Item loaded = sessions.inTransaction(s -> s.getOne(Item.class, item.id).flatMap(found -> {
            s.expire(found);
            found.qty = 9;
            return s.scalars(select(Item.class)).single();
        })).block();

        assertThat(loaded.name).isEqualTo("partly");
        assertThat(loaded.qty).isEqualTo(9);
        assertThat(items()).containsExactly("partly:9");
        assertThat(log.statements("UPDATE")).containsExactly("UPDATE sl_items SET qty = ? WHERE sl_items.id = ?");
    }

    // ---- cancel of a query ----------------------------------------------------------------------------

    @Test
    void cancelledQueryLeavesTheSessionUsable() {
        List<List<Sample>> results = sessions.withSession(s -> s.scalars(select(Sample.class).orderBy(SAMPLE_ID))
                .take(10)
                .collectList()
                .flatMap(first -> s.scalars(select(Sample.class).where(SAMPLE_ID.gt(4_990)).orderBy(SAMPLE_ID)).collectList()
                        .flatMap(last -> s.getOne(Sample.class, 5).map(five -> {
                            assertThat(five).isSameAs(first.get(4));
                            assertThat(s.identityMap()).hasSize(20);
                            return List.of(first, last);
                        })))).block();

        assertThat(results.get(0)).extracting(sample -> sample.id + ":" + sample.doubled)
                .containsExactly("1:2", "2:4", "3:6", "4:8", "5:10", "6:12", "7:14", "8:16", "9:18", "10:20");
        assertThat(results.get(1)).extracting(sample -> sample.id + ":" + sample.doubled)
                .containsExactly("4991:9982", "4992:9984", "4993:9986", "4994:9988", "4995:9990", "4996:9992", "4997:9994",
                        "4998:9996", "4999:9998", "5000:10000");
        assertThat(log.count("SELECT")).isEqualTo(2);
    }

    @Test
    void cancelledQueryThenCoreStatementOnTheSameSession() {
        Long count = sessions.withSession(s -> s.scalars(select(Sample.class).orderBy(SAMPLE_ID.desc())).take(10).then(
                s.execute(text("SELECT COUNT(*) FROM sl_samples WHERE doubled = 2 * id")).scalarOne(Long.class))).block();

        assertThat(count).isEqualTo(5_000L);
    }
}
