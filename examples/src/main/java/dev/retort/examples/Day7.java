package dev.retort.examples;

import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.literal;
import static dev.retort.orm.Orm.delete;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.update;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.expression.Expression;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.query.EntityUpdate;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Day 7: ORM CRUD and transactions, as a small contacts manager over {@link Contact} and
 * {@link LogEntry} (the {@code logs} table the tutorial inserts into but never creates). Each
 * operation is one {@code inTransaction}: add, list, update, delete, a bulk UPDATE that moves
 * e-mail addresses to a new domain with SQL {@code REPLACE} (every value bound), a bulk DELETE,
 * and a contact added together with its log row: committed together, and rolled back together
 * when the second step fails.
 */
final class Day7 {

    /**
     * The day's classes, mapped together into one {@code MetaData}; typed columns come from the
     * generated metamodel ({@code Contact_.EMAIL}).
     */
    static final Mapping MAPPING = Mapping.of(Contact.class, LogEntry.class);


    private record BulkUpdate(long count, String loadedEmail) {
    }

    private record BulkDelete(long count, String states) {
    }

    private record Welcome(Contact contact, LogEntry log) {
    }

    private final Tour tour;

    Day7(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 7 - ORM CRUD and transactions: a contacts manager");
        Engine engine = tour.engine("contacts", options -> options);
        try {
            tour.await(MAPPING.createAll(engine).thenReturn(true));
            tour.println("Tables contacts and logs created");
            SessionFactory sessions = SessionFactory.of(engine, MAPPING);

            tour.println("\n--- Add and list ---");
            Contact alice = addContact(sessions, "Alice", "alice@ex.com", "123-456");
            Contact bob = addContact(sessions, "Bob", "bob@ex.com", "789-012");
            listContacts(sessions, "ID: 1, Alice - alice@ex.com (123-456)", "ID: 2, Bob - bob@ex.com (789-012)");

            tour.println("\n--- Update ---");
            updatePhone(sessions, alice.id, "999-888", "Alice");
            listContacts(sessions, "ID: 1, Alice - alice@ex.com (999-888)", "ID: 2, Bob - bob@ex.com (789-012)");
            updatePhone(sessions, 99, "000-000", null);

            tour.println("\n--- Delete ---");
            remove(sessions, bob.id);
            listContacts(sessions, "ID: 1, Alice - alice@ex.com (999-888)");

            tour.println("\n--- Bulk update: e-mail domain ex.com -> newco.com ---");
            bulkUpdateDomain(engine, sessions, alice.id);
            listContacts(sessions, "ID: 1, Alice - alice@newco.com (999-888)");

            tour.println("\n--- Bulk delete: contacts without a phone ---");
            importWithoutPhone(sessions);
            listContacts(sessions, "ID: 1, Alice - alice@newco.com (999-888)", "ID: 3, Erin - erin@old.org (No phone)",
                    "ID: 4, Frank - frank@old.org (No phone)");
            bulkDeleteWithoutPhone(sessions);
            listContacts(sessions, "ID: 1, Alice - alice@newco.com (999-888)");

            tour.println("\n--- One transaction, two operations: a contact and its log row ---");
            welcome(sessions);
            failedWelcome(sessions);
            listContacts(sessions, "ID: 1, Alice - alice@newco.com (999-888)", "ID: 5, Charlie - charlie@newco.com (No phone)");
            logs(sessions);
        } catch (RuntimeException e) {
            tour.println("❌ Day 7 failed: " + Tour.firstLine(e));
            tour.fail("day 7", e);
        } finally {
            try {
                tour.await(MAPPING.dropAll(engine).thenReturn(true));
                tour.println("\n✅ Contacts manager complete; tables contacts and logs dropped (the echo log shows every statement)");
            } catch (RuntimeException e) {
                tour.fail("day 7 dropAll", e);
            }
            Tour.dispose(engine);
        }
    }

    /** CREATE: the commit at the end of {@code inTransaction} flushes the INSERT and writes the id back. */
    private Contact addContact(SessionFactory sessions, String name, String email, String phone) {
        Contact contact = tour.await(sessions.inTransaction(session -> Mono.just(session.add(new Contact(name, email, phone)))));
        tour.println("Added: " + contact.name + " (ID: " + contact.id + ")");
        return contact;
    }

    /** READ: every contact in id order, printed, and checked against {@code expected}. */
    private void listContacts(SessionFactory sessions, String... expected) {
        List<Contact> contacts = tour.await(sessions.withSession(session ->
                session.scalars(select(Contact.class).orderBy(Contact_.ID)).collectList()));
        List<String> lines = contacts.stream()
                .map(c -> "ID: " + c.id + ", " + c.name + " - " + c.email + " (" + (c.phone != null ? c.phone : "No phone") + ")")
                .toList();
        lines.forEach(tour::println);
        tour.expect(lines.equals(List.of(expected)), "day 7 list", lines + ", expected " + List.of(expected));
    }

    /** UPDATE: change a loaded contact's field; the commit flushes an UPDATE of that column only. */
    private void updatePhone(SessionFactory sessions, Integer id, String phone, String expectedName) {
        String name = tour.await(sessions.inTransaction(session -> session.get(Contact.class, id).map(contact -> {
            contact.phone = phone;
            return contact.name;
        })));
        tour.println(name != null ? "Updated: " + name : "Contact not found (ID: " + id + ")");
        tour.expect(Objects.equals(name, expectedName), "day 7 update " + id, "updated " + name);
    }

    /** DELETE: mark the loaded contact deleted; the commit flushes the DELETE. */
    private void remove(SessionFactory sessions, Integer id) {
        String name = tour.await(sessions.inTransaction(session -> session.get(Contact.class, id).map(contact -> {
            session.delete(contact);
            return contact.name;
        })));
        tour.println(name != null ? "Deleted: " + name : "Contact not found (ID: " + id + ")");
        tour.expect(name != null, "day 7 delete", "contact " + id + " not found");
    }

    /**
     * Bulk UPDATE {@code SET email = REPLACE(email, '@ex.com', '@newco.com') WHERE email LIKE
     * '%@ex.com'}, with both domains and the pattern bound. Alice is loaded in the session first,
     * to show the statement bringing her object in step.
     */
    private void bulkUpdateDomain(Engine engine, SessionFactory sessions, Integer aliceId) {
        String oldDomain = "@ex.com";
        String newDomain = "@newco.com";
        Expression<String> replaced = func.call("REPLACE", Contact_.EMAIL.type(), Contact_.EMAIL,
                literal(oldDomain, Contact_.EMAIL.type()), literal(newDomain, Contact_.EMAIL.type()));
        EntityUpdate<Contact> moveDomain = update(Contact.class).where(Contact_.EMAIL.like("%" + oldDomain)).set(Contact_.EMAIL, replaced);

        Compiled compiled = moveDomain.toUpdate().compile(tour.await(engine.dialect()));
        tour.println("SQL: " + compiled.sql());
        tour.println("Parameters: " + compiled.presetValues());
        tour.expect(!compiled.sql().contains("ex.com") && !compiled.sql().contains("newco.com"), "day 7 bulk update SQL",
                "a domain was written into the SQL: " + compiled.sql());

        BulkUpdate result = tour.await(sessions.inTransaction(session -> session.getOne(Contact.class, aliceId)
                .flatMap(alice -> session.execute(moveDomain).map(count -> new BulkUpdate(count, alice.email)))));
        tour.println("Bulk updated " + result.count() + " emails");
        tour.println("Alice, loaded in that session before the UPDATE, reads " + result.loadedEmail() + " after it");
        tour.expect(result.count() == 1 && "alice@newco.com".equals(result.loadedEmail()), "day 7 bulk update",
                result.count() + " rows, loaded email " + result.loadedEmail());
    }

    /** Two contacts without a phone, added in one transaction with {@code addAll}. */
    private void importWithoutPhone(SessionFactory sessions) {
        List<Contact> imported = tour.await(sessions.inTransaction(session -> {
            List<Contact> contacts = List.of(new Contact("Erin", "erin@old.org", null), new Contact("Frank", "frank@old.org", null));
            session.addAll(contacts);
            return Mono.just(contacts);
        }));
        tour.println("Imported: " + imported.stream().map(c -> c.name + " (ID: " + c.id + ")").collect(Collectors.joining(", ")));
    }

    /**
     * Bulk DELETE of the contacts without a phone, in a session that has every contact loaded: the
     * matched objects become DELETED there without another query of theirs.
     */
    private void bulkDeleteWithoutPhone(SessionFactory sessions) {
        BulkDelete result = tour.await(sessions.inTransaction(session -> session.scalars(select(Contact.class).orderBy(Contact_.ID))
                .collectList()
                .flatMap(loaded -> session.execute(delete(Contact.class).where(Contact_.PHONE.isNull()))
                        .map(count -> new BulkDelete(count, loaded.stream()
                                .map(c -> c.name + " " + Session.state(c))
                                .collect(Collectors.joining(", ")))))));
        tour.println("Bulk deleted " + result.count() + " contacts without a phone; in that session: " + result.states());
        tour.expect(result.count() == 2 && result.states().equals("Alice PERSISTENT, Erin DELETED, Frank DELETED"),
                "day 7 bulk delete", result.count() + " rows, states " + result.states());
    }

    /** Step 1 adds the contact (flushed for its id), step 2 its log row; one commit writes both. */
    private void welcome(SessionFactory sessions) {
        Welcome done = tour.await(sessions.inTransaction(session -> {
            Contact charlie = session.add(new Contact("Charlie", "charlie@newco.com", null));
            return session.flush().then(Mono.fromSupplier(() -> new Welcome(charlie,
                    session.add(new LogEntry("Welcome email sent to " + charlie.name + " (contact " + charlie.id + ")")))));
        }));
        tour.println("Multi-op tx complete: contact " + done.contact().name + " (ID: " + done.contact().id
                + ") and log row " + done.log().id + " committed together");
    }

    /** The same two steps, with the log row failing (no message, a NOT NULL column): both roll back. */
    private void failedWelcome(SessionFactory sessions) {
        Contact dave = new Contact("Dave", "dave@newco.com", null);
        try {
            tour.await(sessions.inTransaction(session -> {
                session.add(dave);
                return session.flush().then(Mono.defer(() -> {
                    tour.println("Step 1 flushed: Dave has ID " + dave.id + " inside the transaction");
                    session.add(new LogEntry(null));
                    return session.flush();
                }));
            }));
            tour.expect(false, "day 7 failing transaction", "the log row without a message was accepted");
        } catch (IntegrityException e) {
            tour.println("Step 2 failed: " + e.getClass().getSimpleName() + ": " + Tour.firstLine(e));
        }
        List<Contact> daves = tour.await(sessions.withSession(session ->
                session.scalars(select(Contact.class).where(Contact_.EMAIL.eq("dave@newco.com"))).collectList()));
        ObjectState state = Session.state(dave);
        tour.println("Rolled back together: contacts with Dave's email in the database: " + daves.size()
                + "; the Dave object is " + state + " with ID " + dave.id);
        tour.expect(daves.isEmpty(), "day 7 rollback", "Dave's row survived the rollback");
        tour.expect(state == ObjectState.TRANSIENT && dave.id == null, "day 7 rolled-back object",
                "Dave is " + state + " with ID " + dave.id + ", expected TRANSIENT without an id (its row never committed)");
    }

    /** Every row of {@code logs}: only the committed welcome. */
    private void logs(SessionFactory sessions) {
        List<LogEntry> entries = tour.await(sessions.withSession(session ->
                session.scalars(select(LogEntry.class).orderBy(LogEntry_.ID)).collectList()));
        entries.forEach(entry -> tour.println("Log " + entry.id + ": " + entry.message));
        List<String> messages = entries.stream().map(entry -> entry.message).toList();
        tour.expect(messages.equals(List.of("Welcome email sent to Charlie (contact 5)")), "day 7 logs", "logs " + messages);
    }
}
