package dev.retort.core.types;

import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.sql.Sql.text;
import static dev.retort.core.types.Types.BIGINT;
import static dev.retort.core.types.Types.BOOLEAN;
import static dev.retort.core.types.Types.DATE;
import static dev.retort.core.types.Types.DOUBLE;
import static dev.retort.core.types.Types.FLOAT;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.JSON;
import static dev.retort.core.types.Types.JSON_TEXT;
import static dev.retort.core.types.Types.LARGE_BINARY;
import static dev.retort.core.types.Types.SMALLINT;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.UUID;
import static dev.retort.core.types.Types.datetime;
import static dev.retort.core.types.Types.enumOf;
import static dev.retort.core.types.Types.largeBinary;
import static dev.retort.core.types.Types.numeric;
import static dev.retort.core.types.Types.string;
import static dev.retort.core.types.Types.time;
import static dev.retort.core.types.Types.timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.engine.EngineOptions;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.result.Row;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every standard type written through {@link SqlType#toDriver} and read back through
 * {@code row.get(column)} on a real server. The table is created with hand-written DDL so that
 * these tests depend on no DDL compiler.
 */
@DatabaseTest
class TypesRoundTripTest {

    enum Color { RED, GREEN, BLUE }

    private static final String DDL = """
            CREATE TABLE everything (
              id INT NOT NULL PRIMARY KEY,
              i INT NULL,
              big BIGINT NULL,
              small SMALLINT NULL,
              dec65 DECIMAL(65,30) NULL,
              money DECIMAL(10,2) NULL,
              name VARCHAR(10) NULL,
              body TEXT NULL,
              doc JSON NULL,
              doc_text JSON NULL,
              dt DATETIME(6) NULL,
              d DATE NULL,
              t TIME(6) NULL,
              ts TIMESTAMP(6) NULL,
              f FLOAT NULL,
              dbl DOUBLE NULL,
              flag BOOLEAN NULL,
              status ENUM('draft', 'published', '💡') NULL,
              color ENUM('RED', 'GREEN', 'BLUE') NULL,
              bin BLOB NULL,
              huge LONGBLOB NULL,
              uid CHAR(36) NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin""";

    private static final MetaData METADATA = new MetaData();
    private static final Table EVERYTHING = METADATA.table("everything",
            column("id", INTEGER).primaryKey(),
            column("i", INTEGER),
            column("big", BIGINT),
            column("small", SMALLINT),
            column("dec65", numeric(65, 30)),
            column("money", numeric(10, 2)),
            column("name", string(10)),
            column("body", TEXT),
            column("doc", JSON),
            column("doc_text", JSON_TEXT),
            column("dt", datetime(6)),
            column("d", DATE),
            column("t", time(6)),
            column("ts", timestamp(6)),
            column("f", FLOAT),
            column("dbl", DOUBLE),
            column("flag", BOOLEAN),
            column("status", enumOf("draft", "published", "💡")),
            column("color", enumOf(Color.class)),
            column("bin", LARGE_BINARY),
            column("huge", largeBinary(1L << 32)),
            column("uid", UUID));

    private static final Column<Integer> I = EVERYTHING.c("i", Integer.class);
    private static final Column<Long> BIG = EVERYTHING.c("big", Long.class);
    private static final Column<Short> SMALL = EVERYTHING.c("small", Short.class);
    private static final Column<BigDecimal> DEC65 = EVERYTHING.c("dec65", BigDecimal.class);
    private static final Column<BigDecimal> MONEY = EVERYTHING.c("money", BigDecimal.class);
    private static final Column<String> NAME = EVERYTHING.c("name", String.class);
    private static final Column<String> BODY = EVERYTHING.c("body", String.class);
    private static final Column<Object> DOC = EVERYTHING.c("doc", Object.class);
    private static final Column<Object> DOC_TEXT = EVERYTHING.c("doc_text", Object.class);
    private static final Column<LocalDateTime> DT = EVERYTHING.c("dt", LocalDateTime.class);
    private static final Column<LocalDate> D = EVERYTHING.c("d", LocalDate.class);
    private static final Column<LocalTime> T = EVERYTHING.c("t", LocalTime.class);
    private static final Column<Instant> TS = EVERYTHING.c("ts", Instant.class);
    private static final Column<Float> F = EVERYTHING.c("f", Float.class);
    private static final Column<Double> DBL = EVERYTHING.c("dbl", Double.class);
    private static final Column<Boolean> FLAG = EVERYTHING.c("flag", Boolean.class);
    private static final Column<String> STATUS = EVERYTHING.c("status", String.class);
    private static final Column<Color> COLOR = EVERYTHING.c("color", Color.class);
    private static final Column<byte[]> BIN = EVERYTHING.c("bin", byte[].class);
    private static final Column<byte[]> HUGE = EVERYTHING.c("huge", byte[].class);
    private static final Column<java.util.UUID> UID = EVERYTHING.c("uid", java.util.UUID.class);

    private static final Table UUID_BIN = METADATA.table("uuid_bin", column("id", INTEGER).primaryKey(),
            column("raw", UUID));

    private static final AtomicInteger IDS = new AtomicInteger();

    private final TestDatabase db;
    private final Engine engine;

    TypesRoundTripTest(TestDatabase db) {
        this.db = db;
        this.engine = db.engine();
    }

    @BeforeAll
    static void createTable(TestDatabase db) {
        db.engine().execute(text(DDL)).rowcount().block();
        db.engine().execute(text("CREATE TABLE uuid_bin (id INT NOT NULL PRIMARY KEY, raw BINARY(16) NULL)"))
                .rowcount().block();
    }

    /** Inserts a row holding {@code values} (every other column NULL) and reads it back. */
    private Row roundTrip(Map<Column<?>, ?> values) {
        return roundTrip(engine, values);
    }

    private static Row roundTrip(Engine engine, Map<Column<?>, ?> values) {
        int id = IDS.incrementAndGet();
        List<String> names = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("id", id);
        for (Column<?> column : EVERYTHING.columns()) {
            if (column.name().equals("id")) {
                continue;
            }
            names.add(column.name());
            parameters.put(column.name(), column.type().toDriver(values.get(column)));
        }
        String sql = "INSERT INTO everything (id, " + String.join(", ", names) + ") VALUES (:id, :"
                + String.join(", :", names) + ")";
        assertThat(engine.execute(text(sql), parameters).rowcount().block()).isEqualTo(1L);
        Row row = engine.execute(text("SELECT * FROM everything WHERE id = :id"), Map.of("id", id)).one().block();
        assertThat(row).isNotNull();
        assertThat(row.get(EVERYTHING.c("id", Integer.class))).isEqualTo(id);
        return row;
    }

    private static Map<Column<?>, Object> values(Object... pairs) {
        Map<Column<?>, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Column<?>) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static boolean isMariaDb(Engine engine) {
        String version = engine.execute(text("SELECT VERSION()")).scalar(String.class).block();
        return version != null && version.contains("MariaDB");
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void nullInEveryColumn() {
        Row row = roundTrip(Map.of());
        for (Column<?> column : EVERYTHING.columns()) {
            if (!column.name().equals("id")) {
                assertThat(row.get(column)).as(column.name()).isNull();
            }
        }
    }

    @Test
    void integerEdges() {
        Row max = roundTrip(values(I, Integer.MAX_VALUE, BIG, Long.MAX_VALUE, SMALL, Short.MAX_VALUE));
        assertThat(max.get(I)).isEqualTo(Integer.MAX_VALUE);
        assertThat(max.get(BIG)).isEqualTo(Long.MAX_VALUE);
        assertThat(max.get(SMALL)).isEqualTo(Short.MAX_VALUE);
        Row min = roundTrip(values(I, Integer.MIN_VALUE, BIG, Long.MIN_VALUE, SMALL, Short.MIN_VALUE));
        assertThat(min.get(I)).isEqualTo(Integer.MIN_VALUE);
        assertThat(min.get(BIG)).isEqualTo(Long.MIN_VALUE);
        assertThat(min.get(SMALL)).isEqualTo(Short.MIN_VALUE);
        Row zero = roundTrip(values(I, 0, BIG, 0L, SMALL, (short) 0));
        assertThat(zero.get(I)).isZero();
        assertThat(zero.get(BIG)).isZero();
        assertThat(zero.get(SMALL)).isZero();
    }

    @Test
    void decimalsKeepValueAndScale() {
        BigDecimal wide = new BigDecimal("12345678901234567890123456789012345.123456789012345678901234567890");
        BigDecimal money = new BigDecimal("12345678.90");
        Row row = roundTrip(values(DEC65, wide, MONEY, money));
        assertThat(row.get(DEC65)).isEqualByComparingTo(wide);
        assertThat(row.get(DEC65).scale()).isEqualTo(30);
        assertThat(row.get(DEC65)).isEqualTo(wide);
        assertThat(row.get(MONEY)).isEqualByComparingTo(money);
        assertThat(row.get(MONEY).scale()).isEqualTo(2);

        BigDecimal negative = new BigDecimal("-99999999999999999999999999999999999.999999999999999999999999999999");
        Row edges = roundTrip(values(DEC65, negative, MONEY, new BigDecimal("-99999999.99")));
        assertThat(edges.get(DEC65)).isEqualTo(negative);
        assertThat(edges.get(MONEY)).isEqualTo(new BigDecimal("-99999999.99"));

        Row small = roundTrip(values(DEC65, new BigDecimal("0.000000000000000000000000000001"), MONEY, 1));
        assertThat(small.get(DEC65)).isEqualByComparingTo("1E-30");
        assertThat(small.get(MONEY)).isEqualByComparingTo("1");
        assertThat(small.get(MONEY).scale()).isEqualTo(2);
        assertThat(small.get(MONEY)).isEqualTo(new BigDecimal("1.00"));
    }

    @Test
    void fourByteUtf8InVarcharAndText() {
        String emoji = "😀🎉👍🏽𝄞中文é"; // 👍🏽 is two code points
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(8);
        String longText = "Zoë 😀 ".repeat(5_000);
        Row row = roundTrip(values(NAME, emoji, BODY, longText));
        assertThat(row.get(NAME)).isEqualTo(emoji);
        assertThat(row.get(BODY)).isEqualTo(longText);
    }

    @Test
    void varcharAtItsExactLength() {
        Row ascii = roundTrip(values(NAME, "0123456789"));
        assertThat(ascii.get(NAME)).isEqualTo("0123456789");
        String tenEmoji = "😀".repeat(10);
        Row emoji = roundTrip(values(NAME, tenEmoji));
        assertThat(emoji.get(NAME)).isEqualTo(tenEmoji);
        Row empty = roundTrip(values(NAME, "", BODY, ""));
        assertThat(empty.get(NAME)).isEmpty();
        assertThat(empty.get(BODY)).isEmpty();
        assertThatThrownBy(() -> roundTrip(values(NAME, "😀".repeat(11)))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("VARCHAR(10)");
    }

    @Test
    void nestedJsonDocument() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Zürich 🏔");
        address.put("zip", 8001);
        address.put("geo", List.of(47.3769, 8.5417));
        Map<String, Object> tag = new LinkedHashMap<>();
        tag.put("name", "vip");
        tag.put("since", null);
        tag.put("active", true);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "Zoë \"Q\" O'Brien\n\t\\");
        doc.put("addresses", List.of(address, Map.of("city", "日本")));
        doc.put("tags", List.of(tag, List.of(), Map.of()));
        doc.put("count", 0);
        doc.put("negative", -2_147_483_648);
        doc.put("long", Long.MAX_VALUE);
        doc.put("off", false);
        doc.put("nothing", null);
        doc.put("mixed", Arrays.asList(1, "two", null, true, 3.5));
        Row row = roundTrip(values(DOC, doc));
        Object read = row.get(DOC);
        assertThat(read).isInstanceOf(Map.class).isEqualTo(jsonNormalised(doc));
        Map<?, ?> map = (Map<?, ?>) read;
        assertThat(map.get("long")).isEqualTo(Long.MAX_VALUE);
        assertThat(((Map<?, ?>) ((List<?>) map.get("addresses")).get(0)).get("city")).isEqualTo("Zürich 🏔");
    }

    /** Decimals come back as BigDecimal: 47.3769 (a Double) reads as new BigDecimal("47.3769"). */
    private static Object jsonNormalised(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, jsonNormalised(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(jsonNormalised(item)));
            return copy;
        }
        if (value instanceof Double number) {
            return new BigDecimal(number.toString());
        }
        return value;
    }

    @Test
    void jsonBigNumbersAndScalars() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("huge", new BigInteger("123456789012345678901234567890"));
        doc.put("precise", new BigDecimal("3.141592653589793238462643383279"));
        Row row = roundTrip(values(DOC, doc));
        if (isMariaDb(engine)) { // MySQL's binary JSON keeps numbers as 64-bit integers or doubles
            assertThat(row.get(DOC)).isEqualTo(doc);
        }
        assertThat(roundTrip(values(DOC, "just a string")).get(DOC)).isEqualTo("just a string");
        assertThat(roundTrip(values(DOC, 42)).get(DOC)).isEqualTo(42);
        assertThat(roundTrip(values(DOC, List.of())).get(DOC)).isEqualTo(List.of());
        assertThat(roundTrip(values(DOC, true)).get(DOC)).isEqualTo(true);
    }

    @Test
    void jsonText() {
        String json = "{\"b\": [1, 2, {\"c\": null}], \"a\": \"😀\"}";
        Row row = roundTrip(values(DOC_TEXT, json));
        Object read = row.get(DOC_TEXT);
        assertThat(read).isInstanceOf(String.class);
        // MySQL normalises spacing and key order; the parsed document is the same either way
        assertThat(JSON.fromDriver(read)).isEqualTo(JSON.fromDriver(json));
        if (isMariaDb(engine)) {
            assertThat(read).isEqualTo(json);
        }
        assertThatThrownBy(() -> roundTrip(values(DOC_TEXT, "{not json"))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void datesAndTimes() {
        LocalDateTime micros = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);
        LocalTime time = LocalTime.of(13, 5, 7, 654_321_000);
        Instant instant = Instant.parse("2024-03-31T01:30:00.000001Z");
        Row row = roundTrip(values(DT, micros, D, LocalDate.of(2024, 2, 29), T, time, TS, instant));
        assertThat(row.get(DT)).isEqualTo(micros);
        assertThat(row.get(D)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get(T)).isEqualTo(time);
        assertThat(row.get(TS)).isEqualTo(instant);

        Row edges = roundTrip(values(DT, LocalDateTime.of(1000, 1, 1, 0, 0), D, LocalDate.of(9999, 12, 31),
                T, LocalTime.of(23, 59, 59, 999_999_000), TS, Instant.parse("2038-01-19T03:14:07.999999Z")));
        assertThat(edges.get(DT)).isEqualTo(LocalDateTime.of(1000, 1, 1, 0, 0));
        assertThat(edges.get(D)).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(edges.get(T)).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(edges.get(TS)).isEqualTo(Instant.parse("2038-01-19T03:14:07.999999Z"));

        Row early = roundTrip(values(DT, LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                T, LocalTime.MIDNIGHT, TS, Instant.parse("1970-01-01T00:00:01Z")));
        assertThat(early.get(DT)).isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(early.get(T)).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(early.get(TS)).isEqualTo(Instant.parse("1970-01-01T00:00:01Z"));
    }

    @Test
    void timeFromDuration() {
        Row row = roundTrip(values(T, Duration.ofHours(9).plusMinutes(30).plusNanos(1_000)));
        assertThat(row.get(T)).isEqualTo(LocalTime.of(9, 30, 0, 1_000));
    }

    @Test
    void floatingPoint() {
        Row row = roundTrip(values(F, 1.5f, DBL, Math.PI));
        assertThat(row.get(F)).isEqualTo(1.5f);
        assertThat(row.get(DBL)).isEqualTo(Math.PI);
        Row edges = roundTrip(values(F, -0.25f, DBL, Double.MAX_VALUE));
        assertThat(edges.get(F)).isEqualTo(-0.25f);
        assertThat(edges.get(DBL)).isEqualTo(Double.MAX_VALUE);
        Row tiny = roundTrip(values(F, 12345.5f, DBL, -Double.MIN_NORMAL));
        assertThat(tiny.get(F)).isEqualTo(12345.5f);
        assertThat(tiny.get(DBL)).isEqualTo(-Double.MIN_NORMAL);
        Row zero = roundTrip(values(F, 0f, DBL, 0.1d + 0.2d));
        assertThat(zero.get(F)).isZero();
        assertThat(zero.get(DBL)).isEqualTo(0.1d + 0.2d);
    }

    @Test
    void booleansFromTinyint() {
        assertThat(roundTrip(values(FLAG, true)).get(FLAG)).isTrue();
        assertThat(roundTrip(values(FLAG, false)).get(FLAG)).isFalse();
        Object raw = roundTrip(values(FLAG, true)).get("flag");
        assertThat(raw).as("raw TINYINT(1) value").isNotNull();
        String type = engine.execute(text("SELECT DATA_TYPE FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'everything' AND COLUMN_NAME = 'flag'"))
                .scalar(String.class).block();
        assertThat(type).isEqualToIgnoringCase("tinyint");
    }

    @Test
    void enums() {
        Row row = roundTrip(values(STATUS, "💡", COLOR, Color.GREEN));
        assertThat(row.get(STATUS)).isEqualTo("💡");
        assertThat(row.get(COLOR)).isSameAs(Color.GREEN);
        Row other = roundTrip(values(STATUS, "published", COLOR, Color.BLUE));
        assertThat(other.get(STATUS)).isEqualTo("published");
        assertThat(other.get(COLOR)).isSameAs(Color.BLUE);
        assertThatThrownBy(() -> roundTrip(values(STATUS, "archived"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'archived'");
    }

    @Test
    void binary() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] mebibyte = new byte[1 << 20];
        new Random(42).nextBytes(mebibyte);
        Row row = roundTrip(values(BIN, all, HUGE, mebibyte));
        assertThat(row.get(BIN)).isEqualTo(all);
        assertThat(row.get(HUGE)).hasSize(1 << 20).isEqualTo(mebibyte);
        Row empty = roundTrip(values(BIN, new byte[0]));
        assertThat(empty.get(BIN)).isEmpty();
    }

    @Test
    void uuid() {
        java.util.UUID random = java.util.UUID.randomUUID();
        Row row = roundTrip(values(UID, random));
        assertThat(row.get(UID)).isEqualTo(random);
        assertThat(row.get("uid")).isEqualTo(random.toString());
        java.util.UUID max = new java.util.UUID(-1L, -1L);
        assertThat(roundTrip(values(UID, max)).get(UID)).isEqualTo(max);
    }

    /** UuidType's Javadoc: reads also accept 16-byte binary values, so a BINARY(16) column can be read. */
    @Test
    void uuidFromABinary16Column() {
        java.util.UUID random = java.util.UUID.randomUUID();
        engine.execute(text("INSERT INTO uuid_bin (id, raw) VALUES (1, UNHEX(REPLACE(:u, '-', '')))"),
                Map.of("u", random.toString())).rowcount().block();
        Row row = engine.execute(text("SELECT raw FROM uuid_bin WHERE id = 1")).one().block();
        assertThat(row.get(UUID_BIN.c("raw", java.util.UUID.class))).isEqualTo(random);
    }

    @Test
    void everythingInOneRow() {
        Map<Column<?>, Object> all = values(I, 7, BIG, 8L, SMALL, (short) 9, DEC65, new BigDecimal("1.5"),
                MONEY, new BigDecimal("2.25"), NAME, "n", BODY, "b", DOC, Map.of("k", List.of(1)), DOC_TEXT, "[1]",
                DT, LocalDateTime.of(2020, 1, 2, 3, 4, 5), D, LocalDate.of(2020, 1, 2), T, LocalTime.NOON,
                TS, Instant.parse("2020-01-02T03:04:05Z"), F, 2.5f, DBL, 3.25d, FLAG, true, STATUS, "draft",
                COLOR, Color.RED, BIN, new byte[] {1}, HUGE, new byte[] {2}, UID, new java.util.UUID(1, 2));
        Row row = roundTrip(all);
        for (Map.Entry<Column<?>, Object> entry : all.entrySet()) {
            Object read = row.get(entry.getKey());
            if (entry.getValue() instanceof BigDecimal expected) {
                assertThat((BigDecimal) read).as(entry.getKey().name()).isEqualByComparingTo(expected);
            } else {
                assertThat(read).as(entry.getKey().name()).isEqualTo(entry.getValue());
            }
        }
    }

    /**
     * The session time zone is pinned to UTC whatever the JVM's zone: instants survive, the server
     * agrees on the epoch second, and wall-clock DATETIME values are not shifted.
     */
    @Test
    void timeZonePolicy() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            Engine fresh = db.newEngine(EngineOptions.defaults().toBuilder().name("auckland").build());
            Instant instant = Instant.parse("2024-07-01T00:30:00.123456Z");
            LocalDateTime wallClock = LocalDateTime.of(2024, 7, 1, 0, 30, 0, 654_321_000);
            Row row = roundTrip(fresh, values(TS, instant, DT, wallClock));
            assertThat(row.get(TS)).isEqualTo(instant);
            assertThat(row.get(DT)).isEqualTo(wallClock);

            String zone = fresh.execute(text("SELECT @@session.time_zone")).scalar(String.class).block();
            assertThat(zone).isIn("+00:00", "UTC");

            int id = row.get(EVERYTHING.c("id", Integer.class));
            BigDecimal epoch = fresh.execute(text("SELECT UNIX_TIMESTAMP(ts) FROM everything WHERE id = :id"),
                    Map.of("id", id)).scalar(BigDecimal.class).block();
            assertThat(epoch.setScale(0, RoundingMode.FLOOR).longValueExact()).isEqualTo(instant.getEpochSecond());
            assertThat(epoch).isEqualByComparingTo("1719793800.123456");

            String asText = fresh.execute(text("SELECT CAST(dt AS CHAR) FROM everything WHERE id = :id"),
                    Map.of("id", id)).scalar(String.class).block();
            assertThat(asText).isEqualTo("2024-07-01 00:30:00.654321");
            String tsText = fresh.execute(text("SELECT CAST(ts AS CHAR) FROM everything WHERE id = :id"),
                    Map.of("id", id)).scalar(String.class).block();
            assertThat(tsText).isEqualTo("2024-07-01 00:30:00.123456");

            // the default engine, made before the zone changed, reads the same instant
            Row again = engine.execute(text("SELECT ts, dt FROM everything WHERE id = :id"), Map.of("id", id))
                    .one().block();
            assertThat(again.get(TS)).isEqualTo(instant);
            assertThat(again.get(DT)).isEqualTo(wallClock);
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
