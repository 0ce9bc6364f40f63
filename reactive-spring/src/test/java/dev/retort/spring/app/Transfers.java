package dev.retort.spring.app;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.orm.session.SessionFactory;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** The README's "Spring Boot" example, compiled and run by {@code SpringTransactionTest}. */
@Service
public class Transfers {
    private final Engine engine;
    private final SessionFactory sessions;

    public Transfers(Engine engine, SessionFactory sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    @Transactional // one transaction: both writes commit together or not at all
    public Mono<Void> record(String name) {
        return engine.execute(text("INSERT INTO ledger (name) VALUES (:name)"), Map.of("name", name)).rowcount()
                .then(sessions.inTransaction(session -> {
                    session.add(new Note(name));
                    return session.flush();
                }));
    }
}
