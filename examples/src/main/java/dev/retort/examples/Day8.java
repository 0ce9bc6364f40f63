package dev.retort.examples;

import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Cascade;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Day 8: one-to-many and many-to-one relationships. A {@link User} has a {@code ToMany} of
 * {@link Post}s and each post a {@code ToOne} of its user, linked with {@code backPopulates} (setting
 * {@code post.user} puts the post in {@code user.posts}) and cascading everything plus
 * delete-orphan. One {@code session.add(user)} saves the whole graph, the flush copying the user's
 * key into the posts; a new session shows that reading an unloaded relationship raises instead of
 * loading, loads the posts with {@code selectinload}, updates a post through the collection, removes
 * one (deleted as an orphan) and deletes the user, whose remaining post the cascade deletes first.
 */
final class Day8 {

    /** The tutorial's user, with its posts ({@code rel_users}; Day 5's {@code users} is another class). */
    @Entity(table = "rel_users")
    static final class User {

        @Id @GeneratedValue Integer id;
        @Column(length = 50, nullable = false) String name;

        @Relationship(backPopulates = "user", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}, orderBy = "id")
        final ToMany<Post> posts = ToMany.of(this);

        User() {
        }

        User(String name) {
            this.name = name;
        }
    }

    /** The tutorial's post, holding its user's key and the user ({@code rel_posts}). */
    @Entity(table = "rel_posts")
    static final class Post {

        @Id @GeneratedValue Integer id;
        @Column(length = 200, nullable = false) String title;
        @Column(length = 1000) String content;
        @Column(nullable = false) @ForeignKey(entity = User.class) Integer userId;

        @Relationship(backPopulates = "posts")
        final ToOne<User> user = ToOne.of(this);

        Post() {
        }

        Post(String title, String content) {
            this.title = title;
            this.content = content;
        }
    }

    /** The day's classes; their relationships come from the generated metamodel ({@code Day8_User_.POSTS}). */
    static final Mapping MAPPING = Mapping.of(User.class, Post.class);

    private final Tour tour;

    Day8(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 8 - one-to-many and many-to-one relationships");
        Engine engine = tour.engine("relationships", options -> options);
        try {
            tour.await(MAPPING.createAll(engine).thenReturn(true));
            tour.println("Tables rel_users and rel_posts created");
            SessionFactory sessions = SessionFactory.of(engine, MAPPING);
            Integer userId = create(sessions);
            readUpdateDelete(sessions, userId);
        } catch (RuntimeException e) {
            tour.println("❌ Day 8 failed: " + Tour.firstLine(e));
            tour.fail("day 8", e);
        } finally {
            try {
                tour.await(MAPPING.dropAll(engine).thenReturn(true));
                tour.println("\n✅ Relationship CRUD complete; tables rel_posts and rel_users dropped (the echo log shows every statement)");
            } catch (RuntimeException e) {
                tour.fail("day 8 dropAll", e);
            }
            Tour.dispose(engine);
        }
    }

    /**
     * CREATE: the graph is built in memory ({@code post.user.set} adds the post to
     * {@code user.posts}), then one {@code add} of the user saves the posts too.
     */
    private Integer create(SessionFactory sessions) {
        tour.println("\n--- Create through the relationship ---");
        User alice = new User("Alice");
        Post post1 = new Post("Post 1", "Content 1");
        Post post2 = new Post("Post 2", "Content 2");
        post1.user.set(alice);
        post2.user.set(alice);
        boolean addedAgain = alice.posts.add(post1);
        tour.println("post.user.set(alice) put both posts in alice.posts; alice.posts.add(post1) again returns " + addedAgain
                + " (a ToMany holds each object once)");
        tour.await(sessions.inTransaction(session -> {
            session.add(alice);
            return Mono.empty();
        }).thenReturn(true));
        tour.println("One session.add(alice) saved both posts too (save-update cascade); the flush copied Alice's id " + alice.id
                + " into their user_id");
        tour.println("Created User '" + alice.name + "' with " + alice.posts.size() + " posts");
        tour.expect(!addedAgain && alice.posts.equals(List.of(post1, post2)) && alice.id != null
                        && alice.id.equals(post1.userId) && alice.id.equals(post2.userId), "day 8 create",
                "posts " + alice.posts.size() + ", user id " + alice.id + ", post user ids " + post1.userId + ", " + post2.userId);
        return alice.id;
    }

    /**
     * One session through the rest of the tutorial's steps, committing after each: read (the raise,
     * then {@code selectinload}), update, remove a post, delete the user.
     */
    private void readUpdateDelete(SessionFactory sessions, Integer userId) {
        tour.println("\n--- Read, update and delete through the relationship (one session) ---");
        tour.await(sessions.withSession(session -> session.getOne(User.class, userId)
                .doOnNext(this::showRaise)
                .then(session.scalars(select(User.class).where(Day8_User_.ID.eq(userId))
                        .options(selectinload(Day8_User_.POSTS))).single())
                .flatMap(user -> {
                    tour.println("select(User).options(selectinload(Day8_User_.POSTS)) returned the same user with its posts"
                            + " loaded (a second SELECT … WHERE user_id IN …)");
                    read(user);
                    user.posts.get(0).title = "Updated Post 1";
                    return session.commit()
                            .then(Mono.fromRunnable(() -> tour.println("Updated: " + user.posts.get(0).title)))
                            .then(Mono.defer(() -> removeSecondPost(session, user)))
                            .then(Mono.defer(() -> deleteUser(session, user)));
                })
                .thenReturn(true)));
    }

    /** A user from {@code get} has its posts unloaded: reading them raises, naming the ways to load them. */
    private void showRaise(User user) {
        try {
            int size = user.posts.size();
            tour.expect(false, "day 8 unloaded posts", "user.posts read " + size + " posts without a loader");
        } catch (NotLoadedException e) {
            String message = e.getMessage();
            tour.println("session.get(User, " + user.id + ") loads the user alone; reading user.posts raises NotLoadedException: "
                    + message.substring(0, message.indexOf(". ") + 1));
        }
    }

    /** READ: each loaded post and, through its many-to-one, its user. */
    private void read(User user) {
        tour.println("User Posts:");
        for (Post post : user.posts) {
            tour.println("  - " + post.title + ": " + post.content + " (User: " + post.user.get().name + ")");
        }
        tour.println("");
        tour.expect(user.posts.size() == 2 && user.posts.stream().allMatch(post -> post.user.get() == user), "day 8 read",
                user.posts.size() + " posts");
    }

    /**
     * DELETE one post: removing it from the collection makes it an orphan, which the commit's flush
     * deletes ({@code Cascade.DELETE_ORPHAN}); memory and database then agree on one post.
     */
    private Mono<Void> removeSecondPost(Session session, User user) {
        Post second = user.posts.get(1);
        user.posts.remove(second);
        return session.commit()
                .then(session.scalars(select(Post.class).where(Day8_Post_.USER_ID.eq(user.id))).count())
                .doOnNext(rows -> {
                    tour.println("Deleted post; remaining: " + user.posts.size());
                    tour.expect(rows == 1 && Session.state(second) == ObjectState.DETACHED && second.user.get() == null,
                            "day 8 delete-orphan", rows + " rows left for the user, the removed post is " + Session.state(second)
                                    + " with user " + second.user.get());
                })
                .then();
    }

    /** DELETE the user: the cascade deletes its remaining post first (children before parents). */
    private Mono<Void> deleteUser(Session session, User user) {
        Post last = user.posts.get(0);
        session.delete(user);
        return session.commit()
                .then(session.scalars(select(User.class)).count())
                .zipWhen(users -> session.scalars(select(Post.class)).count())
                .doOnNext(rows -> {
                    tour.println("User deleted (cascade deletes posts)");
                    tour.println("Rows left: " + rows.getT1() + " in rel_users, " + rows.getT2() + " in rel_posts; the post object is "
                            + Session.state(last));
                    tour.expect(rows.getT1() == 0 && rows.getT2() == 0 && Session.state(last) == ObjectState.DETACHED,
                            "day 8 cascade delete", rows + ", post " + Session.state(last));
                })
                .then();
    }
}
