package dev.retort.orm.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.sql.Sql;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Every mapped type written through a session and read back in a new one, equal to what was written. */
@DatabaseTest
class RoundTripTest {

    enum Level { LOW, HIGH }

    record Point(int x, int y) {
    }

    record Profile(String name, Point origin, List<Point> path, Level level, LocalDate since, Map<String, Integer> scores,
            boolean active, double ratio, Point missing) {
    }

    @Entity(table = "everything")
    static class Everything {
        @Id @GeneratedValue Integer id;
        int i;
        Integer boxedI;
        long l;
        Long boxedL;
        short s;
        Short boxedS;
        boolean b;
        Boolean boxedB;
        double d;
        Double boxedD;
        float f;
        Float boxedF;
        String text;
        @Column(length = 10) String shortText;
        @Column(type = ColumnType.TEXT) String notes;
        BigDecimal amount;
        @Column(precision = 10, scale = 2) BigDecimal price;
        LocalDateTime at;
        @Column(precision = 6) LocalDateTime preciseAt;
        Instant instant;
        LocalDate date;
        LocalTime time;
        UUID uuid;
        byte[] bytes;
        Level level;
        Profile profile;
        List<String> tags;
        Map<String, Integer> counts;
    }

    @Entity(table = "defaults")
    static class WithDefaults {
        @Id @GeneratedValue Long id;
        String name;
        @Column(defaultValue = "active") String status;
        @Column(defaultValue = "HIGH") Level level;
        @Column(defaultValue = "5") Integer tries;
        @Column(defaultValue = "true") Boolean enabled;
        @Column(defaultValue = "2.50") BigDecimal fee;
        @Column(serverDefault = "'draft'") String state;
        @Column(serverDefault = "42") Integer answer;
        @Column(serverDefault = "'[]'") List<String> labels;
        @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;
        @Column(precision = 6, serverDefault = "CURRENT_TIMESTAMP(6)", serverOnUpdate = "CURRENT_TIMESTAMP(6)")
        LocalDateTime touchedAt;
    }

    static final Mapping MAPPING = Mapping.of(Everything.class, WithDefaults.class);
    private final SessionFactory sessions;
    private final Engine engine;

    RoundTripTest(TestDatabase db) {
        engine = db.engine();
        sessions = SessionFactory.of(engine, MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    private <T> Integer insert(T entity, Function<T, Integer> id) {
        return sessions.inTransaction(s -> {
            s.add(entity);
            return s.flush().then(Mono.fromSupplier(() -> id.apply(entity)));
        }).block();
    }

    private <T> T load(Class<T> type, Object id) {
        return sessions.withSession(s -> s.get(type, id)).block();
    }

    private static Everything full() {
        Everything e = new Everything();
        e.i = -7;
        e.boxedI = Integer.MAX_VALUE;
        e.l = Long.MIN_VALUE;
        e.boxedL = 9_007_199_254_740_993L;
        e.s = (short) -12;
        e.boxedS = Short.MAX_VALUE;
        e.b = true;
        e.boxedB = false;
        e.d = 0.1;
        e.boxedD = -1.0E300;
        e.f = 1.25f;
        e.boxedF = -3.5f;
        e.text = "Grüße, 世界 \uD83D\uDE00 'quoted' \\ backslash";
        e.shortText = "ten chars!";
        e.notes = "x".repeat(10_000);
        e.amount = new BigDecimal("123456789012345.6789");
        e.price = new BigDecimal("-99999999.99");
        e.at = LocalDateTime.of(2024, 2, 29, 23, 59, 58);
        e.preciseAt = LocalDateTime.of(1999, 12, 31, 1, 2, 3, 456_789_000);
        e.instant = Instant.parse("2030-01-02T03:04:05Z");
        e.date = LocalDate.of(1000, 1, 1);
        e.time = LocalTime.of(13, 14, 15);
        e.uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        e.bytes = new byte[] {0, -1, 127, -128, 10, 13};
        e.level = Level.HIGH;
        e.profile = new Profile("Ann", new Point(1, -2), List.of(new Point(3, 4), new Point(5, 6)), Level.LOW,
                LocalDate.of(2020, 5, 17), Map.of("math", 90, "art", 75), true, 0.25, null);
        e.tags = Arrays.asList("a", null, "c");
        e.counts = Map.of("x", 1, "y", -2);
        return e;
    }

    @Test
    void everyTypeComesBackEqual() {
        Everything written = full();
        Integer id = insert(written, e -> e.id);

        Everything read = load(Everything.class, id);

        assertThat(read).isNotSameAs(written);
        assertThat(read).usingRecursiveComparison().isEqualTo(written);
        assertThat(read.i).isEqualTo(-7);
        assertThat(read.boxedI).isEqualTo(Integer.MAX_VALUE);
        assertThat(read.l).isEqualTo(Long.MIN_VALUE);
        assertThat(read.boxedL).isEqualTo(9_007_199_254_740_993L);
        assertThat(read.s).isEqualTo((short) -12);
        assertThat(read.boxedS).isEqualTo(Short.MAX_VALUE);
        assertThat(read.b).isTrue();
        assertThat(read.boxedB).isFalse();
        assertThat(read.d).isEqualTo(0.1);
        assertThat(read.boxedD).isEqualTo(-1.0E300);
        assertThat(read.f).isEqualTo(1.25f);
        assertThat(read.boxedF).isEqualTo(-3.5f);
        assertThat(read.text).isEqualTo("Grüße, 世界 \uD83D\uDE00 'quoted' \\ backslash");
        assertThat(read.shortText).isEqualTo("ten chars!");
        assertThat(read.notes).isEqualTo("x".repeat(10_000));
        assertThat(read.amount).isEqualTo(new BigDecimal("123456789012345.6789"));
        assertThat(read.price).isEqualTo(new BigDecimal("-99999999.99"));
        assertThat(read.at).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 58));
        assertThat(read.preciseAt).isEqualTo(LocalDateTime.of(1999, 12, 31, 1, 2, 3, 456_789_000));
        assertThat(read.instant).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(read.date).isEqualTo(LocalDate.of(1000, 1, 1));
        assertThat(read.time).isEqualTo(LocalTime.of(13, 14, 15));
        assertThat(read.uuid).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(read.bytes).containsExactly(0, -1, 127, -128, 10, 13);
        assertThat(read.level).isEqualTo(Level.HIGH);
        assertThat(read.profile).isEqualTo(new Profile("Ann", new Point(1, -2), List.of(new Point(3, 4), new Point(5, 6)),
                Level.LOW, LocalDate.of(2020, 5, 17), Map.of("math", 90, "art", 75), true, 0.25, null));
        assertThat(read.tags).containsExactly("a", null, "c");
        assertThat(read.counts).isEqualTo(Map.of("x", 1, "y", -2));
    }

    @Test
    void nullsAndZeroesComeBackAsNullsAndZeroes() {
        Integer id = insert(new Everything(), e -> e.id);

        Everything read = load(Everything.class, id);

        assertThat(read.id).isEqualTo(id);
        assertThat(read.i).isZero();
        assertThat(read.l).isZero();
        assertThat(read.s).isZero();
        assertThat(read.b).isFalse();
        assertThat(read.d).isZero();
        assertThat(read.f).isZero();
        assertThat(read).hasAllNullFieldsOrPropertiesExcept("id", "i", "l", "s", "b", "d", "f");
        Map<String, Object> sqlNulls = engine.connect(c -> c.execute(Sql.text(
                "SELECT profile IS NULL AS profile, tags IS NULL AS tags, counts IS NULL AS counts FROM everything WHERE id = "
                        + id)).one().map(r -> r.toMap())).block();
        assertThat(sqlNulls).isEqualTo(Map.of("profile", 1, "tags", 1, "counts", 1));
    }

    @Test
    void recordComponentsMissingFromTheJsonReadAsNullOrZero() {
        Everything e = new Everything();
        e.profile = new Profile(null, null, List.of(), null, null, Map.of(), false, 0, null);
        Integer id = insert(e, x -> x.id);

        assertThat(load(Everything.class, id).profile).isEqualTo(new Profile(null, null, List.of(), null, null, Map.of(), false, 0, null));
    }

    @Test
    void decimalsComeBackWithTheColumnsScale() {
        Everything e = new Everything();
        e.amount = new BigDecimal("1.5");
        e.price = new BigDecimal("7");
        Integer id = insert(e, x -> x.id);

        Everything read = load(Everything.class, id);

        assertThat(read.amount).isEqualTo(new BigDecimal("1.5000"));
        assertThat(read.price).isEqualTo(new BigDecimal("7.00"));
    }

    @Test
    void clientDefaultsAreWrittenAndSetIntoTheObject() {
        WithDefaults fresh = new WithDefaults();
        fresh.name = "fresh";
        WithDefaults given = new WithDefaults();
        given.name = "given";
        given.status = "banned";
        given.level = Level.LOW;
        given.tries = 0;
        given.enabled = false;
        given.fee = new BigDecimal("0.00");

        sessions.inTransaction(s -> {
            s.add(fresh);
            s.add(given);
            return s.flush();
        }).block();

        assertThat(fresh.status).isEqualTo("active");
        assertThat(fresh.level).isEqualTo(Level.HIGH);
        assertThat(fresh.tries).isEqualTo(5);
        assertThat(fresh.enabled).isTrue();
        assertThat(fresh.fee).isEqualTo(new BigDecimal("2.50"));
        WithDefaults freshRead = load(WithDefaults.class, fresh.id);
        assertThat(freshRead.status).isEqualTo("active");
        assertThat(freshRead.level).isEqualTo(Level.HIGH);
        assertThat(freshRead.tries).isEqualTo(5);
        assertThat(freshRead.enabled).isTrue();
        assertThat(freshRead.fee).isEqualTo(new BigDecimal("2.5000"));
        WithDefaults givenRead = load(WithDefaults.class, given.id);
        assertThat(givenRead.status).isEqualTo("banned");
        assertThat(givenRead.level).isEqualTo(Level.LOW);
        assertThat(givenRead.tries).isZero();
        assertThat(givenRead.enabled).isFalse();
        assertThat(givenRead.fee).isEqualTo(new BigDecimal("0.0000"));
    }

    @Test
    void serverDefaultsAreReadBackAfterTheInsert() {
        WithDefaults fresh = new WithDefaults();
        fresh.name = "server";
        WithDefaults given = new WithDefaults();
        given.name = "explicit";
        given.state = "final";
        given.answer = 7;
        given.labels = List.of("kept");
        given.createdAt = LocalDateTime.of(2001, 1, 1, 0, 0);

        sessions.inTransaction(s -> {
            s.add(fresh);
            s.add(given);
            return s.flush().then(Mono.fromRunnable(() -> {
                assertThat(s.isModified(fresh)).isFalse();
                assertThat(s.isModified(given)).isFalse();
            }));
        }).block();

        assertThat(fresh.state).isEqualTo("draft");
        assertThat(fresh.answer).isEqualTo(42);
        assertThat(fresh.labels).isEqualTo(List.of());
        assertThat(fresh.createdAt).isNotNull();
        assertThat(fresh.touchedAt).isNotNull();
        WithDefaults freshRead = load(WithDefaults.class, fresh.id);
        assertThat(freshRead.state).isEqualTo("draft");
        assertThat(freshRead.answer).isEqualTo(42);
        assertThat(freshRead.labels).isEqualTo(List.of());
        assertThat(freshRead.createdAt).isEqualTo(fresh.createdAt);
        assertThat(freshRead.touchedAt).isEqualTo(fresh.touchedAt);
        WithDefaults givenRead = load(WithDefaults.class, given.id);
        assertThat(givenRead.state).isEqualTo("final");
        assertThat(givenRead.answer).isEqualTo(7);
        assertThat(givenRead.labels).isEqualTo(List.of("kept"));
        assertThat(givenRead.createdAt).isEqualTo(LocalDateTime.of(2001, 1, 1, 0, 0));
    }

    @Test
    void serverOnUpdateIsReadBackAfterAnUpdate() {
        LocalDateTime old = LocalDateTime.of(2000, 6, 15, 12, 0);
        WithDefaults row = new WithDefaults();
        row.name = "before";
        row.touchedAt = old;
        Long id = sessions.inTransaction(s -> {
            s.add(row);
            return s.flush().then(Mono.fromSupplier(() -> row.id));
        }).block();
        assertThat(load(WithDefaults.class, id).touchedAt).isEqualTo(old);

        WithDefaults updated = sessions.inTransaction(s -> s.get(WithDefaults.class, id).flatMap(loaded -> {
            loaded.name = "after";
            return s.flush().then(Mono.fromRunnable(() -> assertThat(s.isModified(loaded)).isFalse())).thenReturn(loaded);
        })).block();

        assertThat(updated.touchedAt).isAfter(old);
        WithDefaults read = load(WithDefaults.class, id);
        assertThat(read.name).isEqualTo("after");
        assertThat(read.touchedAt).isEqualTo(updated.touchedAt);
    }

    @Test
    void aJsonListOrMapChangedInPlaceIsDirtyAndFlushed() {
        Everything e = new Everything();
        e.tags = new ArrayList<>(List.of("a", "b"));
        e.counts = new LinkedHashMap<>(Map.of("x", 1));
        e.bytes = new byte[] {1, 2};
        Integer id = insert(e, x -> x.id);

        sessions.inTransaction(s -> s.get(Everything.class, id).doOnNext(loaded -> {
            assertThat(s.isModified(loaded)).isFalse();
            loaded.tags.add("c");
            assertThat(s.isModified(loaded)).isTrue();
            assertThat(s.dirty()).containsExactly(loaded);
        })).block();
        assertThat(load(Everything.class, id).tags).containsExactly("a", "b", "c");

        sessions.inTransaction(s -> s.get(Everything.class, id).doOnNext(loaded -> {
            loaded.counts.put("y", 2);
            assertThat(s.dirty()).containsExactly(loaded);
        })).block();
        assertThat(load(Everything.class, id).counts).isEqualTo(Map.of("x", 1, "y", 2));

        sessions.inTransaction(s -> s.get(Everything.class, id).doOnNext(loaded -> {
            loaded.bytes[0] = 9;
            assertThat(s.dirty()).containsExactly(loaded);
        })).block();
        assertThat(load(Everything.class, id).bytes).containsExactly(9, 2);
    }

    @Test
    void anUnchangedJsonFieldIsNotDirty() {
        Everything e = full();
        Integer id = insert(e, x -> x.id);

        sessions.inTransaction(s -> s.get(Everything.class, id).doOnNext(loaded -> {
            loaded.profile = new Profile("Ann", new Point(1, -2), List.of(new Point(3, 4), new Point(5, 6)), Level.LOW,
                    LocalDate.of(2020, 5, 17), Map.of("math", 90, "art", 75), true, 0.25, null);
            loaded.tags = Arrays.asList("a", null, "c");
            assertThat(s.isModified(loaded)).isFalse();
            assertThat(s.dirty()).isEmpty();
            assertThat(Session.state(loaded)).isEqualTo(ObjectState.PERSISTENT);
        })).block();
    }
}
