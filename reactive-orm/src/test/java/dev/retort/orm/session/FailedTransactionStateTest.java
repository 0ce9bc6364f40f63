package dev.retort.orm.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.IntegrityException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * What a session leaves of its objects when the work fails. {@code inTransaction} rolls its
 * transaction back, so an object whose INSERT was flushed in it has no row and must come out
 * transient (as after {@code Session.rollback()}), not detached with the key of a row that never
 * committed (adding it again would then write nothing); the same after a failed flush in
 * {@code withSession}. Other errors in {@code withSession} close it as SQLAlchemy's
 * {@code Session.close()} does: objects are detached.
 */
@DatabaseTest
class FailedTransactionStateTest {

    @Entity(table = "members")
    static class Member {
        @Id @GeneratedValue Integer id;
        @Column(length = 50, nullable = false) String name;

        Member() {
        }

        Member(String name) {
            this.name = name;
        }
    }

    static final Mapping MAPPING = Mapping.of(Member.class);
    private final SessionFactory sessions;

    FailedTransactionStateTest(TestDatabase db) {
        sessions = SessionFactory.of(db.engine(), MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @Test
    void objectFlushedInAFailedTransactionIsTransientAndCanBeAddedAgain() {
        Member first = new Member("first");
        assertThatThrownBy(() -> sessions.inTransaction(s -> {
            s.add(first);
            return s.flush().then(Mono.defer(() -> {
                s.add(new Member(null));
                return s.flush();
            }));
        }).block()).isInstanceOf(IntegrityException.class);

        assertThat(Session.state(first)).isEqualTo(ObjectState.TRANSIENT);
        assertThat(first.id).isNull();

        Integer id = sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(first)).flatMap(m -> s.flush().then(Mono.fromSupplier(() -> m.id))))
                .block();
        assertThat(id).isNotNull();
        assertThat(sessions.withSession(s -> s.get(Member.class, id).map(m -> m.name)).block()).isEqualTo("first");
    }

    @Test
    void objectFlushedBeforeAnErrorOfTheWorkIsTransient() {
        Member second = new Member("second");
        assertThatThrownBy(() -> sessions.inTransaction(s -> {
            s.add(second);
            return s.flush().then(Mono.error(new IllegalStateException("the work failed")));
        }).block()).isInstanceOf(IllegalStateException.class);

        assertThat(Session.state(second)).isEqualTo(ObjectState.TRANSIENT);
        assertThat(second.id).isNull();
    }

    @Test
    void objectDeletedInAFailedTransactionIsDetachedAndItsRowKept() {
        Integer id = sessions.inTransaction(s -> Mono.fromSupplier(() -> s.add(new Member("kept")))
                .flatMap(m -> s.flush().then(Mono.fromSupplier(() -> m.id)))).block();
        Member[] loaded = new Member[1];
        assertThatThrownBy(() -> sessions.inTransaction(s -> s.getOne(Member.class, id).flatMap(m -> {
            loaded[0] = m;
            s.delete(m);
            return s.flush().then(Mono.error(new IllegalStateException("the work failed")));
        })).block()).isInstanceOf(IllegalStateException.class);

        assertThat(Session.state(loaded[0])).isEqualTo(ObjectState.DETACHED);
        assertThat(sessions.withSession(s -> s.get(Member.class, id).map(m -> m.name)).block()).isEqualTo("kept");
    }

    @Test
    void withSessionRevertsAfterAFailedFlushButDetachesAfterOtherErrors() {
        Member flushed = new Member("flushed");
        assertThatThrownBy(() -> sessions.withSession(s -> {
            s.add(flushed);
            return s.flush().then(Mono.defer(() -> {
                s.add(new Member(null));
                return s.flush();
            }));
        }).block()).isInstanceOf(IntegrityException.class);
        assertThat(Session.state(flushed)).isEqualTo(ObjectState.TRANSIENT);

        Member closed = new Member("closed");
        assertThatThrownBy(() -> sessions.withSession(s -> {
            s.add(closed);
            return s.flush().then(Mono.error(new IllegalStateException("the work failed")));
        }).block()).isInstanceOf(IllegalStateException.class);
        assertThat(Session.state(closed)).as("closed without commit, as SQLAlchemy's Session.close()").isEqualTo(ObjectState.DETACHED);
    }
}
