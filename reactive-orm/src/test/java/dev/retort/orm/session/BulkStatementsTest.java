package dev.retort.orm.session;

import static dev.retort.orm.Orm.delete;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.sql.Sql;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.core.types.Types;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.query.SynchronizeSession;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Bulk UPDATE and DELETE through a session, and what each {@link SynchronizeSession} mode does to loaded objects. */
@DatabaseTest
class BulkStatementsTest {

    @Entity(table = "members")
    static class Member {
        @Id @GeneratedValue Integer id;
        String name;
        String email;
        Integer age;
        Boolean active;

        Member() {
        }

        Member(String name, String email, Integer age) {
            this.name = name;
            this.email = email;
            this.age = age;
            this.active = true;
        }
    }

    static final Mapping MAPPING = Mapping.of(Member.class);

    @SuppressWarnings("unchecked")
    private static <T> Column<T> column(String field) {
        return (Column<T>) Mapping.mapperOf(Member.class).attribute(field).column();
    }

    private static final Column<String> NAME = column("name");
    private static final Column<String> EMAIL = column("email");
    private static final Column<Integer> AGE = column("age");
    private static final Column<Boolean> ACTIVE = column("active");

    private final StatementLog log;
    private final SessionFactory sessions;
    private Map<String, Integer> ids;

    BulkStatementsTest(TestDatabase db) {
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @BeforeEach
    void members() {
        List<Member> members = List.of(new Member("Ann", "ann@old.com", 25), new Member("Bob", "bob@old.com", 35),
                new Member("Cid", "cid@other.org", 45), new Member("Eve", "eve@old.com", null));
        sessions.inTransaction(s -> s.execute(Sql.delete(MAPPING.mapper(Member.class).table())).rowcount()
                .then(Mono.fromRunnable(() -> s.addAll(members)))
                .then(s.flush())).block();
        ids = members.stream().collect(Collectors.toMap(m -> m.name, m -> m.id));
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** Every member loaded into {@code s}, by name. */
    private static Mono<Map<String, Member>> loadAll(Session s) {
        return s.scalars(select(Member.class)).collectMap(m -> m.name, Function.identity());
    }

    /** The members as a new session reads them, by name. */
    private Map<String, Member> stored() {
        return sessions.withSession(BulkStatementsTest::loadAll).block();
    }

    // ---- the statement ----------------------------------------------------------------------------

    @Test
    void updateAnswersTheMatchedRowcount() {
        sessions.inTransaction(s -> s.execute(Sql.update(MAPPING.mapper(Member.class).table()).values(Map.of(ACTIVE, false))
                .where(NAME.eq("Bob"))).rowcount()).block();

        Long matched = sessions.inTransaction(s -> s.execute(update(Member.class).where(AGE.gt(30)).set(ACTIVE, false))).block();

        assertThat(matched).isEqualTo(2L);
        assertThat(stored()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().active)
                .containsExactlyInAnyOrder("Ann=true", "Bob=false", "Cid=false", "Eve=true");
        assertThat(log.statements("UPDATE")).last().isEqualTo("UPDATE members SET active = ? WHERE members.age > ?");
    }

    @Test
    void assigningThePrimaryKeyNeedsSynchronizeNone() {
        Column<Integer> id = (Column<Integer>) (Column<?>) column("id");
        assertThatThrownBy(() -> sessions.inTransaction(s -> s.execute(update(Member.class)
                        .where(NAME.eq("Ann")).set(id, 900))).block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("This UPDATE of Member assigns the primary key column id, which loaded objects cannot follow;"
                        + " run it with SynchronizeSession.NONE and expunge the affected objects");

        Long moved = sessions.inTransaction(s -> s.execute(update(Member.class).where(NAME.eq("Ann")).set(id, 900)
                .synchronize(SynchronizeSession.NONE))).block();
        assertThat(moved).isEqualTo(1L);
        assertThat(stored().get("Ann").id).isEqualTo(900);
    }

    @Test
    void evaluateMatchesIsNullOnAnyColumn() {
        Map<String, Member> loaded = sessions.inTransaction(s -> loadAll(s)
                .flatMap(all -> s.execute(update(Member.class).where(AGE.isNull()).set(EMAIL, "none@old.com")
                                .synchronize(SynchronizeSession.EVALUATE))
                        .thenReturn(all))).block();

        assertThat(loaded.get("Eve").email).isEqualTo("none@old.com");
        assertThat(loaded.get("Ann").email).isEqualTo("ann@old.com");
        assertThat(log.statements("SELECT")).hasSize(1);
        assertThat(stored().get("Eve").email).isEqualTo("none@old.com");
    }

    @Test
    void deleteAnswersTheDeletedRowcount() {
        Long deleted = sessions.inTransaction(s -> s.execute(delete(Member.class).where(AGE.lt(40)))).block();

        assertThat(deleted).isEqualTo(2L);
        assertThat(stored().keySet()).containsExactlyInAnyOrder("Cid", "Eve");
    }

    @Test
    void anUpdateThatSetsNothingIsRefused() {
        assertThatThrownBy(() -> update(Member.class).where(AGE.gt(30)).toUpdate()).isInstanceOf(InvalidRequestException.class)
                .hasMessage("UPDATE of Member sets no column");
    }

    // ---- NONE ------------------------------------------------------------------------------------

    @Test
    void noneLeavesLoadedObjectsStale() {
        sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> {
            log.clear();
            return s.execute(update(Member.class).where(AGE.gt(30)).set(AGE, AGE.plus(1)).synchronize(SynchronizeSession.NONE))
                    .doOnNext(count -> {
                        assertThat(count).isEqualTo(2L);
                        assertThat(loaded.get("Bob").age).isEqualTo(35);
                        assertThat(loaded.get("Cid").age).isEqualTo(45);
                        assertThat(s.isModified(loaded.get("Bob"))).isFalse();
                        assertThat(log.count("SELECT")).isZero();
                    })
                    .then(s.get(Member.class, ids.get("Bob")))
                    .doOnNext(bob -> assertThat(bob).isSameAs(loaded.get("Bob")))
                    .doOnNext(bob -> assertThat(bob.age).isEqualTo(35))
                    .flatMap(s::refresh)
                    .doOnNext(bob -> assertThat(bob.age).isEqualTo(36));
        })).block();

        assertThat(stored()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().age)
                .containsExactlyInAnyOrder("Ann=25", "Bob=36", "Cid=46", "Eve=null");
    }

    // ---- EVALUATE --------------------------------------------------------------------------------

    @Test
    void evaluateAppliesTheValuesToMatchingLoadedObjectsOnly() {
        Map<String, Member> after = sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> {
            log.clear();
            return s.execute(update(Member.class).where(AGE.gt(30)).set(AGE, AGE.plus(1)).set(ACTIVE, false)
                            .synchronize(SynchronizeSession.EVALUATE))
                    .doOnNext(count -> {
                        assertThat(count).isEqualTo(2L);
                        assertThat(log.count("SELECT")).isZero();
                        assertThat(log.count("UPDATE")).isEqualTo(1);
                        assertThat(s.dirty()).isEmpty();
                    })
                    .then(s.flush())
                    .then(Mono.fromRunnable(() -> assertThat(log.count("UPDATE")).isEqualTo(1)))
                    .thenReturn(loaded);
        })).block();

        assertThat(after).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().age + "/" + e.getValue().active)
                .containsExactlyInAnyOrder("Ann=25/true", "Bob=36/false", "Cid=46/false", "Eve=null/true");
        assertThat(stored()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().age + "/" + e.getValue().active)
                .containsExactlyInAnyOrder("Ann=25/true", "Bob=36/false", "Cid=46/false", "Eve=null/true");
    }

    @Test
    void evaluateWithAThreeValuedCondition() {
        Map<String, Member> after = sessions.inTransaction(s -> loadAll(s).flatMap(loaded ->
                s.execute(update(Member.class)
                                .where(Sql.or(Sql.not(AGE.between(30, 40)), AGE.isNull()), ACTIVE.eq(true))
                                .set(ACTIVE, false)
                                .synchronize(SynchronizeSession.EVALUATE))
                        .doOnNext(count -> assertThat(count).isEqualTo(3L))
                        .thenReturn(loaded))).block();

        assertThat(after).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().active)
                .containsExactlyInAnyOrder("Ann=false", "Bob=true", "Cid=false", "Eve=false");
        assertThat(stored()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().active)
                .containsExactlyInAnyOrder("Ann=false", "Bob=true", "Cid=false", "Eve=false");
    }

    @Test
    void evaluateWithATextConditionFails() {
        assertThatThrownBy(() -> sessions.inTransaction(s -> loadAll(s).then(
                s.execute(update(Member.class).where(NAME.eq("Bob")).set(AGE, 1).synchronize(SynchronizeSession.EVALUATE))))
                .block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot synchronize the session by evaluating this UPDATE of Member in Java: members.name is text,"
                        + " which the server compares under its collation; use SynchronizeSession.FETCH or NONE");
        assertThat(log.count("UPDATE")).isZero();
        assertThat(stored().get("Bob").age).isEqualTo(35);
    }

    @Test
    void evaluateWithAFunctionValueFails() {
        assertThatThrownBy(() -> sessions.inTransaction(s -> loadAll(s).then(s.execute(update(Member.class)
                        .where(AGE.gt(30)).set(NAME, Sql.func.upper(NAME)).synchronize(SynchronizeSession.EVALUATE))))
                .block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot synchronize the session by evaluating this UPDATE of Member in Java: FunctionCall"
                        + " expressions; use SynchronizeSession.FETCH or NONE");
        assertThat(stored().get("Bob").name).isEqualTo("Bob");
    }

    @Test
    void evaluateWithATextConditionFailsWhenNothingIsLoadedToo() {
        assertThatThrownBy(() -> sessions.inTransaction(s ->
                s.execute(update(Member.class).where(NAME.eq("Bob")).set(AGE, 1).synchronize(SynchronizeSession.EVALUATE)))
                .block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot synchronize the session by evaluating this UPDATE of Member in Java: members.name is text,"
                        + " which the server compares under its collation; use SynchronizeSession.FETCH or NONE");
        assertThatThrownBy(() -> sessions.inTransaction(s ->
                s.execute(delete(Member.class).where(NAME.eq("Bob")).synchronize(SynchronizeSession.EVALUATE)))
                .block())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot synchronize the session by evaluating this DELETE of Member in Java: members.name is text,"
                        + " which the server compares under its collation; use SynchronizeSession.FETCH or NONE");
        assertThat(log.count("UPDATE")).isZero();
        assertThat(log.count("DELETE")).isZero();
        assertThat(stored()).hasSize(4);
    }

    // ---- AUTO and FETCH --------------------------------------------------------------------------

    @Test
    void autoFallsBackToFetchForATextCondition() {
        Map<String, Member> after = sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> {
            log.clear();
            return s.execute(update(Member.class).where(NAME.like("%b")).set(AGE, 99))
                    .doOnNext(count -> {
                        assertThat(count).isEqualTo(1L);
                        assertThat(log.all()).containsExactly(
                                "SELECT members.id FROM members WHERE members.name LIKE ?",
                                "UPDATE members SET age = ? WHERE members.name LIKE ?",
                                "SELECT members.id, members.age FROM members WHERE members.id = ?");
                        assertThat(s.dirty()).isEmpty();
                    })
                    .thenReturn(loaded);
        })).block();

        assertThat(after).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().age)
                .containsExactlyInAnyOrder("Ann=25", "Bob=99", "Cid=45", "Eve=null");
    }

    @Test
    void autoEvaluatesANumericConditionWithoutAnExtraSelect() {
        Map<String, Member> after = sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> {
            log.clear();
            return s.execute(update(Member.class).where(AGE.le(35)).set(AGE, AGE.times(2)))
                    .doOnNext(count -> assertThat(log.all()).containsExactly("UPDATE members SET age = members.age * ? WHERE members.age <= ?"))
                    .thenReturn(loaded);
        })).block();

        assertThat(after).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().age)
                .containsExactlyInAnyOrder("Ann=50", "Bob=70", "Cid=45", "Eve=null");
    }

    @Test
    void fetchReadsBackTheChangedColumnsOfMatchedLoadedObjects() {
        Map<String, Member> after = sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> {
            log.clear();
            return s.execute(update(Member.class).where(AGE.ge(35)).set(AGE, AGE.minus(5)).synchronize(SynchronizeSession.FETCH))
                    .doOnNext(count -> {
                        assertThat(count).isEqualTo(2L);
                        assertThat(log.count("SELECT")).isEqualTo(2);
                        assertThat(log.statements("SELECT")).first().isEqualTo("SELECT members.id FROM members WHERE members.age >= ?");
                        assertThat(log.statements("SELECT")).last()
                                .isEqualTo("SELECT members.id, members.age FROM members WHERE members.id IN (?, ?)");
                    })
                    .thenReturn(loaded);
        })).block();

        assertThat(after).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().age)
                .containsExactlyInAnyOrder("Ann=25", "Bob=30", "Cid=40", "Eve=null");
    }

    @Test
    void nothingLoadedMeansNoExtraSelect() {
        for (SynchronizeSession mode : List.of(SynchronizeSession.NONE, SynchronizeSession.AUTO, SynchronizeSession.FETCH)) {
            log.clear();
            Long count = sessions.inTransaction(s -> s.execute(update(Member.class).where(NAME.like("B%")).set(AGE, 1)
                    .synchronize(mode))).block();
            assertThat(count).as(mode.name()).isEqualTo(1L);
            assertThat(log.count("SELECT")).as(mode.name()).isZero();
            assertThat(log.count("UPDATE")).as(mode.name()).isEqualTo(1);
        }
        log.clear();
        Long count = sessions.inTransaction(s -> s.execute(update(Member.class).where(AGE.isNull()).set(AGE, 3)
                .synchronize(SynchronizeSession.EVALUATE))).block();
        assertThat(count).isEqualTo(1L);
        assertThat(log.count("SELECT")).isZero();
        assertThat(log.count("UPDATE")).isEqualTo(1);
    }

    @Test
    void objectsExpungedFromTheSessionAreNotSynchronized() {
        sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> {
            s.expunge(loaded.get("Bob"));
            log.clear();
            return s.execute(update(Member.class).where(NAME.like("B%")).set(AGE, 1))
                    .doOnNext(count -> {
                        assertThat(count).isEqualTo(1L);
                        assertThat(log.count("SELECT")).isEqualTo(1);
                        assertThat(loaded.get("Bob").age).isEqualTo(35);
                    });
        })).block();
    }

    // ---- DELETE ----------------------------------------------------------------------------------

    @Test
    void bulkDeleteMarksMatchedLoadedObjectsDeleted() {
        for (SynchronizeSession mode : List.of(SynchronizeSession.AUTO, SynchronizeSession.EVALUATE, SynchronizeSession.FETCH)) {
            members();
            sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> s.execute(delete(Member.class).where(AGE.gt(30))
                            .synchronize(mode))
                    .doOnNext(count -> {
                        assertThat(count).as(mode.name()).isEqualTo(2L);
                        assertThat(Session.state(loaded.get("Bob"))).as(mode.name()).isEqualTo(ObjectState.DELETED);
                        assertThat(Session.state(loaded.get("Cid"))).as(mode.name()).isEqualTo(ObjectState.DELETED);
                        assertThat(Session.state(loaded.get("Ann"))).as(mode.name()).isEqualTo(ObjectState.PERSISTENT);
                        assertThat(Session.state(loaded.get("Eve"))).as(mode.name()).isEqualTo(ObjectState.PERSISTENT);
                        assertThat(s.identityMap()).as(mode.name()).containsExactlyInAnyOrder(loaded.get("Ann"), loaded.get("Eve"));
                    })
                    .then(s.get(Member.class, ids.get("Bob")).hasElement())
                    .doOnNext(found -> assertThat(found).as(mode.name() + ": Bob after the delete").isFalse())
                    .then(s.get(Member.class, ids.get("Ann")))
                    .doOnNext(ann -> assertThat(ann).isSameAs(loaded.get("Ann")))
                    .then(s.commit())
                    .then(Mono.fromRunnable(() -> {
                        assertThat(Session.state(loaded.get("Bob"))).as(mode.name()).isEqualTo(ObjectState.DETACHED);
                        assertThat(s.contains(loaded.get("Bob"))).isFalse();
                    })))).block();
            assertThat(stored().keySet()).as(mode.name()).containsExactlyInAnyOrder("Ann", "Eve");
        }
    }

    @Test
    void aBulkDeleteRolledBackBringsTheObjectsBack() {
        sessions.withSession(s -> loadAll(s).flatMap(loaded -> s.execute(delete(Member.class).where(NAME.like("B%")))
                .doOnNext(count -> assertThat(Session.state(loaded.get("Bob"))).isEqualTo(ObjectState.DELETED))
                .then(s.rollback())
                .then(Mono.fromRunnable(() -> {
                    assertThat(Session.state(loaded.get("Bob"))).isEqualTo(ObjectState.PERSISTENT);
                    assertThat(s.identityMap()).contains(loaded.get("Bob"));
                })))).block();

        assertThat(stored()).containsKey("Bob");
    }

    // ---- pending objects and the Day 7 email change ---------------------------------------------

    @Test
    void objectsAddedBeforeTheStatementAreFlushedAndSynchronizedToo() {
        for (SynchronizeSession mode : List.of(SynchronizeSession.AUTO, SynchronizeSession.EVALUATE, SynchronizeSession.FETCH)) {
            Member added = sessions.inTransaction(s -> {
                Member fresh = new Member("Zed" + mode.ordinal(), "zed@old.com", 50);
                s.add(fresh);
                return s.execute(update(Member.class).where(AGE.gt(40)).set(AGE, AGE.plus(1)).synchronize(mode))
                        .thenReturn(fresh);
            }).block();
            assertThat(added.age).as(mode.name()).isEqualTo(51);
            assertThat(stored().get("Zed" + mode.ordinal()).age).as(mode.name()).isEqualTo(51);
        }
    }

    @Test
    void day7EmailDomainChangeWithReplace() {
        Map<String, Member> after = sessions.inTransaction(s -> loadAll(s).flatMap(loaded -> {
            log.clear();
            return s.execute(update(Member.class)
                            .where(EMAIL.like("%@old.com"))
                            .set(EMAIL, Sql.func.call("REPLACE", Types.string(255), EMAIL,
                                    Sql.literal("@old.com", Types.TEXT), Sql.literal("@new.com", Types.TEXT))))
                    .doOnNext(count -> {
                        assertThat(count).isEqualTo(3L);
                        assertThat(log.all()).containsExactly(
                                "SELECT members.id FROM members WHERE members.email LIKE ?",
                                "UPDATE members SET email = REPLACE(members.email, ?, ?) WHERE members.email LIKE ?",
                                "SELECT members.id, members.email FROM members WHERE members.id IN (?, ?, ?)");
                    })
                    .thenReturn(loaded);
        })).block();

        assertThat(after).extractingFromEntries(e -> e.getValue().email)
                .containsExactlyInAnyOrder("ann@new.com", "bob@new.com", "cid@other.org", "eve@new.com");
        assertThat(stored()).extractingFromEntries(e -> e.getValue().email)
                .containsExactlyInAnyOrder("ann@new.com", "bob@new.com", "cid@other.org", "eve@new.com");
    }
}
