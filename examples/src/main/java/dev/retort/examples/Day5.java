package dev.retort.examples;

import static dev.retort.orm.Orm.select;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.engine.Engine;
import dev.retort.core.schema.Table;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Day 5: declarative mapping. The {@link User} and {@link Post} classes become the {@code users}
 * and {@code posts} tables ({@code Mapping.createAll}, DDL printed); a session adds a user,
 * flushes to learn its generated id, adds two posts carrying that id and commits; a second session
 * reads the user back with {@code get} and its posts with an entity query, and the tables are
 * dropped.
 */
final class Day5 {

    /**
     * The day's classes, mapped together into one {@code MetaData}; typed columns come from the
     * generated metamodel ({@code Post_.USER_ID}).
     */
    static final Mapping MAPPING = Mapping.of(User.class, Post.class);


    /** What the second session read. */
    private record UserWithPosts(User user, List<Post> posts) {
    }

    private final Tour tour;

    Day5(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 5 - declarative mapping and ORM basics");
        Engine schema = tour.engine("orm-schema", options -> options.echo(false));
        Engine engine = tour.engine("orm-basics", options -> options);
        try {
            createTables(schema);
            SessionFactory sessions = SessionFactory.of(engine, MAPPING);
            Integer userId = addUserAndPosts(sessions);
            readBack(sessions, userId);
        } catch (RuntimeException e) {
            tour.println("❌ Day 5 failed: " + Tour.firstLine(e));
            tour.fail("day 5", e);
        } finally {
            try {
                tour.await(MAPPING.dropAll(schema).thenReturn(true));
                tour.println("\nTables posts and users dropped");
            } catch (RuntimeException e) {
                tour.fail("day 5 dropAll", e);
            }
            Tour.dispose(engine, schema);
        }
    }

    /**
     * Prints the DDL of the mapped classes, in the order {@code createAll} runs it, then runs it (on
     * an engine without echo, so the statements show once).
     */
    private void createTables(Engine schema) {
        Dialect dialect = tour.await(schema.dialect());
        tour.println("--- The DDL Mapping.of(User.class, Post.class).createAll(engine) runs on " + dialect + " ---");
        for (Table table : MAPPING.metadata().creationOrder(MAPPING.tables()).tables()) {
            tour.println(dialect.ddlCompiler().createTable(table, List.of()) + ";");
        }
        tour.await(MAPPING.createAll(schema).thenReturn(true));
        tour.println("Tables users and posts created");
    }

    /**
     * One session: add the user, flush (the INSERT runs and the generated id and server-filled
     * {@code created_at} are written into the object), add two posts holding that id, commit.
     */
    private Integer addUserAndPosts(SessionFactory sessions) {
        tour.println("\n--- Adding a user and two posts ---");
        User alice = new User("alice", "alice@ex.com");
        List<Post> posts = tour.await(sessions.withSession(session -> {
            session.add(alice);
            return session.flush()
                    .then(Mono.fromSupplier(() -> {
                        tour.println("Flushed: alice has id " + alice.id + " before the commit (created_at "
                                + (alice.createdAt != null ? "read back from the server" : "missing") + ")");
                        List<Post> added = List.of(
                                new Post("First Post", "Hello ORM!", alice.id),
                                new Post("Second Post", "Retort rocks!", alice.id));
                        session.addAll(added);
                        return added;
                    }))
                    .flatMap(added -> session.commit().thenReturn(added));
        }));
        tour.println("Committed: user " + alice.id + ", posts " + posts.stream().map(post -> post.id).toList());
        tour.expect(alice.id != null && alice.createdAt != null, "day 5 flush",
                "id " + alice.id + ", created_at " + alice.createdAt);
        tour.expect(posts.stream().allMatch(post -> post.id != null && alice.id.equals(post.userId)),
                "day 5 posts", "posts after commit: " + posts);
        return alice.id;
    }

    /** A new session: the user by primary key, then its posts by foreign key in id order. */
    private void readBack(SessionFactory sessions, Integer userId) {
        tour.println("\n--- Reading them back in a new session ---");
        UserWithPosts read = tour.await(sessions.withSession(session -> session.getOne(User.class, userId)
                .flatMap(user -> session.scalars(select(Post.class).where(Post_.USER_ID.eq(userId)).orderBy(Post_.ID))
                        .collectList()
                        .map(posts -> new UserWithPosts(user, posts)))));
        tour.println("User: " + read.user().username);
        tour.println("Posts:");
        read.posts().forEach(post -> tour.println("  - " + post.title + " (" + post.content + ")"));
        List<String> titles = read.posts().stream().map(post -> post.title).toList();
        tour.expect("alice".equals(read.user().username) && titles.equals(List.of("First Post", "Second Post")),
                "day 5 read back", "user " + read.user().username + ", posts " + titles);
        tour.println("✅ Models mapped, persisted and queried (the echo log shows every statement)");
    }
}
