package dev.retort.bench;

import dev.retort.bench.Model.Author;
import dev.retort.bench.Model.AuthorBooks;
import dev.retort.bench.States.RawState;
import dev.retort.bench.States.RetortState;
import java.util.List;
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

/**
 * Suite 4: {@value Model#AUTHORS} authors with their {@value Model#BOOKS_PER_AUTHOR} books each.
 * The ORM's loaders (lazy N+1, selectin, joined) are not built yet (relationships are their own
 * issue); they join this suite later. Until then it holds the baselines that need no ORM
 * relationship: the hand-written two-query raw version, and N+1 / two queries with Retort Core.
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
    public List<AuthorBooks> raw(RawState raw) {
        return Raw.authorsTwoQueries(raw.pool).block();
    }

    /** Raw driver, N+1: one query per author on the same connection. */
    @Benchmark
    public List<AuthorBooks> rawNPlusOne(RawState raw) {
        return Raw.authorsNPlusOne(raw.pool).block();
    }

    /** Retort Core, N+1 inside {@code engine.connect}: authors, then one bound query per author. */
    @Benchmark
    public List<AuthorBooks> coreNPlusOne(RetortState retort) {
        return retort.engine.connect(connection -> connection.execute(Queries.AUTHORS).map(Queries::author)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(author -> connection.execute(Queries.BOOKS_OF, Map.of("author", author.id()))
                        .map(Queries::book).collectList()
                        .map(books -> new AuthorBooks(author, books)))
                .collectList()).block();
    }

    /** Retort Core, two queries inside {@code engine.connect}: authors, then {@code authorId.in(ids)}. */
    @Benchmark
    public List<AuthorBooks> coreTwoQuery(RetortState retort) {
        return retort.engine.connect(connection -> connection.execute(Queries.AUTHORS).map(Queries::author)
                .collectList()
                .flatMap(authors -> connection.execute(Queries.booksOf(authors.stream().map(Author::id).toList()))
                        .map(Queries::book).collectList()
                        .map(books -> Raw.group(authors, books)))).block();
    }
}
