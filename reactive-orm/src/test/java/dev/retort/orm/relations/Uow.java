package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.engine.Engine;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.orm.mapping.Cascade;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.GeneratedValue;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import dev.retort.orm.mapping.Relationship;
import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import dev.retort.orm.mapping.Version;
import dev.retort.orm.mapping.WriteOnly;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The unit-of-work tests' models, every table prefixed {@code uw_}. Each group is a mapping of its
 * own: the blog with cascades ({@link #BLOG}), parents without delete cascade ({@link #PLAIN}), an
 * adjacency list ({@link #TREE}), an association object ({@link #LINKS}), write-only collections,
 * one-to-many and many-to-many ({@link #LOGS}), many-to-many with a DELETE cascade ({@link #CASCADED_LINKS}),
 * and composite keys ({@link #REGIONS}).
 */
final class Uow {

    // ---- the blog: users → posts (ALL, DELETE_ORPHAN) → comments (ALL); posts ↔ tags; user → profile (one-to-one)

    @Entity(table = "uw_users")
    static class User {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "user", orderBy = "id", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToMany<Post> posts = ToMany.of(this);

        @Relationship(backPopulates = "user", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToOne<Profile> profile = ToOne.of(this);

        User() {
        }

        User(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "User(" + id + ", " + name + ")";
        }
    }

    @Entity(table = "uw_profiles")
    static class Profile {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = User.class) Long userId;
        @Column(length = 80) String bio;

        @Relationship(backPopulates = "profile")
        final ToOne<User> user = ToOne.of(this);

        Profile() {
        }

        Profile(String bio) {
            this.bio = bio;
        }
    }

    @Entity(table = "uw_posts")
    static class Post {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = User.class) Long userId;
        @Column(length = 80) String title;

        @Relationship(backPopulates = "posts")
        final ToOne<User> user = ToOne.of(this);

        @Relationship(backPopulates = "post", orderBy = "id", cascade = Cascade.ALL)
        final ToMany<Comment> comments = ToMany.of(this);

        @Relationship(secondary = "uw_post_tags", backPopulates = "posts", orderBy = "name")
        final ToMany<Tag> tags = ToMany.of(this);

        Post() {
        }

        Post(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return "Post(" + id + ", " + title + ")";
        }
    }

    @Entity(table = "uw_comments")
    static class Comment {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = Post.class) Long postId;
        @Column(length = 80) String text;

        @Relationship(backPopulates = "comments")
        final ToOne<Post> post = ToOne.of(this);

        Comment() {
        }

        Comment(String text) {
            this.text = text;
        }
    }

    @Entity(table = "uw_tags")
    static class Tag {
        @Id @GeneratedValue Long id;
        @Column(length = 40, unique = true) String name;

        @Relationship(secondary = "uw_post_tags", backPopulates = "tags", orderBy = "id")
        final ToMany<Post> posts = ToMany.of(this);

        Tag() {
        }

        Tag(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "Tag(" + id + ", " + name + ")";
        }
    }

    static final Mapping BLOG = Mapping.of(User.class, Profile.class, Post.class, Comment.class, Tag.class);

    static void clearBlog(Engine engine) {
        clear(engine, "uw_post_tags", "uw_comments", "uw_posts", "uw_tags", "uw_profiles", "uw_users");
    }

    /**
     * {@code users} users (ids 1…n, "user1"…), each with {@code posts} posts (ids {@code user * 100 + i},
     * "post101"…) each with {@code comments} comments (ids {@code post * 10 + i}); no tags, no profiles.
     */
    static void seedBlog(Engine engine, int users, int posts, int comments) {
        clearBlog(engine);
        StringBuilder userRows = new StringBuilder();
        StringBuilder postRows = new StringBuilder();
        StringBuilder commentRows = new StringBuilder();
        for (int u = 1; u <= users; u++) {
            append(userRows, "(" + u + ", 'user" + u + "')");
            for (int p = 0; p < posts; p++) {
                long post = u * 100L + p;
                append(postRows, "(" + post + ", " + u + ", 'post" + post + "')");
                for (int c = 0; c < comments; c++) {
                    long comment = post * 10 + c;
                    append(commentRows, "(" + comment + ", " + post + ", 'comment" + comment + "')");
                }
            }
        }
        insert(engine, "uw_users (id, name)", userRows);
        insert(engine, "uw_posts (id, user_id, title)", postRows);
        insert(engine, "uw_comments (id, post_id, text)", commentRows);
    }

    // ---- parents without delete cascade: authors → books (FK ON DELETE SET NULL), owners → pets (FK NOT NULL)

    @Entity(table = "uw_authors")
    static class Author {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "author", orderBy = "id")
        final ToMany<Book> books = ToMany.of(this);

        Author() {
        }

        Author(String name) {
            this.name = name;
        }
    }

    @Entity(table = "uw_books")
    static class Book {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = Author.class, onDelete = ReferentialAction.SET_NULL) Long authorId;
        @Column(length = 40) String title;

        @Relationship(backPopulates = "books")
        final ToOne<Author> author = ToOne.of(this);

        Book() {
        }

        Book(String title) {
            this.title = title;
        }
    }

    /** Neither side cascades save-update: related objects must be added to the session by hand. */
    @Entity(table = "uw_owners")
    static class Owner {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "owner", orderBy = "id", cascade = {})
        final ToMany<Pet> pets = ToMany.of(this);

        Owner() {
        }

        Owner(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "Owner(" + id + ", " + name + ")";
        }
    }

    @Entity(table = "uw_pets")
    static class Pet {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = Owner.class) @Column(nullable = false) Long ownerId;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "pets", cascade = {})
        final ToOne<Owner> owner = ToOne.of(this);

        Pet() {
        }

        Pet(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "Pet(" + id + ", " + name + ")";
        }
    }

    static final Mapping PLAIN = Mapping.of(Author.class, Book.class, Owner.class, Pet.class);

    // ---- adjacency list

    @Entity(table = "uw_nodes")
    static class Node {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = Node.class) Long parentId;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "children")
        final ToOne<Node> parent = ToOne.of(this);

        @Relationship(backPopulates = "parent", orderBy = "id", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToMany<Node> children = ToMany.of(this);

        Node() {
        }

        Node(String name) {
            this.name = name;
        }

        Node child(String childName) {
            Node child = new Node(childName);
            children.add(child);
            return child;
        }
    }

    static final Mapping TREE = Mapping.of(Node.class);

    // ---- association object: articles ↔ labels through Labelling (composite key of two foreign keys)

    @Entity(table = "uw_articles")
    static class Article {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String title;

        @Relationship(backPopulates = "article", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToMany<Labelling> labellings = ToMany.of(this);

        Article() {
        }

        Article(String title) {
            this.title = title;
        }
    }

    @Entity(table = "uw_labels")
    static class Label {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "label", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToMany<Labelling> labellings = ToMany.of(this);

        Label() {
        }

        Label(String name) {
            this.name = name;
        }
    }

    @Entity(table = "uw_labellings")
    static class Labelling {
        @Id @ForeignKey(entity = Article.class) Long articleId;
        @Id @ForeignKey(entity = Label.class) Long labelId;
        @Column(length = 40) String note;
        @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime createdAt;

        @Relationship(backPopulates = "labellings")
        final ToOne<Article> article = ToOne.of(this);

        @Relationship(backPopulates = "labellings")
        final ToOne<Label> label = ToOne.of(this);

        Labelling() {
        }

        Labelling(Article article, Label label, String note) {
            this.note = note;
            this.article.set(article);
            this.label.set(label);
        }
    }

    static final Mapping LINKS = Mapping.of(Article.class, Label.class, Labelling.class);

    // ---- write-only collections: streams → entries (orphans deleted), journals → notes (orphans unlinked)

    @Entity(table = "uw_streams")
    static class Stream {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(orderBy = {"seq DESC", "id"}, cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final WriteOnly<LogEntry> entries = WriteOnly.of(this);

        Stream() {
        }

        Stream(String name) {
            this.name = name;
        }
    }

    @Entity(table = "uw_log_entries")
    static class LogEntry {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = Stream.class) Long streamId;
        int seq;
        @Column(length = 10) String level;

        LogEntry() {
        }

        LogEntry(int seq, String level) {
            this.seq = seq;
            this.level = level;
        }

        @Override
        public String toString() {
            return "LogEntry(" + seq + ", " + level + ")";
        }
    }

    @Entity(table = "uw_journals")
    static class Journal {
        @Id @GeneratedValue Long id;

        @Relationship(orderBy = "id")
        final WriteOnly<Note> notes = WriteOnly.of(this);
    }

    @Entity(table = "uw_notes")
    static class Note {
        @Id @GeneratedValue Long id;
        @ForeignKey(entity = Journal.class) Long journalId;
        @Column(length = 40) String text;

        Note() {
        }

        Note(String text) {
            this.text = text;
        }
    }

    // ---- write-only many-to-many: playlists → songs through uw_playlist_songs, a mapped association
    //      table whose foreign keys have no ON DELETE CASCADE (the flush must delete its rows itself)

    @Entity(table = "uw_playlists")
    static class Playlist {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(secondary = "uw_playlist_songs", backPopulates = "playlists", orderBy = {"title", "id"})
        final WriteOnly<Song> songs = WriteOnly.of(this);

        Playlist() {
        }

        Playlist(String name) {
            this.name = name;
        }
    }

    @Entity(table = "uw_songs")
    static class Song {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String title;

        @Relationship(secondary = "uw_playlist_songs", backPopulates = "songs")
        final ToMany<Playlist> playlists = ToMany.of(this);

        Song() {
        }

        Song(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return "Song(" + id + ", " + title + ")";
        }
    }

    @Entity(table = "uw_playlist_songs")
    static class PlaylistSong {
        @Id @ForeignKey(entity = Playlist.class) Long playlistId;
        @Id @ForeignKey(entity = Song.class) Long songId;
        @Column(serverDefault = "CURRENT_TIMESTAMP") LocalDateTime addedAt;
    }

    static final Mapping LOGS = Mapping.of(Stream.class, LogEntry.class, Journal.class, Note.class,
            Playlist.class, Song.class, PlaylistSong.class);

    // ---- many-to-many with a DELETE cascade, declared on the owner's side only, through mapped
    //      association tables whose foreign keys have no ON DELETE CASCADE: albums → tracks (write-only),
    //      decks → cards (loaded); an album's track rows carry a @Version, so they can be deleted as objects

    @Entity(table = "uw_albums")
    static class Album {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(secondary = "uw_album_tracks", orderBy = "id", cascade = Cascade.ALL)
        final WriteOnly<Track> tracks = WriteOnly.of(this);
    }

    @Entity(table = "uw_tracks")
    static class Track {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String title;
    }

    @Entity(table = "uw_album_tracks")
    static class AlbumTrack {
        @Id @ForeignKey(entity = Album.class) Long albumId;
        @Id @ForeignKey(entity = Track.class) Long trackId;
        @Version @Column(serverDefault = "1") Long version;
    }

    @Entity(table = "uw_decks")
    static class Deck {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;

        @Relationship(secondary = "uw_deck_cards", orderBy = "id", cascade = Cascade.ALL)
        final ToMany<Card> cards = ToMany.of(this);
    }

    @Entity(table = "uw_cards")
    static class Card {
        @Id @GeneratedValue Long id;
        @Column(length = 40) String name;
    }

    @Entity(table = "uw_deck_cards")
    static class DeckCard {
        @Id @ForeignKey(entity = Deck.class) Long deckId;
        @Id @ForeignKey(entity = Card.class) Long cardId;
    }

    static final Mapping CASCADED_LINKS = Mapping.of(Album.class, Track.class, AlbumTrack.class, Deck.class, Card.class, DeckCard.class);

    // ---- composite keys: a region keyed (country, code) and its stores

    @Entity(table = "uw_regions")
    static class Region {
        @Id @Column(length = 2) String country;
        @Id @Column(length = 8) String code;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "region", orderBy = "id", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
        final ToMany<Store> stores = ToMany.of(this);

        Region() {
        }

        Region(String country, String code, String name) {
            this.country = country;
            this.code = code;
            this.name = name;
        }
    }

    @Entity(table = "uw_stores")
    static class Store {
        @Id @GeneratedValue Long id;
        @ForeignKey(target = "uw_regions.country") @Column(length = 2) String regionCountry;
        @ForeignKey(target = "uw_regions.code") @Column(length = 8) String regionCode;
        @Column(length = 40) String name;

        @Relationship(backPopulates = "stores")
        final ToOne<Region> region = ToOne.of(this);

        Store() {
        }

        Store(String name) {
            this.name = name;
        }
    }

    static final Mapping REGIONS = Mapping.of(Region.class, Store.class);

    // ---- helpers

    private Uow() {
    }

    static void clear(Engine engine, String... tables) {
        for (String table : tables) {
            engine.execute(text("DELETE FROM " + table)).rowcount().block();
        }
    }

    static List<String> rows(Engine engine, String sql) {
        return engine.execute(text(sql)).scalars(Object.class).map(String::valueOf).collectList().block();
    }

    static long count(Engine engine, String table) {
        return engine.execute(text("SELECT COUNT(*) FROM " + table)).scalar(Long.class).block();
    }

    private static void append(StringBuilder rows, String row) {
        rows.append(rows.length() == 0 ? "" : ", ").append(row);
    }

    private static void insert(Engine engine, String into, StringBuilder rows) {
        if (rows.length() > 0) {
            engine.execute(text("INSERT INTO " + into + " VALUES " + rows)).rowcount().block();
        }
    }
}
