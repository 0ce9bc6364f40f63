package dev.retort.orm.session;

import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

@DatabaseTest
class SessionSmokeTest {

    @Entity(table = "people")
    static class Person {
        @Id @GeneratedValue Integer id;
        @Column(length = 50, nullable = false) String name;
        @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;
        int age;

        Person() {
        }

        Person(String name, int age) {
            this.name = name;
            this.age = age;
        }
    }

    static final Mapping MAPPING = Mapping.of(Person.class);
    private final StatementLog log;
    private final SessionFactory sessions;

    SessionSmokeTest(TestDatabase db) {
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
    }

    @Test
    void addFlushGetUpdateDelete() {
        Person ann = new Person("Ann", 30);
        assertThat(Session.state(ann)).isEqualTo(ObjectState.TRANSIENT);
        Integer id = sessions.inTransaction(s -> {
            s.add(ann);
            assertThat(Session.state(ann)).isEqualTo(ObjectState.PENDING);
            return s.flush().then(Mono.fromSupplier(() -> {
                assertThat(Session.state(ann)).isEqualTo(ObjectState.PERSISTENT);
                assertThat(ann.createdAt).isNotNull();
                return ann.id;
            }));
        }).block();
        assertThat(id).isNotNull();
        assertThat(Session.state(ann)).isEqualTo(ObjectState.DETACHED);

        Person loaded = sessions.inTransaction(s -> s.get(Person.class, id).flatMap(p -> s.get(Person.class, id)
                .doOnNext(again -> assertThat(again).isSameAs(p))
                .doOnNext(again -> again.age = 31))).block();
        assertThat(loaded.age).isEqualTo(31);
        List<Person> all = sessions.withSession(s -> s.scalars(select(Person.class)).collectList()).block();
        assertThat(all).singleElement().satisfies(p -> assertThat(p.age).isEqualTo(31));
        sessions.inTransaction(s -> s.get(Person.class, id).doOnNext(s::delete).then()).block();
        assertThat(sessions.withSession(s -> s.get(Person.class, id)).blockOptional()).isEmpty();
    }
}
