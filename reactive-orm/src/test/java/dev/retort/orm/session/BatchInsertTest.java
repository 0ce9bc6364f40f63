package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Flushing many new objects: multi-row INSERTs, generated keys and server defaults written back. */
@DatabaseTest
class BatchInsertTest {

    @Entity(table = "bi_events")
    static class Event {
        @Id @GeneratedValue Long id;
        @Column(length = 40, nullable = false) String label;
        int seq;
        @Column(length = 20, serverDefault = "'new'") String status;

        Event() {
        }

        Event(String label, int seq) {
            this.label = label;
            this.seq = seq;
        }
    }

    static final Mapping MAPPING = Mapping.of(Event.class);

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    BatchInsertTest(TestDatabase db) {
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
        engine.execute(text("DELETE FROM bi_events")).rowcount().block();
    }

    /** Every row as "id:label:seq:status", by id. */
    private List<String> rows() {
        return engine.execute(text("SELECT CONCAT(id, ':', label, ':', seq, ':', status) FROM bi_events ORDER BY id"))
                .scalars(String.class).collectList().block();
    }

    private static String describe(Event event) {
        return event.id + ":" + event.label + ":" + event.seq + ":" + event.status;
    }

    @Test
    void thousandObjectsInAFewStatementsWithKeysInAddOrder() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            events.add(new Event("event " + i, i));
        }

        sessions.inTransaction(s -> {
            s.addAll(events);
            return s.flush().then(Mono.fromRunnable(() -> {
                assertThat(s.newObjects()).isEmpty();
                assertThat(s.identityMap()).hasSize(1_000);
                assertThat(s.dirty()).isEmpty();
            }));
        }).block();

        String insert = "INSERT INTO bi_events (id, label, seq) VALUES "
                + String.join(", ", Collections.nCopies(1_000, "(?, ?, ?)")) + " RETURNING id";
        assertThat(log.statements("INSERT")).as("one statement, logged shortened")
                .containsExactly(insert.substring(0, 2_000) + "… (" + insert.length() + " characters)");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.id).isNotNull();
            assertThat(event.status).isEqualTo("new");
            assertThat(Session.state(event)).isEqualTo(ObjectState.DETACHED);
        });
        assertThat(new HashSet<>(events.stream().map(event -> event.id).toList())).hasSize(1_000);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).id).isGreaterThan(events.get(i - 1).id);
        }
        assertThat(rows()).containsExactlyElementsOf(events.stream().map(BatchInsertTest::describe).toList());
    }

    @Test
    void rowsWithDifferentColumnSets() {
        Event defaulted = new Event("defaulted", 1);
        Event vip = new Event("vip", 2);
        vip.status = "vip";
        Event alsoDefaulted = new Event("also defaulted", 3);

        sessions.inTransaction(s -> {
            s.addAll(List.of(defaulted, vip, alsoDefaulted));
            return Mono.empty();
        }).block();

        assertThat(log.statements("INSERT")).containsExactly(
                "INSERT INTO bi_events (id, label, seq) VALUES (?, ?, ?), (?, ?, ?) RETURNING id",
                "INSERT INTO bi_events (id, label, seq, status) VALUES (?, ?, ?, ?) RETURNING id");
        assertThat(defaulted.status).isEqualTo("new");
        assertThat(vip.status).isEqualTo("vip");
        assertThat(alsoDefaulted.status).isEqualTo("new");
        assertThat(List.of(defaulted.id, vip.id, alsoDefaulted.id)).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(defaulted.id).isLessThan(alsoDefaulted.id);
        assertThat(rows()).containsExactlyInAnyOrder(describe(defaulted), describe(vip), describe(alsoDefaulted));
    }

    @Test
    void explicitAndGeneratedKeysInOneFlush() {
        Event explicit = new Event("explicit", 1);
        explicit.id = 5_000L;
        Event generated = new Event("generated", 2);

        sessions.inTransaction(s -> {
            s.add(explicit);
            s.add(generated);
            return s.flush().then(Mono.fromRunnable(() -> {
                assertThat(Session.state(explicit)).isEqualTo(ObjectState.PERSISTENT);
                assertThat(Session.state(generated)).isEqualTo(ObjectState.PERSISTENT);
            }));
        }).block();

        assertThat(log.statements("INSERT"))
                .containsExactly("INSERT INTO bi_events (id, label, seq) VALUES (?, ?, ?), (?, ?, ?) RETURNING id");
        assertThat(explicit.id).isEqualTo(5_000L);
        assertThat(generated.id).isNotNull().isNotEqualTo(5_000L);
        assertThat(rows()).containsExactlyInAnyOrder("5000:explicit:1:new", generated.id + ":generated:2:new");
    }
}
