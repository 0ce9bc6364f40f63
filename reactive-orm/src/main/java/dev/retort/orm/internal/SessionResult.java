package dev.retort.orm.internal;

import dev.retort.core.result.Result;
import dev.retort.core.result.Row;
import dev.retort.core.sql.Executable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A core statement run on the session's connection as one guarded operation, after an autoflush. */
final class SessionResult implements Result {

    private final DefaultSession session;
    private final Executable statement;

    SessionResult(DefaultSession session, Executable statement) {
        this.session = session;
        this.statement = statement;
    }

    private <T> Mono<T> mono(Function<Result, Mono<T>> read) {
        return session.guarded("execute", () -> session.autoflush().then(Mono.defer(() -> read.apply(session.connection.execute(statement)))));
    }

    private <T> Flux<T> flux(Function<Result, Flux<T>> read) {
        return session.guardedMany("execute", () -> session.autoflush().thenMany(Flux.defer(() -> read.apply(session.connection.execute(statement)))));
    }

    @Override
    public Flux<Row> rows() {
        return flux(Result::rows);
    }

    @Override
    public <T> Flux<T> map(Function<? super Row, ? extends T> mapper) {
        return flux(result -> result.map(mapper));
    }

    @Override
    public Mono<List<Row>> all() {
        return mono(Result::all);
    }

    @Override
    public Mono<Row> first() {
        return mono(Result::first);
    }

    @Override
    public Mono<Row> one() {
        return mono(Result::one);
    }

    @Override
    public Mono<Row> oneOrNone() {
        return mono(Result::oneOrNone);
    }

    @Override
    public <T> Mono<T> scalar(Class<T> type) {
        return mono(result -> result.scalar(type));
    }

    @Override
    public <T> Mono<T> scalarOne(Class<T> type) {
        return mono(result -> result.scalarOne(type));
    }

    @Override
    public <T> Flux<T> scalars(Class<T> type) {
        return flux(result -> result.scalars(type));
    }

    @Override
    public Flux<Map<String, @Nullable Object>> mappings() {
        return flux(Result::mappings);
    }

    @Override
    public Mono<Long> rowcount() {
        return mono(Result::rowcount);
    }

    @Override
    public Flux<Long> generatedKeys(String keyColumn) {
        return flux(result -> result.generatedKeys(keyColumn));
    }
}
