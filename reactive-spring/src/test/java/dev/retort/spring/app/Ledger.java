package dev.retort.spring.app;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service whose {@code @Transactional} methods write through Retort Core ({@code ledger}
 * table) and the ORM ({@link Note}) in one Spring transaction.
 */
public class Ledger {

    private final Engine engine;
    private final SessionFactory sessions;
    private final DatabaseClient client;

    public Ledger(Engine engine, SessionFactory sessions, io.r2dbc.spi.ConnectionFactory connectionFactory) {
        this.engine = engine;
        this.sessions = sessions;
        this.client = DatabaseClient.create(connectionFactory);
    }

    /** One row through Core, one object through an ORM session; then fails when asked. */
    @Transactional
    public Mono<Void> write(String name, boolean fail) {
        return writeUntransactional(name, fail);
    }

    /** The same work without a transaction of its own (for {@code TransactionalOperator}). */
    public Mono<Void> writeUntransactional(String name, boolean fail) {
        return engine.execute(text("INSERT INTO ledger (name) VALUES (:name)"), Map.of("name", name)).rowcount()
                .then(sessions.inTransaction(session -> {
                    session.add(new Note(name));
                    return session.flush();
                }))
                .then(fail ? Mono.error(new IllegalStateException("boom: " + name)) : Mono.empty());
    }

    /**
     * The server's connection id as seen by each way of running SQL, one after another, inside one
     * Spring transaction: engine.execute, engine.stream, engine.connect, engine.transaction, an ORM session,
     * Spring's DatabaseClient, plus how many connections the engine had checked out meanwhile.
     */
    @Transactional
    public Mono<List<Long>> connectionIds() {
        Mono<Long> executed = engine.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class);
        Mono<Long> streamed = engine.stream(text("SELECT CONNECTION_ID()")).map(row -> row.get(0, Long.class)).single();
        Mono<Long> connected = engine.connect(c -> c.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class));
        Mono<Long> transacted = engine.transaction(c -> c.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class));
        Mono<Long> session = sessions.withSession(s -> s.execute(text("SELECT CONNECTION_ID()")).scalar(Long.class));
        Mono<Long> spring = client.sql("SELECT CONNECTION_ID()").map(row -> row.get(0, Long.class)).one();
        Mono<Long> checkedOut = Mono.fromSupplier(() -> (long) engine.poolStatus().checkedOut());
        return Flux.concat(executed, streamed, connected, transacted, session, spring, checkedOut).collectList();
    }

    /** A nested Retort transaction that writes, then the Spring transaction fails. */
    @Transactional
    public Mono<Void> nestedRetortTransactionThenFail(String name) {
        return engine.transaction(c -> c.execute(text("INSERT INTO ledger (name) VALUES (:name)"), Map.of("name", name))
                        .rowcount())
                .then(engine.connect(c -> c.execute(text("INSERT INTO ledger (name) VALUES ('committed?')")).rowcount()
                        .then(c.commit())))
                .then(Mono.error(new IllegalStateException("outer fails")));
    }

    /** Retort work that rolls back inside a Spring transaction that would otherwise commit. */
    @Transactional
    public Mono<Long> retortRollsBack(String name) {
        return engine.connect(c -> c.execute(text("INSERT INTO ledger (name) VALUES (:name)"), Map.of("name", name))
                .rowcount()
                .flatMap(count -> c.rollback().thenReturn(count)));
    }

    /** A read-only Spring transaction that tries to write. */
    @Transactional(readOnly = true)
    public Mono<Long> writeInReadOnly(String name) {
        return engine.execute(text("INSERT INTO ledger (name) VALUES (:name)"), Map.of("name", name)).rowcount();
    }
}
