package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static dev.retort.orm.relations.LoadModels.ACCOUNT;
import static dev.retort.orm.relations.LoadModels.ENTRIES;
import static dev.retort.orm.relations.LoadModels.PROFILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.Tag;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.relations.LoadModels.Account;
import dev.retort.orm.relations.LoadModels.Entry;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** {@code session.load}, {@code session.refresh(entity, attributes…)}, and many-to-ones filled without IO. */
@DatabaseTest
class SessionLoadRefreshTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");
    static final Relation<Post, User> USER = Metamodel.relation(Post.class, "user");
    static final Column<Long> USER_ID = Metamodel.column(User.class, "id");
    static final Column<Long> POST_USER_ID = Metamodel.column(Post.class, "userId");
    static final Column<Long> POST_ID = Metamodel.column(Post.class, "id");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory blog;
    private final SessionFactory accounts;

    SessionLoadRefreshTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        blog = SessionFactory.of(log.engine(), Blog.MAPPING);
        accounts = SessionFactory.of(log.engine(), LoadModels.ACCOUNTS);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Blog.MAPPING.createAll(db.engine()).block();
        LoadModels.ACCOUNTS.createAll(db.engine()).block();
    }

    /** Blog: users 1-3 with 3 posts each and 2 tags per post; account 1 "acc" with entries 10, 11, 12. */
    @BeforeEach
    void seed() {
        Blog.seed(engine, 3, 3, 2);
        LoadModels.run(engine, "DELETE FROM ld_entries");
        LoadModels.run(engine, "DELETE FROM ld_profiles");
        LoadModels.run(engine, "DELETE FROM ld_accounts");
        LoadModels.run(engine, "INSERT INTO ld_accounts (id, name, email) VALUES (1, 'acc', 'a@example.com')");
        LoadModels.run(engine, "INSERT INTO ld_entries (id, account_id, amount) VALUES (12, 1, 3), (10, 1, 1), (11, 1, 2)");
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** How many SELECTs were sent so far (for counting inside a session's chain). */
    private int selects() {
        return log.count("SELECT");
    }

    // ---- session.load ------------------------------------------------------------------------------

    @Test
    void loadOfOneRelationIsOneStatementThenNone() {
        List<Integer> counts = new ArrayList<>();
        User user = blog.withSession(s -> s.get(User.class, 2L)
                .doOnNext(u -> counts.add(selects()))
                .flatMap(u -> s.load(u, POSTS))
                .doOnNext(u -> counts.add(selects()))
                .flatMap(u -> s.load(u, POSTS))
                .doOnNext(u -> counts.add(selects()))).block();

        assertThat(counts).containsExactly(1, 2, 2);
        assertThat(user.posts).extracting(post -> post.id).containsExactly(200L, 201L, 202L);
        assertThat(user.posts).allSatisfy(post -> assertThat(post.user.get()).isSameAs(user));
        assertThat(log.statements("SELECT").get(1)).isEqualTo("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts"
                + " WHERE rl_posts.user_id IN (?) ORDER BY rl_posts.id");
        // the loaded tags of a post were not asked for
        assertThat(user.posts.get(0).tags.isLoaded()).isFalse();
    }

    @Test
    void loadOfAPathLoadsEachLevelAndSkipsWhatIsLoaded() {
        List<Integer> counts = new ArrayList<>();
        User user = blog.withSession(s -> s.get(User.class, 1L)
                .flatMap(u -> s.load(u, selectinload(POSTS).selectinload(TAGS)))
                .doOnNext(u -> counts.add(selects()))
                // loaded already: nothing to do
                .flatMap(u -> s.load(u, selectinload(POSTS).selectinload(TAGS)))
                .doOnNext(u -> counts.add(selects()))).block();

        assertThat(counts).containsExactly(3, 3);
        assertThat(user.posts).hasSize(3);
        assertThat(user.posts).allSatisfy(post -> assertThat(post.tags).hasSize(2));
        assertThat(log.statements("SELECT").get(2)).isEqualTo("SELECT rl_tags.id, rl_tags.name, rl_post_tags.post_id FROM rl_tags"
                + " JOIN rl_post_tags ON rl_tags.id = rl_post_tags.tag_id WHERE rl_post_tags.post_id IN (?, ?, ?)"
                + " ORDER BY rl_tags.name");
    }

    @Test
    void loadOfAPathWhoseFirstStepIsLoadedLoadsOnlyTheRest() {
        List<Integer> counts = new ArrayList<>();
        User user = blog.withSession(s -> s.execute(select(User.class).where(USER_ID.eq(3L)).options(selectinload(POSTS))).one()
                .doOnNext(u -> counts.add(selects()))
                .flatMap(u -> s.load(u, selectinload(POSTS).selectinload(TAGS)))
                .doOnNext(u -> counts.add(selects()))).block();

        assertThat(counts).containsExactly(2, 3);
        assertThat(user.posts.get(2).tags).extracting(tag -> tag.name).hasSize(2);
    }

    @Test
    void loadWithAJoinedStepJoinsIntoTheStepBefore() {
        User user = blog.withSession(s -> s.get(User.class, 1L)
                .flatMap(u -> s.load(u, selectinload(POSTS).joinedload(TAGS)))).block();
        assertThat(user.posts).allSatisfy(post -> assertThat(post.tags).hasSize(2));
        assertThat(log.statements("SELECT")).hasSize(2);
        assertThat(log.statements("SELECT").get(1)).startsWith("SELECT rl_posts.id, rl_posts.user_id, rl_posts.title,"
                + " rl_tags_1.id, rl_tags_1.name FROM rl_posts LEFT OUTER JOIN rl_post_tags AS rl_post_tags_2");
    }

    // ---- refresh ----------------------------------------------------------------------------------

    @Test
    void refreshReloadsACollectionChangedBehindTheSessionsBack() {
        Account account = accounts.withSession(s -> s.get(Account.class, 1L)
                .flatMap(a -> s.load(a, ENTRIES))
                .flatMap(a -> {
                    assertThat(a.entries).extracting(entry -> entry.id).containsExactly(10L, 11L, 12L);
                    Entry kept = a.entries.get(0);
                    // behind the session's back, in its own transaction: one entry gone, two new, the name changed
                    return s.execute(text("DELETE FROM ld_entries WHERE id = 11")).rowcount()
                            .then(s.execute(text("INSERT INTO ld_entries (id, account_id, amount) VALUES (9, 1, 9), (13, 1, 4)"))
                                    .rowcount())
                            .then(s.execute(text("UPDATE ld_accounts SET name = 'renamed', email = 'server@example.com'"
                                    + " WHERE id = 1")).rowcount())
                            .then(Mono.fromCallable(() -> {
                                // still the old state in memory: loaded holders are not reloaded by anything but refresh
                                assertThat(a.entries).extracting(entry -> entry.id).containsExactly(10L, 11L, 12L);
                                a.email = "local@example.com"; // an unflushed change refresh must keep
                                return a;
                            }))
                            .flatMap(same -> s.refresh(same, "entries", "name"))
                            .doOnNext(same -> {
                                assertThat(same.entries).extracting(entry -> entry.id).containsExactly(9L, 10L, 12L, 13L);
                                assertThat(same.entries.get(1)).isSameAs(kept);
                                assertThat(same.entries).allSatisfy(entry -> assertThat(entry.account.get()).isSameAs(same));
                                assertThat(same.name).isEqualTo("renamed");
                                assertThat(same.email).isEqualTo("local@example.com");
                                assertThat(s.dirty()).containsExactly(same);
                            });
                })).block();
        assertThat(account.entries).hasSize(4);
    }

    @Test
    void refreshOfAnUnloadedCollectionLoadsIt() {
        Account account = accounts.withSession(s -> s.get(Account.class, 1L).flatMap(a -> s.refresh(a, "entries"))).block();
        assertThat(account.entries).extracting(entry -> entry.amount).containsExactly(1, 2, 3);
        assertThat(log.statements("SELECT")).hasSize(2);
    }

    @Test
    void refreshOfAColumnOnlyKeepsTheOtherUnflushedChanges() {
        List<Object> seen = accounts.withSession(s -> s.get(Account.class, 1L).flatMap(a -> s.execute(
                        text("UPDATE ld_accounts SET name = 'server', email = 'server@example.com' WHERE id = 1")).rowcount()
                .then(Mono.fromCallable(() -> {
                    a.email = "local@example.com"; // unflushed (set after the UPDATE, so no autoflush wrote it)
                    return a;
                }))
                .flatMap(same -> s.refresh(same, "name"))
                .map(same -> List.<Object>of(same.name, same.email, s.isModified(same), log.count("UPDATE"))))).block();
        // name from the row; email still the local change, still to be flushed; only the core UPDATE was sent
        assertThat(seen).containsExactly("server", "local@example.com", true, 1);
        assertThat(log.statements("SELECT").get(1)).isEqualTo("SELECT ld_accounts.id, ld_accounts.name FROM ld_accounts"
                + " WHERE ld_accounts.id = ?");
    }

    // ---- many-to-ones without IO ----------------------------------------------------------------

    @Test
    void aManyToOneWhoseTargetIsInTheSessionNeedsNoStatement() {
        List<Object> seen = blog.withSession(s -> s.get(User.class, 2L).flatMap(user -> s.execute(select(Post.class)
                .where(POST_USER_ID.eq(2L)).orderBy(POST_ID)).all().map(posts -> {
                    int before = selects();
                    boolean loadedBefore = posts.get(0).user.isLoaded();
                    List<User> users = posts.stream().map(post -> post.user.get()).toList();
                    return List.<Object>of(before, selects(), loadedBefore, users.stream().allMatch(u -> u == user));
                }))).block();
        // get + the posts query; nothing for the three post.user reads; isLoaded says get() works
        assertThat(seen).containsExactly(2, 2, true, true);
    }

    @Test
    void selectinOfAManyToOneWhoseTargetsAreInTheSessionSendsNothing() {
        List<Integer> counts = blog.withSession(s -> s.execute(select(User.class)).all().flatMap(users -> {
            int before = selects();
            return s.execute(select(Post.class).options(selectinload(USER))).all()
                    .map(posts -> {
                        posts.forEach(post -> assertThat(post.user.get().id).isEqualTo(post.userId));
                        return List.of(before, selects());
                    });
        })).block();
        // only the posts query: every user was in the identity map
        assertThat(counts).containsExactly(1, 2);
    }

    @Test
    void loadingAUsersPostsFillsEachPostsUser() {
        for (String way : List.of("selectin", "joined", "session.load")) {
            List<User> users = blog.withSession(s -> loadPosts(s, way)).block();
            for (User user : users) {
                assertThat(user.posts).as(way).hasSize(3);
                for (Post post : user.posts) {
                    // filled by the loader (back-populated), not read from the identity map at get()
                    assertThat(post.user.isLoaded()).as(way).isTrue();
                    assertThat(post.user.get()).as(way).isSameAs(user);
                }
            }
        }
    }

    private static Mono<List<User>> loadPosts(Session s, String way) {
        return switch (way) {
            case "selectin" -> s.execute(select(User.class).orderBy(USER_ID).options(selectinload(POSTS))).all();
            case "joined" -> s.execute(select(User.class).orderBy(USER_ID).options(joinedload(POSTS))).all();
            default -> s.execute(select(User.class).orderBy(USER_ID)).all()
                    .flatMap(users -> reactor.core.publisher.Flux.fromIterable(users).concatMap(u -> s.load(u, POSTS)).collectList());
        };
    }

    // ---- expired objects -------------------------------------------------------------------------

    @Test
    void anExpiredObjectsManyToOneIsNotReadAsNull() {
        List<Object> seen = blog.withSession(s -> s.get(Post.class, 100L).flatMap(post -> {
            s.expire(post);
            // the foreign key field was cleared by expire: that is not a NULL foreign key
            Object read;
            try {
                read = String.valueOf(post.user.get());
            } catch (dev.retort.orm.mapping.NotLoadedException e) {
                read = "not loaded";
            }
            Object loadedBefore = post.user.isLoaded();
            Object result = read;
            return s.load(post, USER).map(same -> List.<Object>of(result, loadedBefore, same.user.get().id, same.title,
                    s.isExpired(same)));
        })).block();
        assertThat(seen).containsExactly("not loaded", false, 1L, "post100", false);
    }

    @Test
    void anExpiredObjectReachedByAPathLoadsItsManyToOne() {
        // without autoflush: a flush would write the expired posts' user_id from the collection they are in
        SessionFactory noAutoflush = SessionFactory.of(log.engine(), Blog.MAPPING,
                dev.retort.orm.session.SessionOptions.DEFAULTS.withAutoflush(false));
        List<Long> owners = noAutoflush.withSession(s -> s.get(User.class, 1L).flatMap(user -> s.load(user, POSTS)).flatMap(user -> {
            Post first = user.posts.get(0);
            s.expire(first);
            s.expire(user.posts.get(1));
            // user.posts still holds the expired posts; their user is loaded again from their rows
            return s.load(user, selectinload(POSTS).selectinload(USER)).map(same -> same.posts.stream()
                    .map(post -> post.user.get().id).toList());
        })).block();
        assertThat(owners).containsExactly(1L, 1L, 1L);
    }

    // ---- one-to-one ------------------------------------------------------------------------------

    @Test
    void oneToOneEachWayFillsBothSides() {
        LoadModels.run(engine, "INSERT INTO ld_accounts (id, name, email) VALUES (2, 'bare', 'b@example.com')");
        LoadModels.run(engine, "INSERT INTO ld_profiles (id, account_id, bio) VALUES (5, 1, 'hello')");
        Column<Long> accountId = Metamodel.column(Account.class, "id");
        for (String way : List.of("selectin", "joined", "session.load", "joined stream")) {
            log.clear();
            List<Account> found = accounts.withSession(s -> {
                var query = select(Account.class).orderBy(accountId);
                return switch (way) {
                    case "selectin" -> s.execute(query.options(selectinload(PROFILE))).all();
                    case "joined" -> s.execute(query.options(joinedload(PROFILE))).all();
                    case "joined stream" -> s.scalars(query.options(joinedload(PROFILE))).collectList();
                    default -> s.execute(query).all().flatMap(all -> reactor.core.publisher.Flux.fromIterable(all)
                            .concatMap(a -> s.load(a, PROFILE)).collectList());
                };
            }).block();
            assertThat(found).extracting(a -> a.id).containsExactly(1L, 2L);
            assertThat(found.get(0).profile.get().bio).as(way).isEqualTo("hello");
            assertThat(found.get(1).profile.isLoaded()).as(way).isTrue();
            assertThat(found.get(1).profile.get()).as(way).isNull();
            // the profile's many-to-one is filled from the loaded side (and would be from the identity map anyway)
            assertThat(found.get(0).profile.get().account.get()).as(way).isSameAs(found.get(0));
            if (way.equals("selectin")) {
                assertThat(log.statements("SELECT").get(1)).isEqualTo("SELECT ld_profiles.id, ld_profiles.account_id,"
                        + " ld_profiles.bio FROM ld_profiles WHERE ld_profiles.account_id IN (?, ?)");
            }
        }
    }

    @Test
    void entriesLoadedWithTheirAccountShareIt() {
        List<Entry> entries = accounts.withSession(s -> s.execute(select(Entry.class).options(selectinload(ACCOUNT))).all()).block();
        assertThat(entries).hasSize(3);
        assertThat(entries).extracting(entry -> entry.account.get()).containsOnly(entries.get(0).account.get());
        assertThat(log.statements("SELECT").get(1)).isEqualTo("SELECT ld_accounts.id, ld_accounts.name, ld_accounts.email"
                + " FROM ld_accounts WHERE ld_accounts.id IN (?)");
    }
}
