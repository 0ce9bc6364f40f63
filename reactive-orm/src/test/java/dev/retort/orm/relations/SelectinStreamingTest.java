package dev.retort.orm.relations;

import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.retort.core.engine.Engine;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@code scalars()} with selectin levels: parents read in pages of {@code batchSize} (keyset on the
 * key, or LIMIT/OFFSET under a user ORDER BY), each page's children loaded before its objects are
 * emitted, demand reaching the database, memory flat when the consumer expunges, and cancel.
 */
@DatabaseTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelectinStreamingTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Column<Long> USER_ID = Metamodel.column(User.class, "id");
    static final Column<String> USER_NAME = Metamodel.column(User.class, "name");
    static final Column<Long> POST_USER_ID = Metamodel.column(Post.class, "userId");

    static final String FIRST_PAGE = "SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id LIMIT 500";
    static final String NEXT_PAGE = "SELECT rl_users.id, rl_users.name FROM rl_users WHERE rl_users.id > ? ORDER BY rl_users.id"
            + " LIMIT 500";
    static final String POSTS_OF_PAGE = "SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts WHERE rl_posts.user_id"
            + " IN " + Sqls.params(500) + " ORDER BY rl_posts.id";

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    SelectinStreamingTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Blog.MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Blog.MAPPING.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        Blog.clear(engine);
    }

    private int userPages() {
        return (int) log.statements("SELECT").stream().filter(sql -> sql.startsWith("SELECT rl_users.")).count();
    }

    private int postLoads() {
        return (int) log.statements("SELECT").stream().filter(sql -> sql.startsWith("SELECT rl_posts.")).count();
    }

    /** The user holds exactly its own two posts, each pointing back at it. */
    private static void assertOwnPosts(User user, int posts) {
        assertThat(user.posts.isLoaded()).isTrue();
        assertThat(user.posts).hasSize(posts);
        for (int p = 0; p < posts; p++) {
            Post post = user.posts.get(p);
            if (post.id != user.id * 100 + p || post.userId.longValue() != user.id || post.user.get() != user) {
                fail("user " + user.id + " holds post " + post.id + " of user " + post.userId);
            }
        }
    }

    /** Expunges the user and its posts (what a long stream's consumer does to keep memory flat). */
    private static void expunge(Session s, User user) {
        for (Post post : user.posts) {
            s.expunge(post);
        }
        s.expunge(user);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    // ---- paging and demand --------------------------------------------------------------------------

    @Test
    void tenThousandUsersStreamInKeysetPagesThatFollowDemand() {
        Blog.seed(engine, 10_000, 2, 0);
        log.clear();
        AtomicLong expected = new AtomicLong(1);
        List<String> midStream = new ArrayList<>();

        Flux<Long> ids = sessions.withSessionMany(s -> s.scalars(select(User.class).options(selectinload(POSTS)))
                .doOnNext(user -> {
                    assertThat(user.id).isEqualTo(expected.getAndIncrement());
                    assertOwnPosts(user, 2);
                    expunge(s, user);
                })
                .map(user -> user.id));

        StepVerifier.create(ids, 0)
                .thenRequest(250)
                .expectNextCount(250)
                .thenAwait(Duration.ofMillis(500))
                .then(() -> midStream.add("after 250: " + userPages() + " user pages, " + postLoads() + " post loads"))
                // consuming page 1: page 2's users were read as soon as page 1 was complete (one page ahead), its posts
                // wait until the consumer reaches it
                .then(() -> assertThat(userPages()).as("user pages while the first 250 were consumed").isEqualTo(2))
                .then(() -> assertThat(postLoads()).as("post loads while the first 250 were consumed").isEqualTo(1))
                .thenRequest(500)
                .expectNextCount(500)
                .thenAwait(Duration.ofMillis(500))
                .then(() -> midStream.add("after 750: " + userPages() + " user pages, " + postLoads() + " post loads"))
                .then(() -> assertThat(userPages()).as("user pages while the first 750 were consumed").isEqualTo(3))
                .then(() -> assertThat(postLoads()).as("post loads while the first 750 were consumed").isEqualTo(2))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(10_000 - 750)
                .verifyComplete();

        assertThat(expected.get()).isEqualTo(10_001);
        List<String> selects = log.statements("SELECT");
        // 20 full pages of 500 users, then one more page that comes back empty (a full page cannot tell it was the
        // last); 20 post loads (one per non-empty page, 500 user ids each); the empty page loads nothing
        assertThat(userPages()).isEqualTo(21);
        assertThat(postLoads()).isEqualTo(20);
        assertThat(selects).hasSize(41);
        assertThat(selects.get(0)).isEqualTo(FIRST_PAGE);
        assertThat(selects.get(1)).isEqualTo(POSTS_OF_PAGE);
        assertThat(selects.subList(2, 41)).containsOnly(NEXT_PAGE, POSTS_OF_PAGE);
        assertThat(selects.get(40)).isEqualTo(NEXT_PAGE);
        assertThat(midStream).containsExactly("after 250: 2 user pages, 1 post loads", "after 750: 3 user pages, 2 post loads");
    }

    @Test
    void aUserOrderByPagesWithLimitAndOffset() {
        Blog.seed(engine, 1200, 1, 0);
        log.clear();

        List<User> users = sessions.withSessionMany(s -> s.scalars(select(User.class).orderBy(USER_NAME.desc())
                .options(selectinload(POSTS)))).collectList().block();

        List<String> names = users.stream().map(user -> user.name).toList();
        assertThat(names).doesNotHaveDuplicates().hasSize(1200)
                .isSortedAccordingTo(java.util.Comparator.<String>reverseOrder());
        users.forEach(user -> assertOwnPosts(user, 1));
        assertThat(log.statements("SELECT")).filteredOn(sql -> sql.startsWith("SELECT rl_users.")).containsExactly(
                "SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.name DESC, rl_users.id LIMIT 500 OFFSET 0",
                "SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.name DESC, rl_users.id LIMIT 500 OFFSET 500",
                "SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.name DESC, rl_users.id LIMIT 500 OFFSET 1000");
        assertThat(postLoads()).isEqualTo(3);
    }

    @Test
    void aNonUniqueUserOrderByStillStreamsEveryUserOnce() {
        Blog.seed(engine, 3000, 1, 0);
        LoadModels.run(engine, "UPDATE rl_users SET name = CONCAT('n', id % 3)");
        log.clear();

        List<Long> ids = sessions.withSessionMany(s -> s.scalars(select(User.class).orderBy(USER_NAME)
                .options(selectinload(POSTS)))).map(user -> user.id).collectList().block();

        assertThat(ids).hasSize(3000).doesNotHaveDuplicates();
        // 1,000 users share each name: the key breaks the ties, so every page's statement sees one order
        assertThat(log.statements("SELECT")).filteredOn(sql -> sql.startsWith("SELECT rl_users.")).hasSize(7).allSatisfy(sql ->
                assertThat(sql).contains("ORDER BY rl_users.name, rl_users.id LIMIT 500 OFFSET "));
    }

    @Test
    void aLimitWithoutOrderByStreamsInKeyOrder() {
        Blog.seed(engine, 1500, 1, 0);
        log.clear();

        List<Long> ids = sessions.withSessionMany(s -> s.scalars(select(User.class).limit(1200).options(selectinload(POSTS))))
                .map(user -> user.id).collectList().block();

        assertThat(ids).hasSize(1200).doesNotHaveDuplicates();
        assertThat(log.statements("SELECT")).filteredOn(sql -> sql.startsWith("SELECT rl_users.")).allSatisfy(sql ->
                assertThat(sql).contains("ORDER BY rl_users.id"));
    }

    @Test
    void aStreamEqualsAllForAQueryJoiningRowsThatRepeatTheUser() {
        // each user appears once per post in the joined rows: the pages must not end early on fewer distinct users
        Blog.seed(engine, 1200, 2, 0);
        log.clear();

        List<Long> streamed = sessions.withSessionMany(s -> s.scalars(select(User.class).join(Post.class, POST_USER_ID.eq(USER_ID))
                .options(selectinload(POSTS)))).map(user -> user.id).collectList().block();
        List<Long> all = sessions.withSession(s -> s.execute(select(User.class).join(Post.class, POST_USER_ID.eq(USER_ID))
                .orderBy(USER_ID).options(selectinload(POSTS))).all()).block().stream().map(user -> user.id).toList();

        assertThat(all).hasSize(1200).doesNotHaveDuplicates();
        assertThat(streamed).containsExactlyElementsOf(all);
    }

    @Test
    void joinedCollectionsStreamInPagesToo() {
        Blog.seed(engine, 1200, 2, 0);
        log.clear();

        List<User> users = sessions.withSessionMany(s -> s.scalars(select(User.class).options(joinedload(POSTS)))).collectList()
                .block();

        assertThat(users).extracting(user -> user.id).doesNotHaveDuplicates().hasSize(1200).isSorted();
        users.forEach(user -> assertOwnPosts(user, 2));
        List<String> selects = log.statements("SELECT");
        assertThat(selects).hasSize(3);
        assertThat(selects.get(1)).isEqualTo("SELECT anon_1.id, anon_1.name, rl_posts_1.id, rl_posts_1.user_id, rl_posts_1.title"
                + " FROM (SELECT rl_users.id, rl_users.name FROM rl_users WHERE rl_users.id > ? ORDER BY rl_users.id LIMIT 500)"
                + " AS anon_1 LEFT OUTER JOIN rl_posts AS rl_posts_1 ON rl_posts_1.user_id = anon_1.id"
                + " ORDER BY anon_1.id, rl_posts_1.id");
    }

    // ---- memory ------------------------------------------------------------------------------------

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }

    /** Streams 10,000 users with their posts to a slow consumer; returns [growth at the last user, first user collected]. */
    private long[] streamSlowly(boolean expunge, List<String> samples) {
        sleep(200); // let the previous session's close finish before the baseline
        usedHeapAfterGc();
        long baseline = usedHeapAfterGc();
        AtomicLong consumed = new AtomicLong();
        AtomicLong atEnd = new AtomicLong();
        AtomicReference<WeakReference<User>> first = new AtomicReference<>();
        AtomicLong firstCollected = new AtomicLong(-1);
        Long count = sessions.withSessionMany(s -> s.scalars(select(User.class).options(selectinload(POSTS)))
                .limitRate(10)
                .publishOn(Schedulers.boundedElastic(), 10)
                .doOnNext(user -> {
                    long n = consumed.incrementAndGet();
                    assertOwnPosts(user, 2);
                    if (n == 1) {
                        first.set(new WeakReference<>(user));
                    }
                    if (expunge) {
                        expunge(s, user);
                    }
                    if (n <= 1000 && n % 10 == 0) {
                        sleep(1); // slow for the first two pages
                    }
                    if (n % 2500 == 0 || n == 10_000) {
                        long growth = usedHeapAfterGc() - baseline;
                        samples.add(n + ":" + mb(growth) + "MB");
                        if (n == 10_000) {
                            atEnd.set(growth);
                            firstCollected.set(first.get().get() == null ? 1 : 0);
                        }
                    }
                })
                .map(user -> user.id)).count().block(Duration.ofSeconds(90));
        assertThat(count).isEqualTo(10_000);
        return new long[] {atEnd.get(), firstCollected.get()};
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void expungingWhatWasConsumedKeepsTheHeapFlat() {
        Blog.seed(engine, 10_000, 2, 0);
        List<String> kept = new ArrayList<>();
        List<String> expunged = new ArrayList<>();
        // warm-up: classes, pools and JIT state out of the measurement
        streamSlowly(true, new ArrayList<>());

        long[] withExpunge = streamSlowly(true, expunged);
        long[] withoutExpunge = streamSlowly(false, kept);

        System.out.printf(Locale.ROOT, "[SelectinStreamingTest] used heap after GC vs. before the stream (10,000 users, 20,000 posts):"
                + " expunging %s (first user collected: %s); keeping everything %s%n", expunged, withExpunge[1] == 1, kept);
        // expunged: the session, the pages and the loaders hold nothing of what was consumed
        assertThat(withExpunge[1]).as("the first user was garbage-collected before the stream ended").isEqualTo(1);
        assertThat(withExpunge[0]).as("heap growth at the last user, expunging (bytes)").isLessThan(4L * 1024 * 1024);
        // the control: without expunge the identity map holds all 30,000 objects until the session ends
        assertThat(withoutExpunge[1]).isZero();
        assertThat(withoutExpunge[0]).as("heap growth keeping everything").isGreaterThan(withExpunge[0] + 4L * 1024 * 1024);
    }

    @Test
    void aRowByRowStreamWithAJoinedToOneHoldsNothingOfWhatWasConsumed() {
        // no selectin level and no joined collection: rows become objects one by one, without pages
        Blog.seed(engine, 2000, 2, 0);
        log.clear();
        AtomicReference<WeakReference<Post>> first = new AtomicReference<>();
        AtomicLong consumed = new AtomicLong();
        List<Boolean> collected = new ArrayList<>();

        Long count = sessions.withSessionMany(s -> s.scalars(select(Post.class).options(joinedload(Metamodel.relation(Post.class,
                        "user"))))
                .limitRate(10)
                .publishOn(Schedulers.boundedElastic(), 10)
                .doOnNext(post -> {
                    long n = consumed.incrementAndGet();
                    User user = post.user.get();
                    assertThat(user.id).isEqualTo(post.userId);
                    if (n == 1) {
                        first.set(new WeakReference<>(post));
                    }
                    s.expunge(post);
                    if (n % 2 == 0) {
                        s.expunge(user); // its second post came just before
                    }
                    if (n == 4000) {
                        usedHeapAfterGc();
                        collected.add(first.get().get() == null);
                    }
                })).count().block(Duration.ofSeconds(60));

        assertThat(count).isEqualTo(4000);
        assertThat(log.statements("SELECT")).containsExactly("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title,"
                + " rl_users_1.id, rl_users_1.name FROM rl_posts LEFT OUTER JOIN rl_users AS rl_users_1"
                + " ON rl_users_1.id = rl_posts.user_id");
        assertThat(collected).as("the first post was garbage-collected before the stream ended").containsExactly(true);
    }

    // ---- cancel ------------------------------------------------------------------------------------

    @Test
    void cancellingAStreamLeavesTheSessionUsableAndThePoolEmpty() throws InterruptedException {
        Blog.seed(engine, 2000, 2, 0);
        for (int take : new int[] {1, 499, 500, 501, 700, 1000, 1999}) {
            log.clear();
            List<User> after = sessions.withSession(s -> s.scalars(select(User.class).options(selectinload(POSTS)))
                    .take(take)
                    .doOnNext(user -> assertOwnPosts(user, 2))
                    .count()
                    .doOnNext(n -> assertThat(n).isEqualTo(take))
                    .then(s.execute(select(User.class).where(USER_ID.in(List.of(1L, 700L, 1500L, 2000L))).orderBy(USER_ID)
                            .options(selectinload(POSTS))).all()))
                    .block(Duration.ofSeconds(30));

            assertThat(after).as("take(%d)", take).extracting(user -> user.id).containsExactly(1L, 700L, 1500L, 2000L);
            after.forEach(user -> assertOwnPosts(user, 2));
            await("the connection to be checked in", () -> log.engine().poolStatus().checkedOut() == 0);
            assertThat(log.engine().poolStatus().checkedOut()).isZero();
        }
    }

    @Test
    void cancellingFromOutsideReturnsTheConnection() throws InterruptedException {
        Blog.seed(engine, 2000, 2, 0);
        log.clear();
        StepVerifier.create(sessions.withSessionMany(s -> s.scalars(select(User.class).options(selectinload(POSTS)))), 0)
                .thenRequest(600)
                .expectNextCount(600)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        await("the connection to be checked in", () -> log.engine().poolStatus().checkedOut() == 0);
        assertThat(log.all()).last().isEqualTo("ROLLBACK (reset)");
    }
}
