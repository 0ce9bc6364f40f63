package dev.retort.examples;

import static dev.retort.orm.session.ObjectState.DELETED;
import static dev.retort.orm.session.ObjectState.DETACHED;
import static dev.retort.orm.session.ObjectState.PENDING;
import static dev.retort.orm.session.ObjectState.PERSISTENT;
import static dev.retort.orm.session.ObjectState.TRANSIENT;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Day 6: sessions, the identity map and object states. Follows Day 5's {@link User} through the
 * tutorial's twelve steps (create, load and modify, delete, a flush that is never committed),
 * printing at each its {@code Session.state}, id and whether its session holds it; then shows the
 * session's bookkeeping ({@code newObjects()}, {@code dirty()}, {@code deleted()}), expiry and
 * refresh, and merging a detached object. Each session is {@code withSession}, so it commits only
 * when told, like the tutorial's {@code with Session(engine)} blocks.
 */
final class Day6 {

    private final Tour tour;

    Day6(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 6 - sessions, identity map and object states");
        Mapping mapping = Mapping.of(User.class);
        Engine engine = tour.engine("states", options -> options);
        try {
            tour.await(mapping.createAll(engine).thenReturn(true));
            tour.println("Table users created");
            SessionFactory sessions = SessionFactory.of(engine, mapping);
            Integer aliceId = create(sessions);
            readAndModify(sessions, aliceId);
            delete(sessions, aliceId);
            neverCommitted(sessions);
            bookkeeping(sessions);
        } catch (RuntimeException e) {
            tour.println("❌ Day 6 failed: " + Tour.firstLine(e));
            tour.fail("day 6", e);
        } finally {
            try {
                tour.await(mapping.dropAll(engine).thenReturn(true));
                tour.println("\nTable users dropped");
            } catch (RuntimeException e) {
                tour.fail("day 6 dropAll", e);
            }
            Tour.dispose(engine);
        }
    }

    /** Steps 1-4: new, added, flushed, committed; then the session closes. */
    private Integer create(SessionFactory sessions) {
        tour.println("\n--- Create ---");
        User alice = new User("alice", "alice@ex.com");
        Session closed = tour.await(sessions.withSession(session -> {
            show("1. New object", alice, session, TRANSIENT);
            session.add(alice);
            show("2. After add", alice, session, PENDING);
            return session.flush()
                    .then(Mono.fromRunnable(() -> show("3. After flush", alice, session, PERSISTENT)))
                    .then(session.commit())
                    .then(Mono.fromRunnable(() -> show("4. After commit", alice, session, PERSISTENT)))
                    .thenReturn(session);
        }));
        show("   Session closed", alice, closed, DETACHED);
        return alice.id;
    }

    /** Steps 5-7: load (twice: one instance), modify (dirty), commit (clean again). */
    private void readAndModify(SessionFactory sessions, Integer id) {
        tour.println("\n--- Read and modify ---");
        tour.await(sessions.withSession(session -> session.getOne(User.class, id).flatMap(loaded -> {
            show("5. Loaded from DB", loaded, session, PERSISTENT);
            return session.getOne(User.class, id).flatMap(again -> {
                tour.println("   get(User, " + id + ") again returns the same instance: " + (again == loaded)
                        + " (from the identity map, no SELECT); identityMap() = " + session.identityMap());
                tour.expect(again == loaded, "day 6 identity map", "a second get returned another instance");
                loaded.username = "bob";
                show("6. After modify", loaded, session, PERSISTENT);
                tour.println("   dirty() = " + session.dirty() + ", isModified = " + session.isModified(loaded));
                tour.expect(session.dirty().equals(List.of(loaded)), "day 6 dirty", "dirty() = " + session.dirty());
                return session.commit().then(Mono.fromRunnable(() -> {
                    show("7. After update commit", loaded, session, PERSISTENT);
                    tour.println("   dirty() = " + session.dirty() + " (the UPDATE wrote only username)");
                }));
            });
        }).thenReturn(true)));
    }

    /** Steps 8-10: load, mark deleted (still persistent), flush (deleted), commit (detached). */
    private void delete(SessionFactory sessions, Integer id) {
        tour.println("\n--- Delete ---");
        tour.await(sessions.withSession(session -> session.getOne(User.class, id).flatMap(user -> {
            show("8. Loaded for delete", user, session, PERSISTENT);
            session.delete(user);
            show("9. After delete", user, session, PERSISTENT);
            tour.println("   deleted() = " + session.deleted() + " (the DELETE runs at the next flush)");
            tour.expect(session.deleted().equals(List.of(user)), "day 6 deleted()", "deleted() = " + session.deleted());
            return session.flush()
                    .then(Mono.fromRunnable(() -> {
                        show("   After flush", user, session, DELETED);
                        tour.println("   deleted() = " + session.deleted() + ", identityMap() = " + session.identityMap());
                    }))
                    .then(session.commit())
                    .then(Mono.fromRunnable(() -> show("10. After delete commit (detached)", user, session, DETACHED)));
        }).thenReturn(true)));
    }

    /** Steps 11-12: flushed but never committed; the session closes, rolling the INSERT back. */
    private void neverCommitted(SessionFactory sessions) {
        tour.println("\n--- Flushed, never committed ---");
        User charlie = new User("charlie", "charlie@ex.com");
        Session closed = tour.await(sessions.withSession(session -> {
            session.add(charlie);
            return session.flush()
                    .then(Mono.fromRunnable(() -> show("11. Persistent", charlie, session, PERSISTENT)))
                    .thenReturn(session);
        }));
        show("12. After session close (detached)", charlie, closed, DETACHED);
        Boolean found = tour.await(sessions.withSession(session -> session.get(User.class, charlie.id).hasElement()));
        tour.println("   The session closed without a commit, so its INSERT was rolled back: get(User, " + charlie.id
                + ") in a new session finds " + (found ? "a row" : "nothing"));
        tour.expect(!found, "day 6 uncommitted insert", "the row of the uncommitted INSERT exists");
    }

    /** newObjects()/dirty()/deleted(), expire and refresh, merge of a detached object. */
    private void bookkeeping(SessionFactory sessions) {
        tour.println("\n--- The session's bookkeeping ---");
        User dora = new User("dora", "dora@ex.com");
        User eve = new User("eve", "eve@ex.com");
        tour.await(sessions.inTransaction(session -> {
            session.addAll(List.of(dora, eve));
            tour.println("After addAll: newObjects() = " + session.newObjects() + ", dirty() = " + session.dirty()
                    + ", deleted() = " + session.deleted());
            tour.expect(session.newObjects().equals(List.of(dora, eve)), "day 6 newObjects()", "newObjects() = " + session.newObjects());
            return session.flush().then(Mono.fromRunnable(() -> {
                dora.email = "dora@newco.com";
                session.delete(eve);
                tour.println("After a flush, a change to dora and delete(eve): newObjects() = " + session.newObjects()
                        + ", dirty() = " + session.dirty() + ", deleted() = " + session.deleted());
                tour.expect(session.newObjects().isEmpty() && session.dirty().equals(List.of(dora))
                                && session.deleted().equals(List.of(eve)), "day 6 bookkeeping",
                        "newObjects() = " + session.newObjects() + ", dirty() = " + session.dirty() + ", deleted() = " + session.deleted());
            }));
        }).thenReturn(true));
        tour.println("inTransaction committed: dora is " + Session.state(dora) + ", eve is " + Session.state(eve));
        tour.expect(Session.state(dora) == DETACHED && Session.state(eve) == DETACHED, "day 6 after inTransaction",
                "dora " + Session.state(dora) + ", eve " + Session.state(eve));

        tour.println("\n--- expire and refresh ---");
        tour.await(sessions.withSession(session -> session.getOne(User.class, dora.id).flatMap(loaded -> {
            session.expire(loaded);
            tour.println("After expire: isExpired = " + session.isExpired(loaded) + ", username reads " + loaded.username
                    + " until reloaded");
            return session.getOne(User.class, dora.id).flatMap(again -> {
                tour.println("get() of an expired object reloads it: same instance = " + (again == loaded)
                        + ", username = " + loaded.username + ", isExpired = " + session.isExpired(loaded));
                tour.expect(again == loaded && "dora".equals(loaded.username), "day 6 reload after expire",
                        "username " + loaded.username);
                loaded.username = "dora-typo";
                tour.println("Changed username to " + loaded.username + ": dirty() = " + session.dirty());
                return session.refresh(loaded);
            }).doOnNext(refreshed -> {
                tour.println("refresh() discards the unflushed change: username = " + refreshed.username
                        + ", dirty() = " + session.dirty());
                tour.expect("dora".equals(refreshed.username) && session.dirty().isEmpty(), "day 6 refresh",
                        "username " + refreshed.username + ", dirty() = " + session.dirty());
            });
        })));

        tour.println("\n--- merge a detached object ---");
        dora.email = "dora@merged.com";
        tour.println("Detached dora (" + Session.state(dora) + ") gets email " + dora.email + " outside any session");
        tour.await(sessions.withSession(session -> session.merge(dora).flatMap(merged -> {
            tour.println("merge(dora) returns the session's own instance: same object = " + (merged == dora)
                    + ", merged is " + Session.state(merged) + ", dora stays " + Session.state(dora)
                    + "; dirty() = " + session.dirty());
            tour.expect(merged != dora && Session.state(merged) == PERSISTENT && Session.state(dora) == DETACHED
                    && session.dirty().equals(List.of(merged)), "day 6 merge",
                    "merged " + Session.state(merged) + ", dora " + Session.state(dora) + ", dirty() = " + session.dirty());
            return session.commit();
        }).thenReturn(true)));
        String email = tour.await(sessions.withSession(session -> session.getOne(User.class, dora.id).map(user -> user.email)));
        tour.println("After the commit a new session reads dora's email as " + email);
        tour.expect("dora@merged.com".equals(email), "day 6 merge commit", "email " + email);
    }

    /** Prints the object's state, id and whether {@code session} holds it, and checks the state. */
    private void show(String step, User user, Session session, ObjectState expected) {
        ObjectState state = Session.state(user);
        tour.println(step + ": State = " + state + ", ID = " + user.id + ", in session: " + (session.contains(user) ? "yes" : "no"));
        tour.expect(state == expected, "day 6 step '" + step.strip() + "'", "state " + state + ", expected " + expected);
    }
}
