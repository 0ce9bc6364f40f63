package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.delete;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.string;
import static dev.retort.core.types.Types.text;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/**
 * executemany: {@code conn.execute(insert(table), listOfMaps)} is rewritten into multi-row INSERTs,
 * chunked under the placeholder limit and the ~4 MB size rule. Statements are counted in the echo
 * log of an engine of the test's own. (Work given to {@code engine.connect} is rolled back unless
 * committed, as SQLAlchemy's {@code engine.connect()}; these tests use {@code engine.transaction}.)
 */
@DatabaseTest
class ExecutemanyInsertTest {

    private static final MetaData META = new MetaData();
    private static final AtomicInteger CODES = new AtomicInteger();
    private static final Items ITEMS = new Items(META);
    private static final Wide WIDE = new Wide(META);
    private static final Docs DOCS = new Docs(META);

    static final class Items extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(100)).notNull();
        final Column<Integer> qty = column("qty", INTEGER);
        final Column<String> code = column("code", string(40)).defaultValue(() -> "code-" + CODES.incrementAndGet());

        Items(MetaData metadata) {
            super(metadata, "items");
        }
    }

    /** 20 value columns besides the key. */
    static final class Wide extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();

        Wide(MetaData metadata) {
            super(metadata, "wide");
            for (int i = 1; i <= 20; i++) {
                column(String.format("c%02d", i), INTEGER);
            }
        }
    }

    static final class Docs extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> body = column("body", text(16_000_000L));

        Docs(MetaData metadata) {
            super(metadata, "docs");
        }
    }

    private final TestDatabase db;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Engine engine;
    private String name;

    ExecutemanyInsertTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void create(TestDatabase db) {
        META.createAll(db.engine()).block();
    }

    @BeforeEach
    void echoedEngine(org.junit.jupiter.api.TestInfo test) {
        name = "many-" + test.getTestMethod().orElseThrow().getName();
        engine = db.newEngine(EngineOptions.builder().echo(true).name(name).build());
        engine.execute(delete(ITEMS)).rowcount()
                .then(engine.execute(delete(WIDE)).rowcount())
                .then(engine.execute(delete(DOCS)).rowcount())
                .block();
        log.start();
        ((Logger) LoggerFactory.getLogger("dev.retort.engine")).addAppender(log);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger("dev.retort.engine")).detachAppender(log);
    }

    /** Statements sent by this test's engine that start with {@code prefix} (e.g. "INSERT"). */
    private long statements(String prefix) {
        String start = "[" + name + "] " + prefix;
        return new ArrayList<>(log.list).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith(start)).count();
    }

    private static List<Map<String, Object>> items(int count) {
        List<Map<String, Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", "item-" + i);
            row.put("qty", i % 7 == 0 ? null : i);
            rows.add(row);
        }
        return rows;
    }

    @Test
    void tenThousandMapsInAtMostThreeStatements() {
        engine.transaction(conn -> conn.execute(insert(ITEMS), items(10_000)).rowcount())
                .as(StepVerifier::create).expectNext(10_000L).verifyComplete();
        assertThat(statements("INSERT")).isBetween(1L, 3L);
        engine.execute(select(func.count(), func.count(ITEMS.qty), func.sum(ITEMS.qty), func.count(ITEMS.code.distinct()))
                        .selectFrom(ITEMS)).one()
                .map(row -> List.of(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Long.class), row.get(3, Long.class)))
                .as(StepVerifier::create)
                .assertNext(numbers -> {
                    long expectedSum = 0;
                    long nonNull = 0;
                    for (int i = 0; i < 10_000; i++) {
                        if (i % 7 != 0) {
                            expectedSum += i;
                            nonNull++;
                        }
                    }
                    assertThat(numbers).containsExactly(10_000L, nonNull, expectedSum, 10_000L);
                })
                .verifyComplete();
    }

    @Test
    void generatedKeysInRowOrder() {
        List<Map<String, Object>> rows = items(10_000);
        List<Long> keys = new ArrayList<>();
        engine.transaction(conn -> conn.execute(insert(ITEMS), rows).generatedKeys("id").collectList())
                .as(StepVerifier::create).consumeNextWith(keys::addAll).verifyComplete();
        assertThat(keys).hasSize(10_000);
        for (int i = 1; i < keys.size(); i++) {
            assertThat(keys.get(i)).as("key %d", i).isEqualTo(keys.get(0) + i);
        }
        // each key belongs to the row at its position
        Map<Long, String> names = new HashMap<>();
        engine.execute(select(ITEMS.id, ITEMS.name)).rows()
                .map(row -> Map.entry(row.get(ITEMS.id).longValue(), row.get(ITEMS.name)))
                .as(StepVerifier::create).thenConsumeWhile(entry -> names.put(entry.getKey(), entry.getValue()) == null)
                .verifyComplete();
        for (int i = 0; i < keys.size(); i++) {
            assertThat(names.get(keys.get(i))).isEqualTo("item-" + i);
        }
        assertThat(statements("INSERT")).isBetween(1L, 3L);
    }

    @Test
    void unknownColumnNameIsNamed() {
        List<Map<String, Object>> rows = items(3);
        rows.get(1).put("colour", "red");
        engine.transaction(conn -> conn.execute(insert(ITEMS), rows).rowcount())
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("colour").hasMessageContaining("items"));
        assertThat(statements("INSERT")).isZero();
        engine.execute(select(func.count()).selectFrom(ITEMS)).scalar(Long.class)
                .as(StepVerifier::create).expectNext(0L).verifyComplete();
    }

    @Test
    void clientDefaultsAreAppliedPerRow() {
        List<Map<String, Object>> rows = items(10);
        engine.execute(insert(ITEMS), rows).rowcount().as(StepVerifier::create).expectNext(10L).verifyComplete();
        engine.execute(select(ITEMS.code).orderBy(ITEMS.id)).scalars(String.class).collectList()
                .as(StepVerifier::create)
                .assertNext(codes -> assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.startsWith("code-")))
                .verifyComplete();
    }

    @Test
    void clientDefaultsFillRowsThatLeaveTheColumnOut() {
        List<Map<String, Object>> rows = items(6);
        rows.get(2).put("code", "given-2");
        rows.get(5).put("code", "given-5");
        engine.execute(insert(ITEMS), rows).rowcount().as(StepVerifier::create).expectNext(6L).verifyComplete();
        engine.execute(select(ITEMS.name, ITEMS.code).orderBy(ITEMS.id)).rows()
                .map(row -> row.get(ITEMS.name) + "=" + (row.get(ITEMS.code).startsWith("code-") ? "default" : row.get(ITEMS.code)))
                .as(StepVerifier::create)
                .expectNext("item-0=default", "item-1=default", "item-2=given-2", "item-3=default", "item-4=default",
                        "item-5=given-5")
                .verifyComplete();
    }

    @Test
    void aRowMissingAColumnWithoutDefaultIsRefusedClearly() {
        List<Map<String, Object>> rows = items(4);
        rows.get(3).remove("qty");
        engine.execute(insert(ITEMS), rows).rowcount()
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("map 3 lacks [qty]"));
    }

    @Test
    void twentyColumnsSplitUnderThePlaceholderLimit() {
        int rows = 10_000;
        List<Map<String, Object>> sets = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> set = new LinkedHashMap<>();
            for (int c = 1; c <= 20; c++) {
                set.put(String.format("c%02d", c), r * 100 + c);
            }
            sets.add(set);
        }
        engine.transaction(conn -> conn.execute(insert(WIDE), sets).rowcount())
                .as(StepVerifier::create).expectNext((long) rows).verifyComplete();
        int rowsPerStatement = ExecutemanyPlan.MAX_PLACEHOLDERS / 20; // 3276
        long expected = (rows + rowsPerStatement - 1) / rowsPerStatement;
        assertThat(expected).isEqualTo((200_000 + 65_535 - 1) / 65_535).isEqualTo(4);
        assertThat(statements("INSERT")).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Column<Integer> c20 = (Column<Integer>) WIDE.c("c20");
        @SuppressWarnings("unchecked")
        Column<Integer> c01 = (Column<Integer>) WIDE.c("c01");
        engine.execute(select(func.count(), func.sum(c01), func.min(c20), func.max(c20)).selectFrom(WIDE)).one()
                .map(row -> List.of(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Long.class), row.get(3, Long.class)))
                .as(StepVerifier::create)
                .expectNext(List.of((long) rows, (long) rows * (rows - 1) / 2 * 100 + rows, 20L, (rows - 1) * 100L + 20))
                .verifyComplete();
    }

    @Test
    void largeTextValuesSplitByTheSizeRule() {
        int rows = 20;
        int length = 500_000;
        List<Map<String, Object>> sets = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            sets.add(Map.of("body", String.valueOf((char) ('a' + r)).repeat(length)));
        }
        engine.transaction(conn -> conn.execute(insert(DOCS), sets).rowcount())
                .as(StepVerifier::create).expectNext((long) rows).verifyComplete();
        // the plan's estimate: 4 bytes a character plus 4, plus 8 a row, at most 4 MiB a statement
        long rowBytes = 8 + 4L * length + 4;
        long rowsPerStatement = ExecutemanyPlan.MAX_STATEMENT_BYTES / rowBytes; // 2
        long expected = (rows + rowsPerStatement - 1) / rowsPerStatement;
        assertThat(expected).isEqualTo(10);
        assertThat(statements("INSERT")).isEqualTo(expected);
        engine.execute(select(func.call("LEFT", dev.retort.core.types.Types.TEXT, DOCS.body,
                        dev.retort.core.sql.Sql.literal(1, INTEGER)).as("first"),
                        func.call("CHAR_LENGTH", dev.retort.core.types.Types.BIGINT, DOCS.body).as("len")).orderBy(DOCS.id))
                .rows().map(row -> row.get("first", String.class) + row.get("len", Long.class))
                .collectList().as(StepVerifier::create)
                .assertNext(read -> {
                    assertThat(read).hasSize(rows);
                    for (int r = 0; r < rows; r++) {
                        assertThat(read.get(r)).isEqualTo((char) ('a' + r) + String.valueOf(length));
                    }
                })
                .verifyComplete();
    }

    @Test
    void executemanyUpsertUpdatesExistingRows() {
        List<Map<String, Object>> first = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            first.add(Map.of("id", i, "name", "n" + i, "qty", i, "code", "c" + i));
        }
        engine.execute(insert(ITEMS), first).rowcount().as(StepVerifier::create).expectNext(4L).verifyComplete();
        List<Map<String, Object>> second = new ArrayList<>();
        for (int i = 3; i <= 6; i++) {
            second.add(Map.of("id", i, "name", "m" + i, "qty", i * 10, "code", "d" + i));
        }
        Map<Column<?>, Object> changes = new LinkedHashMap<>();
        changes.put(ITEMS.qty, ITEMS.qty.plus(dev.retort.core.sql.Sql.inserted(ITEMS.qty)));
        changes.put(ITEMS.name, dev.retort.core.sql.Sql.inserted(ITEMS.name));
        engine.execute(insert(ITEMS).onDuplicateKeyUpdate(changes), second).rowcount()
                .as(StepVerifier::create).assertNext(count -> assertThat(count).isPositive()).verifyComplete();
        assertThat(statements("INSERT")).isEqualTo(2);
        engine.execute(select(ITEMS.id, ITEMS.name, ITEMS.qty, ITEMS.code).orderBy(ITEMS.id)).rows()
                .map(row -> row.get(ITEMS.id) + ":" + row.get(ITEMS.name) + ":" + row.get(ITEMS.qty) + ":" + row.get(ITEMS.code))
                .as(StepVerifier::create)
                .expectNext("1:n1:1:c1", "2:n2:2:c2", "3:m3:33:c3", "4:m4:44:c4", "5:m5:50:d5", "6:m6:60:d6")
                .verifyComplete();
    }

    @Test
    void executemanyInsideATransactionRollsBackTogether() {
        engine.transaction(conn -> conn.execute(insert(ITEMS), items(100)).rowcount()
                        .then(reactor.core.publisher.Mono.error(new IllegalStateException("boom"))))
                .as(StepVerifier::create).verifyErrorMessage("boom");
        engine.execute(select(func.count()).selectFrom(ITEMS)).scalar(Long.class)
                .as(StepVerifier::create).expectNext(0L).verifyComplete();
    }
}
