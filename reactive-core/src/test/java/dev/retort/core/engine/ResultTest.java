package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.exception.MultipleResultsFoundException;
import dev.retort.core.exception.NoResultFoundException;
import dev.retort.core.result.Row;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The Result API and text() execution against a real server. */
@DatabaseTest
class ResultTest {

    private final Engine engine;

    ResultTest(TestDatabase db) {
        this.engine = db.engine();
    }

    @BeforeAll
    static void createTable(TestDatabase db) {
        db.engine().execute(text("CREATE TABLE people (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, "
                + "age INT NULL, score DECIMAL(5,2) NULL, active BOOLEAN NOT NULL DEFAULT TRUE)")).rowcount().block();
    }

    @BeforeEach
    void fill() {
        engine.execute(text("DELETE FROM people")).rowcount().block();
        engine.execute(text("INSERT INTO people (name, age, score) VALUES (:name, :age, :score)"), List.of(
                Map.of("name", "Alice", "age", 30, "score", new BigDecimal("91.50")),
                Map.of("name", "Bob", "age", 25, "score", new BigDecimal("78.25")),
                nullable("Carol", null, null))).rowcount().block();
    }

    private static Map<String, Object> nullable(String name, Integer age, BigDecimal score) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("age", age);
        row.put("score", score);
        return row;
    }

    @Test
    void selectOneOnAConnection() {
        engine.connect(conn -> conn.execute(text("SELECT 1 AS test")).scalar(Integer.class))
                .as(StepVerifier::create).expectNext(1).verifyComplete();
    }

    @Test
    void rowsStreamInOrderWithTypedAndNamedAccess() {
        engine.execute(text("SELECT name, age, score, active FROM people ORDER BY name")).rows()
                .map(row -> row.get("name", String.class) + ":" + row.get(1, Integer.class) + ":" + row.get("SCORE")
                        + ":" + row.get("active", Boolean.class))
                .as(StepVerifier::create)
                .expectNext("Alice:30:91.50:true", "Bob:25:78.25:true", "Carol:null:null:true")
                .verifyComplete();
    }

    @Test
    void namedParametersAreBoundNotSpliced() {
        String hostile = "x' OR '1'='1";
        engine.execute(text("SELECT COUNT(*) FROM people WHERE name = :name"), Map.of("name", hostile))
                .scalar(Long.class).as(StepVerifier::create).expectNext(0L).verifyComplete();
        engine.execute(text("SELECT :v AS v"), Map.of("v", hostile)).scalar(String.class)
                .as(StepVerifier::create).expectNext(hostile).verifyComplete();
    }

    @Test
    void executemanyReturnsTheSummedRowcount() {
        engine.execute(text("UPDATE people SET age = :age WHERE name = :name"),
                        List.of(Map.of("age", 31, "name", "Alice"), Map.of("age", 26, "name", "Bob")))
                .rowcount().as(StepVerifier::create).expectNext(2L).verifyComplete();
    }

    @Test
    void allFirstAndMappings() {
        engine.execute(text("SELECT name FROM people ORDER BY name")).all()
                .map(rows -> rows.stream().map(row -> row.get(0, String.class)).toList())
                .as(StepVerifier::create).expectNext(List.of("Alice", "Bob", "Carol")).verifyComplete();
        engine.execute(text("SELECT name FROM people ORDER BY name DESC")).first().map(row -> row.get(0))
                .as(StepVerifier::create).expectNext("Carol").verifyComplete();
        engine.execute(text("SELECT name FROM people WHERE 1 = 0")).first()
                .as(StepVerifier::create).verifyComplete();
        engine.execute(text("SELECT name, age FROM people WHERE name = 'Carol'")).mappings()
                .as(StepVerifier::create)
                .assertNext(map -> {
                    assertThat(map.keySet()).containsExactly("name", "age");
                    assertThat(map).containsEntry("name", "Carol").containsEntry("age", null);
                })
                .verifyComplete();
    }

    @Test
    void oneAndOneOrNone() {
        engine.execute(text("SELECT name FROM people WHERE age = 30")).one().map(row -> row.get(0))
                .as(StepVerifier::create).expectNext("Alice").verifyComplete();
        engine.execute(text("SELECT name FROM people WHERE age = 99")).one()
                .as(StepVerifier::create).verifyError(NoResultFoundException.class);
        engine.execute(text("SELECT name FROM people")).one()
                .as(StepVerifier::create).verifyErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(MultipleResultsFoundException.class).hasMessageContaining("(3)"));
        engine.execute(text("SELECT name FROM people WHERE age = 99")).oneOrNone()
                .as(StepVerifier::create).verifyComplete();
        engine.execute(text("SELECT name FROM people")).oneOrNone()
                .as(StepVerifier::create).verifyError(MultipleResultsFoundException.class);
    }

    @Test
    void scalarsSkipNulls() {
        engine.execute(text("SELECT age FROM people ORDER BY name")).scalars(Integer.class)
                .as(StepVerifier::create).expectNext(30, 25).verifyComplete();
        engine.execute(text("SELECT age FROM people WHERE name = 'Carol'")).scalar(Integer.class)
                .as(StepVerifier::create).verifyComplete();
        engine.execute(text("SELECT COUNT(*) FROM people")).scalarOne(Long.class)
                .as(StepVerifier::create).expectNext(3L).verifyComplete();
    }

    @Test
    void generatedKeysOfAnInsert() {
        Long before = engine.execute(text("SELECT MAX(id) FROM people")).scalar(Long.class).block();
        engine.execute(text("INSERT INTO people (name) VALUES (:name)"), Map.of("name", "Dave"))
                .generatedKeys("id").as(StepVerifier::create).expectNext(before + 1).verifyComplete();
        engine.execute(text("INSERT INTO people (name) VALUES (:name)"),
                        List.of(Map.of("name", "Eve"), Map.of("name", "Frank")))
                .generatedKeys("id").as(StepVerifier::create).expectNext(before + 2, before + 3).verifyComplete();
    }

    @Test
    void typedReadsConvertOnlyWithoutLoss() {
        Row row = engine.execute(text("SELECT 300 AS big, 1 AS flag, 'text' AS s")).one().block();
        assertThat(row.get("big", Long.class)).isEqualTo(300L);
        assertThat(row.get("flag", boolean.class)).isTrue();
        assertThat(row.get("big", BigDecimal.class)).isEqualByComparingTo("300");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> row.get("big", Byte.class))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("300");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> row.get("s", Integer.class))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'s'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> row.get("missing"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("missing");
        assertThat(row.toString()).isEqualTo("(300, 1, 'text')");
    }

    @Test
    void aMissingParameterFailsBeforeAnythingIsSent() {
        engine.execute(text("SELECT :a + :b"), Map.of("a", 1)).scalar(Long.class)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("'b'"));
    }

    @Test
    void resultsAreColdAndRunOncePerSubscription() {
        var insert = engine.execute(text("INSERT INTO people (name) VALUES ('Twice')")).rowcount();
        assertThat(engine.execute(text("SELECT COUNT(*) FROM people WHERE name = 'Twice'")).scalar(Long.class).block())
                .isZero();
        insert.block();
        insert.block();
        assertThat(engine.execute(text("SELECT COUNT(*) FROM people WHERE name = 'Twice'")).scalar(Long.class).block())
                .isEqualTo(2L);
    }

    @Test
    void aConnectionCannotBeUsedAfterItsScope() {
        Connection leaked = engine.connect(reactor.core.publisher.Mono::just).block();
        leaked.execute(text("SELECT 1")).scalar(Integer.class)
                .as(StepVerifier::create)
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestException.class)
                        .hasMessageContaining("given back to the pool"));
    }
}
