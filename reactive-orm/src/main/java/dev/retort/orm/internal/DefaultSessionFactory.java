package dev.retort.orm.internal;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import dev.retort.orm.session.SessionOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs work in a {@link DefaultSession} over a connection from {@link Engine#connect}: the engine
 * gives the connection back (rolling back anything uncommitted) after the session is closed, on
 * complete, error and cancel.
 */
public final class DefaultSessionFactory implements SessionFactory {

    private final Engine engine;
    private final Mapping mapping;
    private final SessionOptions options;

    public DefaultSessionFactory(Engine engine, Mapping mapping, SessionOptions options) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public <T> Mono<T> inTransaction(Function<? super Session, ? extends Mono<T>> work) {
        return engine.connect(connection -> run(new DefaultSession(connection, this), work, true));
    }

    @Override
    public <T> Flux<T> inTransactionMany(Function<? super Session, ? extends Publisher<T>> work) {
        return engine.connectMany(connection -> runMany(new DefaultSession(connection, this), work, true));
    }

    @Override
    public <T> Mono<T> withSession(Function<? super Session, ? extends Mono<T>> work) {
        return engine.connect(connection -> run(new DefaultSession(connection, this), work, false));
    }

    @Override
    public <T> Flux<T> withSessionMany(Function<? super Session, ? extends Publisher<T>> work) {
        return engine.connectMany(connection -> runMany(new DefaultSession(connection, this), work, false));
    }

    /** Work, then commit (when asked) and close before the value reaches the subscriber. */
    private static <T> Mono<T> run(DefaultSession session, Function<? super Session, ? extends Mono<T>> work, boolean commit) {
        return Mono.defer(() -> Objects.requireNonNull(work.apply(session), "the session work returned null"))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(value -> session.finish(commit).then(Mono.justOrEmpty(value)))
                .onErrorResume(error -> session.abandon(commit).then(Mono.error(error)))
                .doOnCancel(session::detachAll);
    }

    private static <T> Flux<T> runMany(DefaultSession session, Function<? super Session, ? extends Publisher<T>> work,
            boolean commit) {
        return Flux.defer(() -> Objects.requireNonNull(work.apply(session), "the session work returned null"))
                .concatWith(Mono.defer(() -> session.finish(commit)).then(Mono.empty()))
                .onErrorResume(error -> session.abandon(commit).then(Mono.error(error)))
                .doOnCancel(session::detachAll);
    }

    @Override
    public Mapping mapping() {
        return mapping;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public SessionOptions options() {
        return options;
    }
}
