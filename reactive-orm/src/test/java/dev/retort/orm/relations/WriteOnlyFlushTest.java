package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
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
import dev.retort.orm.relations.Uow.Playlist;
import dev.retort.orm.relations.Uow.Song;
import dev.retort.orm.relations.Uow.Stream;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Write-only collections, one-to-many and many-to-many: changed without loading, read by query. */
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
        Uow.clear(engine, "uw_log_entries", "uw_streams", "uw_notes", "uw_journals", "uw_playlist_songs", "uw_playlists", "uw_songs");
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

    // ---- many-to-many: playlists → songs through uw_playlist_songs ------------------------------------

    @Test
    void songsAddedToAWriteOnlyManyToManyInsertOnlyTheirAssociationRows() {
        seedPlaylists();
        sessions.inTransaction(s -> s.getOne(Playlist.class, 2L).flatMap(jazz -> s.scalars(select(Song.class)
                        .where(Metamodel.<Long>column(Song.class, "id").in(List.of(1L, 4L)))).collectList()
                .flatMap(songs -> {
                    songs.forEach(jazz.songs::add);
                    log.clear();
                    return s.flush();
                }))).block();
        assertThat(log.all()).containsExactly("INSERT INTO uw_playlist_songs (playlist_id, song_id) VALUES (?, ?), (?, ?)", "COMMIT");
        assertThat(links()).containsExactly("jazz:anthem", "jazz:blues", "jazz:cool", "jazz:drift", "rock:anthem", "rock:blues");
        assertThat(Uow.count(engine, "uw_songs")).isEqualTo(4);
    }

    @Test
    void aSongRemovedFromAWriteOnlyManyToManyLosesOnlyItsAssociationRow() {
        seedPlaylists();
        sessions.inTransaction(s -> s.getOne(Playlist.class, 1L).flatMap(rock -> s.getOne(Song.class, 2L).flatMap(anthem -> {
            rock.songs.remove(anthem);
            log.clear();
            return s.flush().then(Mono.fromRunnable(() -> assertThat(Session.state(anthem)).isEqualTo(ObjectState.PERSISTENT)));
        }))).block();
        assertThat(log.all()).containsExactly(
                "DELETE FROM uw_playlist_songs WHERE (uw_playlist_songs.playlist_id, uw_playlist_songs.song_id) IN ((?, ?))", "COMMIT");
        assertThat(links()).containsExactly("jazz:anthem", "jazz:cool", "rock:blues");
        assertThat(Uow.rows(engine, "SELECT title FROM uw_songs ORDER BY id")).containsExactly("blues", "anthem", "cool", "drift");
    }

    @Test
    void theQueryOfAWriteOnlyManyToManyJoinsTheAssociationTableInTheRelationshipsOrder() {
        seedPlaylists();
        List<String> titles = sessions.withSession(s -> s.getOne(Playlist.class, 1L).flatMap(rock -> {
            log.clear();
            return s.scalars(rock.songs.select()).map(song -> song.title).collectList();
        })).block();
        assertThat(titles).containsExactly("anthem", "blues");
        assertThat(log.statements("SELECT")).containsExactly("SELECT uw_songs.id, uw_songs.title FROM uw_songs"
                + " JOIN uw_playlist_songs ON uw_songs.id = uw_playlist_songs.song_id"
                + " WHERE uw_playlist_songs.playlist_id = ? ORDER BY uw_songs.title, uw_songs.id");
    }

    @Test
    void theQueryOfAWriteOnlyManyToManyAutoflushesPendingAdditionsAndRemovals() {
        seedPlaylists();
        List<String> titles = sessions.inTransaction(s -> s.getOne(Playlist.class, 2L).flatMap(jazz -> s.getOne(Song.class, 3L)
                .flatMap(cool -> {
                    jazz.songs.remove(cool);
                    jazz.songs.add(new Song("bop"));
                    return s.scalars(jazz.songs.select()).map(song -> song.title).collectList();
                }))).block();
        assertThat(titles).containsExactly("anthem", "bop");
        assertThat(links()).containsExactly("jazz:anthem", "jazz:bop", "rock:anthem", "rock:blues");
    }

    @Test
    void deletingAPlaylistDeletesItsAssociationRowsFirstAndKeepsItsSongs() {
        seedPlaylists();
        sessions.inTransaction(s -> s.getOne(Playlist.class, 1L).flatMap(rock -> {
            s.delete(rock);
            log.clear();
            return s.flush();
        })).block();
        // uw_playlist_songs' foreign keys have no ON DELETE CASCADE: the rows are the flush's to delete
        assertThat(log.all()).containsExactly(
                "DELETE FROM uw_playlist_songs WHERE uw_playlist_songs.playlist_id IN (?)",
                "DELETE FROM uw_playlists WHERE uw_playlists.id = ?",
                "COMMIT");
        assertThat(links()).containsExactly("jazz:anthem", "jazz:cool");
        assertThat(Uow.rows(engine, "SELECT title FROM uw_songs ORDER BY id")).containsExactly("blues", "anthem", "cool", "drift");
    }

    @Test
    void songsAddedToAPlaylistDeletedInTheSameFlushAreNotLinked() {
        seedPlaylists();
        sessions.inTransaction(s -> s.getOne(Playlist.class, 1L).flatMap(rock -> s.getOne(Song.class, 4L).flatMap(drift -> {
            rock.songs.add(drift);
            s.delete(rock);
            log.clear();
            return s.flush();
        }))).block();
        assertThat(log.statements("INSERT")).isEmpty();
        assertThat(links()).containsExactly("jazz:anthem", "jazz:cool");
        assertThat(Uow.count(engine, "uw_songs")).isEqualTo(4);
    }

    /** The association rows as {@code playlist:song}, by names. */
    private List<String> links() {
        return Uow.rows(engine, "SELECT CONCAT(p.name, ':', s.title) FROM uw_playlist_songs ps JOIN uw_playlists p ON p.id = ps.playlist_id"
                + " JOIN uw_songs s ON s.id = ps.song_id ORDER BY p.name, s.title");
    }

    /** Playlists 1 "rock" (songs 1 "blues", 2 "anthem") and 2 "jazz" (songs 2, 3 "cool"), and song 4 "drift" in none. */
    private void seedPlaylists() {
        for (String sql : List.of("INSERT INTO uw_playlists (id, name) VALUES (1, 'rock'), (2, 'jazz')",
                "INSERT INTO uw_songs (id, title) VALUES (1, 'blues'), (2, 'anthem'), (3, 'cool'), (4, 'drift')",
                "INSERT INTO uw_playlist_songs (playlist_id, song_id) VALUES (1, 1), (1, 2), (2, 2), (2, 3)")) {
            engine.execute(text(sql)).rowcount().block();
        }
    }
}
