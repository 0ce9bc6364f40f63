package dev.retort.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.retort.core.pool.PoolStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.SignalType;

/**
 * {@code GET /posts/stream}: every post, in key order, with its author and exactly its tags; and a
 * client that reads a few lines and goes away while the server is mid-stream, after which the
 * server's connection is back in the pool and its transaction rolled back.
 *
 * <p>The data set, written with SQL for speed, is large enough that the server cannot have written
 * it all into socket buffers when the client stops reading: {@value #POSTS} posts of
 * {@value #BODY_LENGTH} characters (about 30 MB of NDJSON, 20 pages of the session's 500).
 */
class BlogStreamTest {

    static final int POSTS = 10_000;
    static final int BODY_LENGTH = 3_000;
    static final int TAGS = 10;
    /** The session reads posts in pages of its batch size. */
    static final int PAGE = 500;

    private static BlogTestApp app;
    private static int author;

    @BeforeAll
    static void start() {
        app = BlogTestApp.start("stream");
        app.sql("INSERT INTO users (username, display_name) VALUES ('streamer', 'The Streamer')");
        author = (int) app.count("SELECT id FROM users WHERE username = 'streamer'");
        app.sql("INSERT INTO tags (name) VALUES " + String.join(", ",
                IntStream.range(0, TAGS).mapToObj(k -> "('tag-" + k + "')").toList()));
        String digit = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        // post n (0 ≤ n < POSTS): title "Post n", a body of one letter, tags per tagsOf(n)
        app.sql("INSERT INTO posts (title, body, author_id) SELECT CONCAT('Post ', n), REPEAT(CHAR(97 + n % 26), " + BODY_LENGTH + "), "
                + author + " FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d AS n FROM " + digit + " a, " + digit + " b, "
                + digit + " c, " + digit + " e) numbers WHERE n < " + POSTS + " ORDER BY n");
        app.sql("INSERT INTO post_tags (post_id, tag_id) SELECT DISTINCT p.id, t.id FROM posts p JOIN tags t"
                + " ON t.name IN (CONCAT('tag-', CAST(SUBSTRING(p.title, 6) AS UNSIGNED) % 10),"
                + " CONCAT('tag-', (CAST(SUBSTRING(p.title, 6) AS UNSIGNED) DIV 10) % 10))"
                + " WHERE CAST(SUBSTRING(p.title, 6) AS UNSIGNED) % 7 <> 0");
        assertThat(app.count("SELECT COUNT(*) FROM posts")).isEqualTo(POSTS);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** The tag names post {@code n} carries, sorted: its last two digits, none for multiples of 7. */
    static List<String> tagsOf(int n) {
        if (n % 7 == 0) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>(List.of("tag-" + n % 10, "tag-" + (n / 10) % 10));
        return List.copyOf(names);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void streamsEveryPostWithItsTags() throws InterruptedException {
        long firstId = app.count("SELECT MIN(id) FROM posts");
        AtomicInteger seen = new AtomicInteger();
        int[] previousId = {0};
        app.client.get().uri("/posts/stream").accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(PostView.class)
                .getResponseBody()
                .doOnNext(post -> {
                    int n = Integer.parseInt(post.title().substring("Post ".length()));
                    assertThat(post.id()).as("key order").isGreaterThan(previousId[0]).isEqualTo(firstId + n);
                    previousId[0] = post.id();
                    assertThat(post.body()).hasSize(BODY_LENGTH).startsWith(String.valueOf((char) ('a' + n % 26)).repeat(3));
                    assertThat(post.author()).isEqualTo(new UserView(author, "streamer", "The Streamer"));
                    assertThat(post.tags()).extracting(TagView::name).as("tags of post %d", n).containsExactlyElementsOf(tagsOf(n));
                    assertThat(post.createdAt()).isNotNull();
                    seen.incrementAndGet();
                })
                .then()
                .block(Duration.ofMinutes(2));
        assertThat(seen).hasValue(POSTS);
        assertThat(app.awaitPoolIdle(Duration.ofSeconds(5)).checkedOut()).isZero();
    }

    /**
     * Reads the first lines, then stops asking for more: the server must stop too (backpressure:
     * it holds its connection and reads no further page while the client does not read). Then the
     * client cancels (closes the connection): the server's subscription is cancelled, the session's
     * transaction rolled back and the connection given back within a short bound.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void clientThatCancelsMidStreamReleasesTheConnection() throws InterruptedException {
        Logger engineLog = (Logger) LoggerFactory.getLogger("dev.retort.engine");
        ListAppender<ILoggingEvent> statements = new ListAppender<>();
        statements.start();
        Level level = engineLog.getLevel();
        boolean additive = engineLog.isAdditive();
        engineLog.addAppender(statements);
        engineLog.setLevel(Level.DEBUG);
        engineLog.setAdditive(false);
        LineReader reader = new LineReader(3);
        try {
            WebClient.create(app.baseUrl()).get().uri("/posts/stream").accept(MediaType.APPLICATION_NDJSON)
                    .retrieve()
                    .bodyToFlux(DataBuffer.class)
                    .subscribe(reader);
            assertThat(reader.awaitLines(Duration.ofSeconds(60))).as("first lines arrived").isTrue();
            assertThat(reader.lines.get(0)).startsWith("{\"id\":").contains("\"title\":\"Post 0\"");

            // the client reads nothing more: once the socket buffers are full the server stalls
            // mid-stream, holding its connection; filling them takes longer on a loaded machine, so
            // wait until no page has been read for a second (at most 20 s), then check it stays so
            int pagesBefore = awaitNoNewPage(statements, Duration.ofSeconds(20));
            TimeUnit.MILLISECONDS.sleep(1_000);
            int pagesAfter = pageQueries(statements);
            PoolStatus streaming = app.engine.poolStatus();
            assertThat(streaming.checkedOut()).as("the stream still holds its connection (mid-stream): %s", streaming).isOne();
            assertThat(pagesAfter).as("pages read while the client did not read").isEqualTo(pagesBefore)
                    .as("pages read of %d", POSTS / PAGE).isBetween(1, POSTS / PAGE - 2);
            int eventsBeforeCancel = statements.list.size();

            long cancelled = System.nanoTime();
            reader.cancel();
            PoolStatus after = app.awaitPoolIdle(Duration.ofSeconds(10));
            System.out.printf("Stream cancelled after %d lines with %d of %d pages read; connection back in %d ms%n",
                    reader.lines.size(), pagesAfter, POSTS / PAGE, (System.nanoTime() - cancelled) / 1_000_000);
            assertThat(after.checkedOut()).as("checked out after the cancel: %s", after).isZero();
            assertThat(after.pending()).isZero();

            List<String> afterCancel = messages(statements).subList(eventsBeforeCancel, statements.list.size());
            assertThat(afterCancel).as("statements after the cancel").anyMatch(message -> message.startsWith("[blog] ROLLBACK"))
                    .noneMatch(message -> message.contains("COMMIT"));
            assertThat(pageQueries(statements)).as("no page read after the cancel").isEqualTo(pagesAfter);
        } finally {
            reader.cancel();
            engineLog.detachAppender(statements);
            engineLog.setLevel(level);
            engineLog.setAdditive(additive);
        }
        // no transaction of the application's is left open on the server, and the pool serves the next request
        assertThat(app.count("SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p"
                + " ON p.ID = t.trx_mysql_thread_id WHERE p.DB = '" + app.database + "'")).isZero();
        app.client.get().uri("/posts?size=1").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).startsWith("{\"items\":["));
        assertThat(app.awaitPoolIdle(Duration.ofSeconds(5)).checkedOut()).isZero();
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        synchronized (appender.list) {
            return new ArrayList<>(appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        }
    }

    /** Waits until no page query has been logged for a second; returns the count then, or fails after {@code timeout}. */
    private static int awaitNoNewPage(ListAppender<ILoggingEvent> appender, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int pages = pageQueries(appender);
        while (System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1_000);
            int now = pageQueries(appender);
            if (now == pages) {
                return now;
            }
            pages = now;
        }
        throw new AssertionError("the server kept reading pages for " + timeout + " while the client read nothing (" + pages + " so far)");
    }

    /** SELECTs of a page of posts by the application's engine (named "blog"), not the selectin loads of users and tags. */
    private static int pageQueries(ListAppender<ILoggingEvent> appender) {
        return (int) messages(appender).stream()
                .filter(message -> message.startsWith("[blog] SELECT") && message.contains("FROM posts") && message.contains("LIMIT"))
                .count();
    }

    /** Asks for one buffer at a time until it has {@code wanted} complete lines, then asks for nothing. */
    static final class LineReader extends BaseSubscriber<DataBuffer> {
        private final int wanted;
        private final StringBuilder text = new StringBuilder();
        final List<String> lines = new ArrayList<>();
        private final CountDownLatch done = new CountDownLatch(1);

        LineReader(int wanted) {
            this.wanted = wanted;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(1);
        }

        @Override
        protected void hookOnNext(DataBuffer buffer) {
            try {
                text.append(buffer.toString(StandardCharsets.UTF_8));
            } finally {
                DataBufferUtils.release(buffer);
            }
            int end;
            while (lines.size() < wanted && (end = text.indexOf("\n")) >= 0) {
                lines.add(text.substring(0, end));
                text.delete(0, end + 1);
            }
            if (lines.size() < wanted) {
                request(1);
            } else {
                done.countDown();
            }
        }

        @Override
        protected void hookFinally(SignalType type) {
            done.countDown();
        }

        boolean awaitLines(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && lines.size() == wanted;
        }
    }
}
