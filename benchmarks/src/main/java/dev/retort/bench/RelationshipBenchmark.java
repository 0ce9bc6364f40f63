package dev.retort.bench;

import dev.retort.bench.Model.Author;
import dev.retort.bench.States.OrmState;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortState;
import dev.retort.orm.session.SessionFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Suite 4: {@value Model#AUTHORS} authors with their {@value Model#BOOKS_PER_AUTHOR} books each,
 * read from {@code bench_author} and {@code bench_book} by every variant: the hand-written
 * two-query raw version (the baseline), raw and Core N+1, Core two queries, and the ORM's loaders
 * over the same tables ({@link Model.AuthorEntity} / {@link Model.BookEntity}, a one-to-many with
 * its many-to-one back). Every variant returns the sum of {@code pages} read from each book it
 * loaded. {@link SqlCheck} runs the ORM variants once before measuring and fails the run unless the
 * server counted the SELECTs given on each.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class RelationshipBenchmark {

    /** Raw driver, two queries: authors, then {@code author_id IN (…)}, grouped by hand. */
    @Benchmark
    public long raw(RawState raw) {
        return Raw.authorsTwoQueries(raw.pool).map(Model::pages).block();
    }

    /** Raw driver, N+1: one query per author on the same connection. */
    @Benchmark
    public long rawNPlusOne(RawState raw) {
        return Raw.authorsNPlusOne(raw.pool).map(Model::pages).block();
    }

    /** Retort Core, N+1 inside {@code engine.connect}: authors, then one bound query per author. */
    @Benchmark
    public long coreNPlusOne(RetortState retort) {
        return retort.engine.connect(connection -> connection.execute(Queries.AUTHORS).map(Queries::author)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(author -> connection.execute(Queries.BOOKS_OF, Map.of("author", author.id()))
                        .map(Queries::book).collectList()
                        .map(books -> new Model.AuthorBooks(author, books)))
                .collectList()
                .map(Model::pages)).block();
    }

    /** Retort Core, two queries inside {@code engine.connect}: authors, then {@code authorId.in(ids)}. */
    @Benchmark
    public long coreTwoQuery(RetortState retort) {
        return retort.engine.connect(connection -> connection.execute(Queries.AUTHORS).map(Queries::author)
                .collectList()
                .flatMap(authors -> connection.execute(Queries.booksOf(authors.stream().map(Author::id).toList()))
                        .map(Queries::book).collectList()
                        .map(books -> Model.pages(Raw.group(authors, books))))).block();
    }

    /** Retort ORM, {@code selectinload}: 2 SELECTs. See {@link #selectin}. */
    @Benchmark
    public long ormSelectin(OrmState orm) {
        return selectin(orm.sessions).block();
    }

    /** Retort ORM, {@code joinedload}: 1 SELECT of one row per book. See {@link #joined}. */
    @Benchmark
    public long ormJoined(OrmState orm) {
        return joined(orm.sessions).block();
    }

    /** Retort ORM, N+1: the authors, then {@code session.load(author, AUTHOR_BOOKS)} for each. See {@link #nPlusOne}. */
    @Benchmark
    public long ormNPlusOne(OrmState orm) {
        return nPlusOne(orm.sessions).block();
    }

    /**
     * {@code session.execute(select(AuthorEntity.class).orderBy(id).options(selectinload(AUTHOR_BOOKS))).all()}
     * in a new session: the same two statements as {@link #raw}.
     */
    static Mono<Long> selectin(SessionFactory sessions) {
        return sessions.withSession(session -> session.execute(Queries.ORM_AUTHORS_SELECTIN).all().map(Model::entityPages));
    }

    /** {@code session.execute(select(AuthorEntity.class).orderBy(id).options(joinedload(AUTHOR_BOOKS))).all()}. */
    static Mono<Long> joined(SessionFactory sessions) {
        return sessions.withSession(session -> session.execute(Queries.ORM_AUTHORS_JOINED).all().map(Model::entityPages));
    }

    /** The authors, then {@code session.load(author, AUTHOR_BOOKS)} one after the other: 1 + {@value Model#AUTHORS} statements. */
    static Mono<Long> nPlusOne(SessionFactory sessions) {
        return sessions.withSession(session -> session.execute(Queries.ORM_AUTHORS).all()
                .flatMap(authors -> Flux.fromIterable(authors)
                        .concatMap(author -> session.load(author, Model.AUTHOR_BOOKS))
                        .then(Mono.fromSupplier(() -> Model.entityPages(authors)))));
    }
}
