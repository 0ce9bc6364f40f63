package dev.retort.orm.session;

import dev.retort.core.engine.Engine;
import dev.retort.orm.internal.DefaultSessionFactory;
import dev.retort.orm.mapping.Mapping;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens sessions over an engine (SQLAlchemy's {@code sessionmaker}). A session lives exactly as
 * long as the function given here: it borrows one connection when the returned publisher is
 * subscribed and gives it back, after closing the session, on complete, error and cancel.
 *
 * <pre>{@code
 * SessionFactory sessions = SessionFactory.of(engine, Mapping.of(User.class));
 * Mono<Integer> id = sessions.inTransaction(s -> {
 *     User u = s.add(new User("alice"));
 *     return s.flush().then(Mono.fromSupplier(() -> u.id));
 * });
 * }</pre>
 */
public interface SessionFactory {

    /** Sessions with {@link SessionOptions#DEFAULTS}. */
    static SessionFactory of(Engine engine, Mapping mapping) {
        return of(engine, mapping, SessionOptions.DEFAULTS);
    }

    static SessionFactory of(Engine engine, Mapping mapping, SessionOptions options) {
        return new DefaultSessionFactory(engine, mapping, options);
    }

    /**
     * Runs {@code work} in a session and commits when it completes (flushing first); on error or
     * cancel everything is rolled back. The session is closed afterwards either way.
     */
    <T> Mono<T> inTransaction(Function<? super Session, ? extends Mono<T>> work);

    /** {@link #inTransaction} for work that emits many values; commits after the last one. */
    <T> Flux<T> inTransactionMany(Function<? super Session, ? extends Publisher<T>> work);

    /**
     * Runs {@code work} in a session that commits only when told ({@link Session#commit()}); what is
     * not committed when the work ends is rolled back. The session is closed afterwards.
     */
    <T> Mono<T> withSession(Function<? super Session, ? extends Mono<T>> work);

    /** {@link #withSession} for work that emits many values. */
    <T> Flux<T> withSessionMany(Function<? super Session, ? extends Publisher<T>> work);

    /** The mapping whose classes the sessions handle. */
    Mapping mapping();

    /** The engine the sessions borrow connections from. */
    Engine engine();

    SessionOptions options();
}
