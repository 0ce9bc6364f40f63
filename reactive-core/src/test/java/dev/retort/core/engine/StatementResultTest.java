package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.bindparam;
import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.StatementSelectTest.Shop;
import dev.retort.core.exception.MultipleResultsFoundException;
import dev.retort.core.exception.NoResultFoundException;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Typed rows, record mapping, one()/oneOrNone() errors, hostile values and cancelling a stream. */
@DatabaseTest
class StatementResultTest {

    private static final Shop.Users USERS = Shop.USERS;
    private static final Shop.Posts POSTS = Shop.POSTS;
    private static final MetaData NOTES_META = new MetaData();
    private static final Notes NOTES = new Notes(NOTES_META);

    static final class Notes extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> body = column("body", string(200));
        final Column<String> longBody = column("long_body", TEXT);

        Notes(MetaData metadata) {
            super(metadata, "notes");
        }
    }

    /** A package-private record, as applications usually declare them. */
    record UserView(Integer id, String name, Integer managerId, String email) {
    }

    /** Components in another order than the columns, matched by name. */
    record PostView(String title, int userId, Integer score) {
    }

    private final Engine engine;

    StatementResultTest(TestDatabase db) {
        this.engine = db.engine();
    }

    @BeforeAll
    static void createAndFill(TestDatabase db) {
        Shop.META.createAll(db.engine()).then(Shop.fill(db.engine())).then(NOTES_META.createAll(db.engine())).block();
    }

    @Test
    void typedAccessByColumn() {
        engine.execute(select(USERS.name, USERS.age, USERS.id).where(USERS.id.eq(4))).one()
                .as(StepVerifier::create)
                .assertNext(row -> {
                    String name = row.get(USERS.name);
                    Integer age = row.get(USERS.age);
                    Integer id = row.get(USERS.id);
                    assertThat(name).isEqualTo("Dee");
                    assertThat(age).isEqualTo(40);
                    assertThat(id).isEqualTo(4);
                    assertThatThrownBy(() -> row.get(USERS.email))
                            .isInstanceOf(InvalidRequestException.class).hasMessageContaining("email");
                })
                .verifyComplete();
    }

    @Test
    void twoColumnsNamedIdAreReadByPosition() {
        engine.execute(select(USERS.id, POSTS.id, POSTS.title).join(POSTS).where(POSTS.title.eq("Reactive SQL"))).one()
                .as(StepVerifier::create)
                .assertNext(row -> {
                    assertThat(row.columnNames()).containsExactly("id", "id", "title");
                    assertThat(row.get(USERS.id)).isEqualTo(2);
                    assertThat(row.get(POSTS.id)).isEqualTo(3);
                    assertThat(row.get(1, Integer.class)).isEqualTo(3);
                })
                .verifyComplete();
        // the other way round, and many rows
        engine.execute(select(POSTS.id, USERS.id).join(USERS).orderBy(POSTS.id)).rows()
                .map(row -> row.get(POSTS.id) + "->" + row.get(USERS.id))
                .as(StepVerifier::create).expectNext("1->1", "2->1", "3->2", "4->4").verifyComplete();
    }

    @Test
    void mapToRecordsMatchesSnakeCaseToCamelCase() {
        engine.execute(select(USERS.id, USERS.name, USERS.managerId, USERS.email).orderBy(USERS.id)).mapTo(UserView.class)
                .as(StepVerifier::create)
                .expectNext(new UserView(1, "Ann", null, "ann@x.org"), new UserView(2, "Bob", 1, "bob@x.org"),
                        new UserView(3, "Cid", 1, null), new UserView(4, "Dee", 2, "DEE@X.ORG"), new UserView(5, "Eve", 2, null))
                .verifyComplete();
        engine.execute(select(POSTS.userId, POSTS.score, POSTS.title).where(POSTS.id.le(2)).orderBy(POSTS.id))
                .mapTo(PostView.class)
                .as(StepVerifier::create)
                .expectNext(new PostView("Hello", 1, 10), new PostView("World", 1, null))
                .verifyComplete();
    }

    @Test
    void oneAndOneOrNoneOnZeroAndTwoRows() {
        engine.execute(select(USERS.name).where(USERS.id.eq(99))).one()
                .as(StepVerifier::create).verifyError(NoResultFoundException.class);
        engine.execute(select(USERS.name).where(USERS.age.eq(25))).one()
                .as(StepVerifier::create).verifyError(MultipleResultsFoundException.class);
        engine.execute(select(USERS.name).where(USERS.id.eq(99))).oneOrNone()
                .as(StepVerifier::create).verifyComplete();
        engine.execute(select(USERS.name).where(USERS.age.eq(25))).oneOrNone()
                .as(StepVerifier::create).verifyError(MultipleResultsFoundException.class);
        engine.execute(select(USERS.name).where(USERS.age.eq(25))).scalarOne(String.class)
                .as(StepVerifier::create).verifyError(MultipleResultsFoundException.class);
        engine.execute(select(USERS.name).where(USERS.age.eq(25)).orderBy(USERS.id)).first().map(row -> row.get(USERS.name))
                .as(StepVerifier::create).expectNext("Bob").verifyComplete();
        // the connection is fine after the errors
        engine.connect(conn -> conn.execute(select(USERS.name).where(USERS.age.eq(25))).one()
                        .onErrorResume(MultipleResultsFoundException.class, e -> Mono.empty())
                        .then(conn.execute(select(func.count()).selectFrom(USERS)).scalar(Long.class)))
                .as(StepVerifier::create).expectNext(5L).verifyComplete();
    }

    @Test
    void mappingsAndNamedBindParameters() {
        engine.execute(select(USERS.name, USERS.email).where(USERS.age.eq(bindparam("age", INTEGER))).orderBy(USERS.id),
                        Map.of("age", 25))
                .mappings().map(Map::toString)
                .as(StepVerifier::create).expectNext("{name=Bob, email=bob@x.org}", "{name=Eve, email=null}").verifyComplete();
    }

    @Test
    void hostileValuesRoundTripExactly() {
        List<String> hostile = List.of(
                "O'Brien", "back\\slash\\", "\"double\"", "'; DROP TABLE notes; --", "100% _wild_ \\%",
                "日本語 ✓ 😀 𝄞", "tab\tnew\nline\r\n", "nul\u0000byte", "?:name ? $1 :name", "\\'", "--", "/* c */",
                "", " leading and trailing ", "\u2028\u2029", "\\\\n");
        List<Map<Column<?>, Object>> rows = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            rows.add(Shop.row(NOTES.id, i + 1, NOTES.body, hostile.get(i), NOTES.longBody, hostile.get(i).repeat(3)));
        }
        engine.execute(insert(NOTES).values(rows)).rowcount()
                .as(StepVerifier::create).expectNext((long) hostile.size()).verifyComplete();
        engine.execute(select(NOTES.body, NOTES.longBody).orderBy(NOTES.id)).rows()
                .map(row -> List.of(row.get(NOTES.body), row.get(NOTES.longBody)))
                .collectList().as(StepVerifier::create)
                .assertNext(read -> {
                    for (int i = 0; i < hostile.size(); i++) {
                        assertThat(read.get(i)).containsExactly(hostile.get(i), hostile.get(i).repeat(3));
                    }
                })
                .verifyComplete();
        // and each one is found by an equality on the server, through a bound parameter
        for (int i = 0; i < hostile.size(); i++) {
            int id = i + 1;
            engine.execute(select(NOTES.id).where(NOTES.body.eq(hostile.get(i)), NOTES.longBody.eq(hostile.get(i).repeat(3))))
                    .scalars(Integer.class).collectList()
                    .as(StepVerifier::create).assertNext(ids -> assertThat(ids).contains(id)).verifyComplete();
        }
        engine.execute(select(USERS.name).where(USERS.name.eq("x' OR '1'='1"))).all()
                .as(StepVerifier::create).assertNext(found -> assertThat(found).isEmpty()).verifyComplete();
    }

    @Test
    void cancellingAStreamReleasesTheConnection() {
        MetaData metadata = new MetaData();
        Table numbers = metadata.table("numbers", dev.retort.core.schema.Schema.column("n", INTEGER).primaryKey());
        @SuppressWarnings("unchecked")
        Column<Integer> n = (Column<Integer>) numbers.c("n");
        metadata.createAll(engine).block();
        engine.execute(insert(numbers), IntStream.rangeClosed(1, 5000).mapToObj(i -> Map.<String, Object>of("n", i)).toList())
                .rowcount().as(StepVerifier::create).expectNext(5000L).verifyComplete();

        StepVerifier.create(engine.stream(select(n).orderBy(n)).map(row -> row.get(n)), 1)
                .expectNext(1)
                .thenRequest(2)
                .expectNext(2, 3)
                .thenCancel()
                .verify();
        engine.stream(select(n).orderBy(n)).take(7).map(row -> row.get(n)).count()
                .as(StepVerifier::create).expectNext(7L).verifyComplete();
        // on one connection: cancel mid-way, then the next statement on it sees its own answer
        engine.connect(conn -> conn.execute(select(n).where(n.gt(100)).orderBy(n)).rows().take(3).map(row -> row.get(n))
                        .collectList()
                        .flatMap(first -> conn.execute(select(func.count()).selectFrom(numbers)).scalar(Long.class)
                                .map(count -> reactor.util.function.Tuples.of(first, count))))
                .as(StepVerifier::create)
                .assertNext(both -> {
                    assertThat(both.getT1()).containsExactly(101, 102, 103);
                    assertThat(both.getT2()).isEqualTo(5000L);
                })
                .verifyComplete();
        engine.execute(select(func.sum(n))).scalar(Long.class)
                .as(StepVerifier::create).expectNext(5000L * 5001 / 2).verifyComplete();
    }
}
