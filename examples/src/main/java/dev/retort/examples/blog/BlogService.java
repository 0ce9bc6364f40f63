package dev.retort.examples.blog;

import static dev.retort.core.sql.Sql.func;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;

import dev.retort.core.exception.IntegrityException;
import dev.retort.core.schema.Column;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The blog's use cases, each one transaction of a Retort session: {@link #write} commits when the
 * work completes (flushing first) and rolls back on error or cancel, {@link #read} and
 * {@link #readMany} never commit. Those methods are the only places that open transactions, so
 * moving to Spring's {@code @Transactional} (once an auto-configuration provides a transaction
 * manager) changes them and nothing else.
 *
 * <p>Objects never leave a session: every method turns them into views ({@link UserView},
 * {@link PostView}…) while their relationships are loaded. Constraint violations come from the
 * database as {@link IntegrityException}s and are turned into {@link ConflictException}s that say
 * what the request was about; a missing row is a {@link NotFoundException}.
 */
@Service
public class BlogService {

    /** MySQL/MariaDB error codes of the {@link IntegrityException}s this service explains. */
    static final int DUPLICATE_ENTRY = 1062;
    static final int ROW_IS_REFERENCED = 1451;
    static final int NO_REFERENCED_ROW = 1452;

    private final SessionFactory sessions;

    public BlogService(SessionFactory sessions) {
        this.sessions = sessions;
    }

    // ---- transactions: the only places that open one -----------------------------------------------

    /** Work in a transaction that commits when it completes, rolls back on error and cancel. */
    private <T> Mono<T> write(Function<Session, Mono<T>> work) {
        return sessions.inTransaction(work);
    }

    /** Work that only reads: its transaction is rolled back at the end, never committed. */
    private <T> Mono<T> read(Function<Session, Mono<T>> work) {
        return sessions.withSession(work);
    }

    /** {@link #read} for a stream: the session (and its connection) lasts until the last value, an error or a cancel. */
    private <T> Flux<T> readMany(Function<Session, Flux<T>> work) {
        return sessions.withSessionMany(work);
    }

    // ---- users -------------------------------------------------------------------------------------

    public Mono<UserView> createUser(UserRequest request) {
        return write(session -> {
            User user = session.add(new User(request.username(), request.displayName()));
            return session.flush().then(Mono.fromSupplier(() -> UserView.of(user)));
        }).onErrorMap(code(DUPLICATE_ENTRY), e -> usernameTaken(request.username(), e));
    }

    public Mono<PageView<UserView>> listUsers(PageParams page) {
        return read(session -> page(session, User_.ID, select(User.class).orderBy(User_.ID), page, UserView::of));
    }

    public Mono<UserView> getUser(int id) {
        return read(session -> user(session, id).map(UserView::of));
    }

    public Mono<UserView> updateUser(int id, UserRequest request) {
        return write(session -> user(session, id).flatMap(user -> {
            user.username = request.username();
            user.displayName = request.displayName();
            return session.flush().then(Mono.fromSupplier(() -> UserView.of(user)));
        })).onErrorMap(code(DUPLICATE_ENTRY), e -> usernameTaken(request.username(), e));
    }

    /** Fails with a conflict while posts refer to the user (the posts' foreign key, checked by the database). */
    public Mono<Void> deleteUser(int id) {
        return write(session -> user(session, id).flatMap(user -> {
            session.delete(user);
            return session.flush();
        })).onErrorMap(code(ROW_IS_REFERENCED),
                e -> new ConflictException("user " + id + " still has posts; delete them first", e));
    }

    private static Mono<User> user(Session session, int id) {
        return session.get(User.class, id).switchIfEmpty(Mono.error(() -> new NotFoundException("user " + id + " not found")));
    }

    private static ConflictException usernameTaken(String username, Throwable cause) {
        return new ConflictException("username '" + username + "' is already taken", cause);
    }

    // ---- tags --------------------------------------------------------------------------------------

    public Mono<TagView> createTag(TagRequest request) {
        return write(session -> {
            Tag tag = session.add(new Tag(request.name()));
            return session.flush().then(Mono.fromSupplier(() -> TagView.of(tag)));
        }).onErrorMap(code(DUPLICATE_ENTRY), e -> tagExists(request.name(), e));
    }

    public Mono<PageView<TagView>> listTags(PageParams page) {
        return read(session -> page(session, Tag_.ID, select(Tag.class).orderBy(Tag_.NAME), page, TagView::of));
    }

    public Mono<TagView> getTag(int id) {
        return read(session -> tag(session, id).map(TagView::of));
    }

    public Mono<TagView> updateTag(int id, TagRequest request) {
        return write(session -> tag(session, id).flatMap(tag -> {
            tag.name = request.name();
            return session.flush().then(Mono.fromSupplier(() -> TagView.of(tag)));
        })).onErrorMap(code(DUPLICATE_ENTRY), e -> tagExists(request.name(), e));
    }

    /** The tag's {@code post_tags} rows go with it ({@code ON DELETE CASCADE}); the posts stay. */
    public Mono<Void> deleteTag(int id) {
        return write(session -> tag(session, id).flatMap(tag -> {
            session.delete(tag);
            return session.flush();
        }));
    }

    private static Mono<Tag> tag(Session session, int id) {
        return session.get(Tag.class, id).switchIfEmpty(Mono.error(() -> new NotFoundException("tag " + id + " not found")));
    }

    private static ConflictException tagExists(String name, Throwable cause) {
        return new ConflictException("tag '" + name + "' already exists", cause);
    }

    // ---- posts -------------------------------------------------------------------------------------

    /**
     * Inserts the post with its tags in one transaction. The author is the foreign key the request
     * names: the database checks it (a missing user is an {@link IntegrityException}, answered 409),
     * then the author is loaded for the answer.
     */
    public Mono<PostView> createPost(PostRequest request) {
        return write(session -> tags(session, request.tagIds()).flatMap(tags -> {
            Post post = session.add(new Post(request.title(), request.body(), request.authorId()));
            post.tags.addAll(tags);
            return session.flush().then(session.refresh(post, "author"));
        }).map(PostView::of)).onErrorMap(code(NO_REFERENCED_ROW), e -> noSuchAuthor(request.authorId(), e));
    }

    public Mono<PageView<PostView>> listPosts(PageParams page) {
        return read(session -> page(session, Post_.ID, withAuthorAndTags().orderBy(Post_.ID), page, PostView::of));
    }

    public Mono<PostView> getPost(int id) {
        return read(session -> post(session, id).map(PostView::of));
    }

    /** Replaces title, body and author; the tags too when {@code tagIds} is given. */
    public Mono<PostView> updatePost(int id, PostRequest request) {
        return write(session -> post(session, id)
                .flatMap(post -> tags(session, request.tagIds()).flatMap(tags -> {
                    post.title = request.title();
                    post.body = request.body();
                    post.authorId = request.authorId();
                    if (request.tagIds() != null) {
                        post.tags.retainAll(tags);
                        tags.stream().filter(tag -> !post.tags.contains(tag)).forEach(post.tags::add);
                    }
                    return session.flush().then(session.refresh(post, "author")); // its key changed
                }))
                .map(PostView::of))
                .onErrorMap(code(NO_REFERENCED_ROW), e -> noSuchAuthor(request.authorId(), e));
    }

    /** Deletes the post and its {@code post_tags} rows. */
    public Mono<Void> deletePost(int id) {
        return write(session -> session.get(Post.class, id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("post " + id + " not found")))
                .flatMap(post -> {
                    session.delete(post);
                    return session.flush();
                }));
    }

    /** Adds the tag to the post (nothing changes when it has it already). */
    public Mono<PostView> tagPost(int postId, int tagId) {
        return write(session -> post(session, postId).flatMap(post -> tag(session, tagId).flatMap(tag -> {
            if (!post.tags.contains(tag)) {
                post.tags.add(tag);
            }
            return session.flush().thenReturn(PostView.of(post));
        }))).onErrorMap(code(DUPLICATE_ENTRY), e -> new ConflictException(
                "post " + postId + " was tagged with tag " + tagId + " by another request at the same time; retry", e));
    }

    /** Takes the tag off the post (nothing changes when it does not have it). */
    public Mono<PostView> untagPost(int postId, int tagId) {
        return write(session -> post(session, postId).flatMap(post -> tag(session, tagId).flatMap(tag -> {
            post.tags.remove(tag);
            return session.flush().thenReturn(PostView.of(post));
        })));
    }

    /**
     * Every post in key order with its author and tags, as the client reads them. The session's
     * stream reads posts in pages (keyset on the key) and loads each page's authors and tags with one
     * {@code selectinload} statement each before emitting it; the next page is read only when the
     * subscriber has asked for the posts of this one, so a slow client holds the database back
     * instead of filling memory. A cancelled subscription (the client went away) ends the session:
     * its transaction is rolled back and its connection goes back to the pool.
     *
     * <p>The session keeps every post it loaded until the stream ends. Expunging each post once
     * turned into its view would keep it small, but the stream reads the next page on the database
     * connection's thread while this map runs on the HTTP connection's, and the session is not
     * thread-safe: such an {@code expunge} was seen to fail ("Cannot expunge Post#109: it is not in
     * this session (PERSISTENT)"), so it is left out until the ORM offers a safe way.
     */
    public Flux<PostView> streamPosts() {
        return readMany(session -> session.scalars(withAuthorAndTags()).map(PostView::of));
    }

    private static EntitySelect<Post> withAuthorAndTags() {
        return select(Post.class).options(selectinload(Post_.AUTHOR), selectinload(Post_.TAGS));
    }

    private static Mono<Post> post(Session session, int id) {
        return session.execute(withAuthorAndTags().where(Post_.ID.eq(id))).oneOrNone()
                .switchIfEmpty(Mono.error(() -> new NotFoundException("post " + id + " not found")));
    }

    /** The tags of these ids (none for {@code null}), or a conflict naming the ids that do not exist. */
    private static Mono<List<Tag>> tags(Session session, List<Integer> ids) {
        if (ids == null || ids.isEmpty()) {
            return Mono.just(List.of());
        }
        Set<Integer> wanted = new LinkedHashSet<>(ids);
        return session.scalars(select(Tag.class).where(Tag_.ID.in(wanted)).orderBy(Tag_.NAME)).collectList()
                .flatMap(found -> {
                    Set<Integer> missing = new LinkedHashSet<>(wanted);
                    found.forEach(tag -> missing.remove(tag.id));
                    if (!missing.isEmpty()) {
                        return Mono.error(new ConflictException(missing.size() == 1
                                ? "tag " + missing.iterator().next() + " does not exist"
                                : "tags " + join(missing) + " do not exist", null));
                    }
                    return Mono.just(found);
                });
    }

    /**
     * The foreign key that failed: the author's (checked by the database only), or, when a tag was
     * deleted between the check in {@link #tags} and the INSERT, the tag's.
     */
    private static ConflictException noSuchAuthor(Integer authorId, Throwable cause) {
        String driverMessage = String.valueOf(cause.getMessage());
        if (driverMessage.contains("REFERENCES `tags`")) {
            return new ConflictException("a tag in tagIds was deleted by another request; retry", cause);
        }
        return new ConflictException("authorId " + authorId + " does not refer to an existing user", cause);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A page of a query's objects as views, with the total count (two statements in the session). */
    private static <E, V> Mono<PageView<V>> page(Session session, Column<Integer> key, EntitySelect<E> query,
            PageParams page, Function<E, V> view) {
        return session.execute(select(func.count(key))).scalar(Long.class)
                .flatMap(total -> session.execute(query.limit(page.size()).offset(page.offset())).all()
                        .map(objects -> PageView.of(objects.stream().map(view).toList(), page, total)));
    }

    /** Matches an {@link IntegrityException} with this MySQL/MariaDB error code. */
    private static Predicate<Throwable> code(int errorCode) {
        return error -> error instanceof IntegrityException integrity && integrity.errorCode() == errorCode;
    }

    private static String join(Collection<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
