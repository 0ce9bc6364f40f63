package dev.retort.orm.relations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.relations.Uow.Journal;
import dev.retort.orm.relations.Uow.LogEntry;
import dev.retort.orm.relations.Uow.Note;
import dev.retort.orm.relations.Uow.Stream;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Write-only collections: changed without loading, read by query. */
@DatabaseTest
class WriteOnlyFlushTest {

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    WriteOnlyFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.LOGS);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.LOGS.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clear(engine, "uw_log_entries", "uw_streams", "uw_notes", "uw_journals");
    }

    private List<String> entries() {
        return Uow.rows(engine, "SELECT CONCAT(seq, ':', level, ':', COALESCE(stream_id, 'null')) FROM uw_log_entries ORDER BY seq");
    }

    private Stream createStream() {
        Stream stream = new Stream("app");
        sessions.inTransaction(s -> {
            s.add(stream);
            return Mono.empty();
        }).block();
        return stream;
    }

    @Test
    void entriesAddedWithoutLoadingAreInsertedWithTheForeignKeyAndQueriedInOrder() {
        long id = createStream().id;
        List<LogEntry> found = sessions.inTransaction(s -> s.getOne(Stream.class, id).flatMap(stream -> {
            stream.entries.add(new LogEntry(1, "INFO"));
            stream.entries.add(new LogEntry(2, "ERROR"));
            stream.entries.add(new LogEntry(3, "ERROR"));
            log.clear();
            return s.flush().then(Mono.defer(() -> {
                assertThat(log.all()).containsExactly(
                        "INSERT INTO uw_log_entries (id, stream_id, seq, level) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?) RETURNING id");
                log.clear();
                return s.scalars(stream.entries.select().where(Metamodel.<String>column(LogEntry.class, "level").eq("ERROR")).limit(5))
                        .collectList();
            }));
        })).block();
        assertThat(found).extracting(entry -> entry.seq).containsExactly(3, 2);
        assertThat(log.statements("SELECT")).singleElement().asString()
                .endsWith(" FROM uw_log_entries WHERE uw_log_entries.stream_id = ? AND uw_log_entries.level = ?"
                        + " ORDER BY uw_log_entries.seq DESC, uw_log_entries.id LIMIT 5");
        assertThat(entries()).containsExactly("1:INFO:" + id, "2:ERROR:" + id, "3:ERROR:" + id);
    }

    @Test
    void aNewStreamsEntriesAreInsertedAfterItAndTheQueryAutoflushesAdditions() {
        Stream stream = new Stream("fresh");
        stream.entries.add(new LogEntry(1, "INFO"));
        List<LogEntry> found = sessions.inTransaction(s -> {
            s.add(stream);
            assertThat(s.newObjects()).hasSize(2);
            return s.flush().then(Mono.defer(() -> {
                stream.entries.add(new LogEntry(2, "DEBUG"));
                return s.scalars(stream.entries.select()).collectList();
            }));
        }).block();
        assertThat(found).extracting(entry -> entry.seq).containsExactly(2, 1);
        assertThat(found).allSatisfy(entry -> assertThat(entry.streamId).isEqualTo(stream.id));
    }

    @Test
    void theQueryOfAStreamWithoutKeyRaises() {
        Stream stream = new Stream("unsaved");
        assertThatThrownBy(stream.entries::select).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Stream.entries").hasMessageContaining("flush it first");
    }

    @Test
    void removingAnEntryWithDeleteOrphanDeletesIt() {
        long id = createStream().id;
        sessions.inTransaction(s -> s.getOne(Stream.class, id).flatMap(stream -> {
            stream.entries.add(new LogEntry(1, "INFO"));
            stream.entries.add(new LogEntry(2, "WARN"));
            return s.flush()
                    .then(s.scalars(stream.entries.select().where(Metamodel.<Integer>column(LogEntry.class, "seq").eq(1))).single())
                    .flatMap(first -> {
                        stream.entries.remove(first);
                        log.clear();
                        return s.flush().then(Mono.fromRunnable(() -> assertThat(Session.state(first)).isEqualTo(ObjectState.DELETED)));
                    });
        })).block();
        assertThat(log.all()).containsExactly("DELETE FROM uw_log_entries WHERE uw_log_entries.id = ?", "COMMIT");
        assertThat(entries()).containsExactly("2:WARN:" + id);
    }

    @Test
    void anEntryAddedAndRemovedBeforeTheFlushIsNotInserted() {
        long id = createStream().id;
        sessions.inTransaction(s -> s.getOne(Stream.class, id).flatMap(stream -> {
            LogEntry entry = new LogEntry(1, "INFO");
            stream.entries.add(entry);
            s.add(entry);
            stream.entries.remove(entry);
            log.clear();
            return s.flush().then(Mono.fromRunnable(() -> assertThat(Session.state(entry)).isEqualTo(ObjectState.TRANSIENT)));
        })).block();
        assertThat(log.statements("INSERT")).isEmpty();
        assertThat(entries()).isEmpty();
    }

    @Test
    void removingANoteWithoutDeleteOrphanClearsItsForeignKey() {
        Journal journal = new Journal();
        Note kept = new Note("kept");
        Note dropped = new Note("dropped");
        journal.notes.add(kept);
        journal.notes.add(dropped);
        sessions.inTransaction(s -> {
            s.add(journal);
            return Mono.empty();
        }).block();
        sessions.inTransaction(s -> s.getOne(Journal.class, journal.id).flatMap(loaded ->
                s.scalars(loaded.notes.select().where(Metamodel.<String>column(Note.class, "text").eq("dropped"))).single()
                        .flatMap(note -> {
                            loaded.notes.remove(note);
                            log.clear();
                            return s.flush();
                        }))).block();
        assertThat(log.all()).containsExactly("UPDATE uw_notes SET journal_id = ? WHERE uw_notes.id = ?", "COMMIT");
        assertThat(Uow.rows(engine, "SELECT CONCAT(text, ':', COALESCE(journal_id, 'null')) FROM uw_notes ORDER BY id"))
                .containsExactly("kept:" + journal.id, "dropped:null");
    }

    @Test
    void deletingAStreamDeletesItsEntriesWhichAreNeverLoaded() {
        long id = createStream().id;
        long other = createStream().id;
        sessions.inTransaction(s -> s.getOne(Stream.class, id).flatMap(stream -> s.getOne(Stream.class, other).flatMap(second -> {
            stream.entries.add(new LogEntry(1, "INFO"));
            stream.entries.add(new LogEntry(2, "INFO"));
            second.entries.add(new LogEntry(3, "INFO"));
            return s.flush();
        }))).block();
        sessions.inTransaction(s -> s.getOne(Stream.class, id).flatMap(stream -> {
            s.delete(stream);
            log.clear();
            return s.flush();
        })).block();
        assertThat(log.statements("SELECT")).singleElement().asString().contains(" FROM uw_log_entries WHERE uw_log_entries.stream_id IN (?)");
        assertThat(log.statements("DELETE")).containsExactly(
                "DELETE FROM uw_log_entries WHERE uw_log_entries.id IN (?, ?)",
                "DELETE FROM uw_streams WHERE uw_streams.id = ?");
        assertThat(entries()).containsExactly("3:INFO:" + other);
    }
}
