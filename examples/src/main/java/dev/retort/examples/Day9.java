package dev.retort.examples;

import static dev.retort.core.sql.Sql.select;
import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;

import dev.retort.core.engine.Engine;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Day 9: many-to-many relationships and association objects. {@link Post#tags} and
 * {@link Tag#posts} go through the association table {@code m2m_post_tags} on both sides, with
 * {@code backPopulates}: adding a tag to a post's collection adds the post to the tag's, and the
 * flush inserts (or, after a remove, deletes) the association row. Posts by tag and the tags two
 * posts share are queries over the association table, not list arithmetic. The same table is also
 * mapped as the {@link PostTag} entity (the association-object pattern), which gives it a
 * server-filled {@code created_at} and typed columns for those queries; a link is then added as a
 * {@code PostTag} object and a post's collection reloaded with {@code session.refresh(post, "tags")}.
 */
final class Day9 {

    /** The tutorial's post: a title and its tags ({@code m2m_posts}). */
    @Entity(table = "m2m_posts")
    static final class Post {

        @Id @GeneratedValue Integer id;
        @Column(length = 200, nullable = false) String title;

        @Relationship(secondary = "m2m_post_tags", backPopulates = "posts", orderBy = "id")
        final ToMany<Tag> tags = ToMany.of(this);

        Post() {
        }

        Post(String title) {
            this.title = title;
        }
    }

    /** A tag with a unique name and the posts carrying it ({@code m2m_tags}). */
    @Entity(table = "m2m_tags")
    static final class Tag {

        @Id @GeneratedValue Integer id;
        @Column(length = 50, nullable = false, unique = true) String name;

        @Relationship(secondary = "m2m_post_tags", backPopulates = "tags", orderBy = "id")
        final ToMany<Post> posts = ToMany.of(this);

        Tag() {
        }

        Tag(String name) {
            this.name = name;
        }
    }

    /**
     * One row of the association table as an object (association object): both keys, a column of
     * its own, and a many-to-one to each side.
     */
    @Entity(table = "m2m_post_tags")
    static final class PostTag {

        @Id @ForeignKey(entity = Post.class) Integer postId;
        @Id @ForeignKey(entity = Tag.class) Integer tagId;
        @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;

        final ToOne<Post> post = ToOne.of(this);
        final ToOne<Tag> tag = ToOne.of(this);
    }

    /** The day's classes; typed columns and relationships come from the generated metamodel ({@code Day9_PostTag_.TAG_ID}). */
    static final Mapping MAPPING = Mapping.of(Post.class, Tag.class, PostTag.class);

    private final Tour tour;
    private final Tag python = new Tag("python");
    private final Tag sqlalchemy = new Tag("sqlalchemy");
    private final Tag mysql = new Tag("mysql");
    private final Post post1 = new Post("SQLAlchemy Basics");
    private final Post post2 = new Post("MySQL Tips");

    Day9(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 9 - many-to-many relationships and association objects");
        Engine engine = tour.engine("many-to-many", options -> options);
        try {
            tour.await(MAPPING.createAll(engine).thenReturn(true));
            tour.println("Tables m2m_posts, m2m_tags and m2m_post_tags created");
            SessionFactory sessions = SessionFactory.of(engine, MAPPING);
            tour.println("\n--- Tags on posts through m2m_post_tags (one session) ---");
            tour.await(sessions.withSession(session -> tagPosts(session)
                    .then(Mono.defer(() -> postsTagged(session, "python")))
                    .then(Mono.defer(() -> sharedTags(session)))
                    .flatMap(before -> removeTag(session).then(Mono.defer(() -> showSharedTags(session, before))))
                    .then(Mono.defer(() -> associationObjects(session)))
                    .thenReturn(true)));
        } catch (RuntimeException e) {
            tour.println("❌ Day 9 failed: " + Tour.firstLine(e));
            tour.fail("day 9", e);
        } finally {
            try {
                tour.await(MAPPING.dropAll(engine).thenReturn(true));
                tour.println("\n✅ Many-to-many done; tables m2m_post_tags, m2m_tags and m2m_posts dropped (the echo log shows every statement)");
            } catch (RuntimeException e) {
                tour.fail("day 9 dropAll", e);
            }
            Tour.dispose(engine);
        }
    }

    /**
     * The tags, then the posts (flushed for their ids), then four additions to the posts'
     * collections: the commit inserts four association rows, and {@code backPopulates} has filled
     * the tags' collections in memory.
     */
    private Mono<Void> tagPosts(Session session) {
        session.addAll(List.of(python, sqlalchemy, mysql));
        return session.commit()
                .then(Mono.defer(() -> {
                    session.addAll(List.of(post1, post2));
                    return session.flush();
                }))
                .then(Mono.defer(() -> {
                    post1.tags.add(python);
                    post1.tags.add(sqlalchemy);
                    post2.tags.add(sqlalchemy);
                    post2.tags.add(mysql);
                    return session.commit();
                }))
                .then(session.scalars(select(PostTag.class)).count())
                .doOnNext(links -> {
                    tour.println("Posts tagged!");
                    tour.println("Post 1 tags: " + names(post1.tags));
                    tour.println("Post 2 tags: " + names(post2.tags));
                    tour.expect(links == 4 && sqlalchemy.posts.equals(List.of(post1, post2)), "day 9 tagging",
                            links + " association rows, sqlalchemy.posts " + titles(sqlalchemy.posts));
                })
                .then();
    }

    /** Posts by tag as a query: posts joined to their association rows and those rows' tags. */
    private Mono<Void> postsTagged(Session session, String tag) {
        return session.scalars(taggedWith(tag)).collectList()
                .doOnNext(posts -> {
                    tour.println("Posts with '" + tag + "': " + titles(posts));
                    tour.expect(posts.equals(python.posts), "day 9 posts by tag",
                            "the query found " + titles(posts) + ", python.posts holds " + titles(python.posts));
                })
                .then();
    }

    private static EntitySelect<Post> taggedWith(String tag) {
        return select(Post.class)
                .join(PostTag.class, Day9_PostTag_.POST_ID.eq(Day9_Post_.ID))
                .join(Tag.class, Day9_Tag_.ID.eq(Day9_PostTag_.TAG_ID))
                .where(Day9_Tag_.NAME.eq(tag))
                .orderBy(Day9_Post_.ID);
    }

    /** Removing a tag from a post's collection: the commit deletes that association row. */
    private Mono<Void> removeTag(Session session) {
        post1.tags.remove(sqlalchemy);
        return session.commit().then(Mono.fromRunnable(() -> {
            tour.println("Post 1 tags after remove: " + names(post1.tags));
            tour.expect(sqlalchemy.posts.equals(List.of(post2)), "day 9 remove", "sqlalchemy.posts " + titles(sqlalchemy.posts));
        }));
    }

    /** The tags of both posts, by a query: tags whose id is among each post's association rows. */
    private Mono<List<String>> sharedTags(Session session) {
        return session.scalars(select(Tag.class)
                        .where(Day9_Tag_.ID.in(select(Day9_PostTag_.TAG_ID).where(Day9_PostTag_.POST_ID.eq(post1.id))),
                                Day9_Tag_.ID.in(select(Day9_PostTag_.TAG_ID).where(Day9_PostTag_.POST_ID.eq(post2.id))))
                        .orderBy(Day9_Tag_.ID))
                .map(tag -> tag.name)
                .collectList();
    }

    private Mono<Void> showSharedTags(Session session, List<String> before) {
        return sharedTags(session).doOnNext(after -> {
            tour.println("Shared tags: " + quoted(after));
            tour.println("The same query before the remove found " + quoted(before));
            tour.expect(after.isEmpty() && before.equals(List.of("sqlalchemy")), "day 9 shared tags",
                    "before the remove " + before + ", after " + after);
        }).then();
    }

    /**
     * The association rows as {@link PostTag} objects, with their posts and tags joined in; one more
     * link added as an object, which a loaded collection shows once reloaded.
     */
    private Mono<Void> associationObjects(Session session) {
        tour.println("\n--- Association objects: m2m_post_tags mapped as PostTag, with its own created_at ---");
        return session.scalars(select(PostTag.class)
                        .options(joinedload(Day9_PostTag_.POST), joinedload(Day9_PostTag_.TAG))
                        .orderBy(Day9_PostTag_.POST_ID, Day9_PostTag_.TAG_ID))
                .collectList()
                .flatMap(links -> {
                    boolean stamped = links.stream().allMatch(link -> link.createdAt != null);
                    tour.println("PostTag rows: " + links.stream().map(link -> link.post.get().title + " + " + link.tag.get().name)
                            .collect(Collectors.joining(", ")) + " (created_at filled by the server: " + stamped + ")");
                    tour.expect(links.size() == 3 && stamped, "day 9 association rows",
                            links.size() + " rows, created_at filled: " + stamped);
                    PostTag link = new PostTag();
                    link.post.set(post2);
                    link.tag.set(python);
                    session.add(link);
                    return session.commit().then(session.scalars(taggedWith("python")).collectList());
                })
                .flatMap(posts -> {
                    tour.println("Added MySQL Tips + python as a PostTag object; posts with 'python' now: " + titles(posts));
                    tour.println("post2.tags, loaded before, still reads " + names(post2.tags));
                    tour.expect(posts.equals(List.of(post1, post2)), "day 9 link as an object", "posts with 'python' " + titles(posts));
                    return session.refresh(post2, "tags");
                })
                .doOnNext(post -> {
                    tour.println("session.refresh(post2, \"tags\") reloads it: " + names(post.tags));
                    tour.expect(names(post.tags).equals("['python', 'sqlalchemy', 'mysql']"), "day 9 association object",
                            "post2.tags after refresh " + names(post.tags));
                })
                .then();
    }

    /** Tag names as the tutorial prints them: {@code ['python', 'sqlalchemy']}. */
    private static String names(List<Tag> tags) {
        return quoted(tags.stream().map(tag -> tag.name).toList());
    }

    private static String titles(List<Post> posts) {
        return quoted(posts.stream().map(post -> post.title).toList());
    }

    private static String quoted(List<String> values) {
        return values.stream().map(value -> "'" + value + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
