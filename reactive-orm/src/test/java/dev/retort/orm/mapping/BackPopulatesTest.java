package dev.retort.orm.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.InvalidRequestException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The in-memory side of {@code backPopulates} on new (transient) objects: changing one side of a
 * relationship changes the other, for every way a {@link ToOne}, {@link ToMany} or {@link WriteOnly}
 * can be changed. No session, no database.
 */
class BackPopulatesTest {

    @Entity(table = "bpt_users")
    static class User {
        @Id Integer id;

        @Relationship(backPopulates = "user")
        final ToMany<Post> posts = ToMany.of(this);

        User(int id) {
            this.id = id;
        }

        User() {
        }

        @Override
        public String toString() {
            return "User" + id;
        }
    }

    @Entity(table = "bpt_posts")
    static class Post {
        @Id Integer id;
        @ForeignKey(entity = User.class) Integer userId;

        @Relationship(backPopulates = "posts")
        final ToOne<User> user = ToOne.of(this);

        @Relationship(secondary = "bpt_post_tags", backPopulates = "posts")
        final ToMany<Tag> tags = ToMany.of(this);

        Post(int id) {
            this.id = id;
        }

        Post() {
        }

        @Override
        public String toString() {
            return "Post" + id;
        }
    }

    /** Equal by name, to show that collections hold objects by identity. */
    @Entity(table = "bpt_tags")
    static class Tag {
        @Id @Column(length = 20) String name;

        @Relationship(secondary = "bpt_post_tags", backPopulates = "tags")
        final ToMany<Post> posts = ToMany.of(this);

        Tag(String name) {
            this.name = name;
        }

        Tag() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tag tag && Objects.equals(tag.name, name);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(name);
        }

        @Override
        public String toString() {
            return "Tag " + name;
        }
    }

    @Entity(table = "bpt_people")
    static class Person {
        @Id Integer id;

        @Relationship(backPopulates = "person")
        final ToOne<Passport> passport = ToOne.of(this);
    }

    @Entity(table = "bpt_passports")
    static class Passport {
        @Id Integer id;
        @ForeignKey(entity = Person.class) Integer personId;

        @Relationship(backPopulates = "passport")
        final ToOne<Person> person = ToOne.of(this);
    }

    @Entity(table = "bpt_streams")
    static class Stream {
        @Id Integer id;

        @Relationship(backPopulates = "stream")
        final WriteOnly<LogEntry> entries = WriteOnly.of(this);
    }

    @Entity(table = "bpt_log_entries")
    static class LogEntry {
        @Id Integer id;
        @ForeignKey(entity = Stream.class) Integer streamId;

        @Relationship(backPopulates = "entries")
        final ToOne<Stream> stream = ToOne.of(this);
    }

    @Entity(table = "bpt_boxes")
    static class Box {
        @Id Integer id;

        @Relationship(backPopulates = "box")
        ToMany<Thing> things = ToMany.of(this);
    }

    @Entity(table = "bpt_things")
    static class Thing {
        @Id Integer id;
        @ForeignKey(entity = Box.class) Integer boxId;

        @Relationship(backPopulates = "things")
        final ToOne<Box> box = ToOne.of(this);
    }

    static {
        Mapping.of(User.class, Person.class, Stream.class, Box.class);
    }

    // ---- many-to-one and one-to-many ------------------------------------------------------------

    @Test
    void settingTheToOneAddsToTheCollection() {
        User user = new User(1);
        Post post = new Post(10);

        post.user.set(user);

        assertThat(post.user.get()).isSameAs(user);
        assertThat(user.posts).containsExactly(post);
        assertThat(post.user.isLoaded()).isTrue();
        assertThat(user.posts.isLoaded()).isTrue();
    }

    @Test
    void addingToTheCollectionSetsTheToOne() {
        User user = new User(1);
        Post first = new Post(10);
        Post second = new Post(11);

        assertThat(user.posts.add(first)).isTrue();
        user.posts.add(0, second);

        assertThat(first.user.get()).isSameAs(user);
        assertThat(second.user.get()).isSameAs(user);
        assertThat(user.posts).containsExactly(second, first);
    }

    @Test
    void movingAPostTakesItFromTheOldUser() {
        User alice = new User(1);
        User bob = new User(2);
        User carol = new User(3);
        Post post = new Post(10);
        Post other = new Post(11);
        alice.posts.addAll(List.of(post, other));

        post.user.set(bob);
        assertThat(alice.posts).containsExactly(other);
        assertThat(bob.posts).containsExactly(post);

        carol.posts.add(post);
        assertThat(bob.posts).isEmpty();
        assertThat(carol.posts).containsExactly(post);
        assertThat(post.user.get()).isSameAs(carol);
    }

    @Test
    void removingUnsetsTheOtherSide() {
        User user = new User(1);
        Post first = new Post(10);
        Post second = new Post(11);
        user.posts.addAll(List.of(first, second));

        assertThat(user.posts.remove(first)).isTrue();
        assertThat(first.user.get()).isNull();
        assertThat(user.posts.remove(first)).isFalse();

        second.user.set(null);
        assertThat(user.posts).isEmpty();
        assertThat(second.user.get()).isNull();

        Post third = new Post(12);
        user.posts.add(third);
        assertThat(user.posts.remove(0)).isSameAs(third);
        assertThat(third.user.get()).isNull();
    }

    @Test
    void aCollectionHoldsEachObjectOnce() {
        User user = new User(1);
        Post post = new Post(10);

        assertThat(user.posts.add(post)).isTrue();
        assertThat(user.posts.add(post)).isFalse();
        user.posts.add(0, post);
        assertThat(user.posts.addAll(List.of(post, post))).isFalse();
        assertThat(user.posts).containsExactly(post);

        Post other = new Post(11);
        other.user.set(user);
        assertThat(user.posts.add(other)).isFalse();
        other.user.set(user);
        assertThat(user.posts).containsExactly(post, other);
        assertThat(user.posts.indexOf(other)).isEqualTo(1);
        assertThat(user.posts.contains(other)).isTrue();
    }

    @Test
    void addAllAtAnIndexSkipsWhatIsHeldAndKeepsTheOrder() {
        User user = new User(1);
        Post a = new Post(1);
        Post b = new Post(2);
        Post c = new Post(3);
        Post d = new Post(4);
        user.posts.addAll(List.of(a, b));

        assertThat(user.posts.addAll(1, List.of(a, c, b, d))).isTrue();
        assertThat(user.posts).containsExactly(a, c, d, b);
        assertThat(user.posts.addAll(0, List.of(d, c))).isFalse();
        assertThat(user.posts).containsExactly(a, c, d, b);
        assertThat(d.user.get()).isSameAs(user);
    }

    @Test
    void setReplacesAndKeepsBothSidesInStep() {
        User alice = new User(1);
        User bob = new User(2);
        Post a = new Post(1);
        Post b = new Post(2);
        Post c = new Post(3);
        alice.posts.addAll(List.of(a, b));
        bob.posts.add(c);

        assertThat(alice.posts.set(0, c)).isSameAs(a);

        assertThat(alice.posts).containsExactly(c, b);
        assertThat(a.user.get()).isNull();
        assertThat(c.user.get()).isSameAs(alice);
        assertThat(bob.posts).isEmpty();
        assertThat(alice.posts.set(1, b)).isSameAs(b);
        assertThat(alice.posts).containsExactly(c, b);
    }

    @Test
    void setToAnObjectHeldElsewhereInTheListChangesNothing() {
        User user = new User(1);
        Post a = new Post(1);
        Post b = new Post(2);
        user.posts.addAll(List.of(a, b));

        assertThatThrownBy(() -> user.posts.set(0, b)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("User.posts holds Post2 already, at index 1; remove it first");

        assertThat(user.posts).containsExactly(a, b);
        assertThat(a.user.get()).isSameAs(user);
        assertThat(b.user.get()).isSameAs(user);
    }

    @Test
    void sortReordersWithoutChangingTheOtherSide() {
        User user = new User(1);
        Post a = new Post(1);
        Post b = new Post(2);
        Post c = new Post(3);
        user.posts.addAll(List.of(b, c, a));

        user.posts.sort(Comparator.comparing(post -> post.id));

        assertThat(user.posts).containsExactly(a, b, c);
        assertThat(List.of(a, b, c)).allSatisfy(post -> assertThat(post.user.get()).isSameAs(user));
    }

    @Test
    void clearUnsetsEveryToOne() {
        User user = new User(1);
        Post a = new Post(1);
        Post b = new Post(2);
        user.posts.addAll(List.of(a, b));

        user.posts.clear();

        assertThat(user.posts).isEmpty();
        assertThat(a.user.get()).isNull();
        assertThat(b.user.get()).isNull();
    }

    @Test
    void removeIfUnsetsTheRemovedOnly() {
        User user = new User(1);
        Post a = new Post(1);
        Post b = new Post(2);
        Post c = new Post(3);
        user.posts.addAll(List.of(a, b, c));

        assertThat(user.posts.removeIf(post -> post.id % 2 == 1)).isTrue();

        assertThat(user.posts).containsExactly(b);
        assertThat(a.user.get()).isNull();
        assertThat(b.user.get()).isSameAs(user);
        assertThat(c.user.get()).isNull();
    }

    @Test
    void iteratorRemoveAndListIteratorSetKeepTheOtherSideInStep() {
        User user = new User(1);
        Post a = new Post(1);
        Post b = new Post(2);
        Post c = new Post(3);
        user.posts.addAll(List.of(a, b));

        Iterator<Post> iterator = user.posts.iterator();
        iterator.next();
        iterator.remove();
        assertThat(user.posts).containsExactly(b);
        assertThat(a.user.get()).isNull();

        ListIterator<Post> listIterator = user.posts.listIterator();
        listIterator.next();
        listIterator.set(c);
        listIterator.add(a);
        assertThat(listIterator.hasNext()).isFalse();
        assertThat(user.posts).containsExactly(c, a);
        assertThat(b.user.get()).isNull();
        assertThat(c.user.get()).isSameAs(user);
        assertThat(a.user.get()).isSameAs(user);

        user.posts.subList(0, 1).clear();
        assertThat(user.posts).containsExactly(a);
        assertThat(c.user.get()).isNull();
    }

    @Test
    void nullIsNotAnElement() {
        User user = new User(1);

        assertThatThrownBy(() -> user.posts.add(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("a collection cannot hold null");
        assertThat(user.posts.contains(null)).isFalse();
        assertThat(user.posts.remove(null)).isFalse();
        assertThat(user.posts).isEmpty();
    }

    // ---- many-to-many ---------------------------------------------------------------------------

    @Test
    void manyToManyBothWays() {
        Post post = new Post(1);
        Post other = new Post(2);
        Tag java = new Tag("java");
        Tag sql = new Tag("sql");

        post.tags.add(java);
        post.tags.add(sql);
        java.posts.add(other);

        assertThat(java.posts).containsExactly(post, other);
        assertThat(sql.posts).containsExactly(post);
        assertThat(other.tags).containsExactly(java);

        java.posts.remove(post);
        assertThat(post.tags).containsExactly(sql);
        assertThat(java.posts).containsExactly(other);

        post.tags.clear();
        assertThat(sql.posts).isEmpty();
        assertThat(other.tags).containsExactly(java);
    }

    @Test
    void collectionsHoldObjectsByIdentityNotEquality() {
        Post post = new Post(1);
        Tag java = new Tag("java");
        Tag equalJava = new Tag("java");
        assertThat(java).isEqualTo(equalJava);

        assertThat(post.tags.add(java)).isTrue();
        assertThat(post.tags.add(equalJava)).isTrue();
        assertThat(post.tags).hasSize(2);
        assertThat(post.tags.indexOf(equalJava)).isEqualTo(1);

        assertThat(post.tags.remove(equalJava)).isTrue();
        assertThat(post.tags).singleElement().isSameAs(java);
        assertThat(equalJava.posts).isEmpty();
        assertThat(java.posts).containsExactly(post);
    }

    // ---- one-to-one -----------------------------------------------------------------------------

    @Test
    void oneToOneBothWays() {
        Person ann = new Person();
        Person ben = new Person();
        Passport first = new Passport();
        Passport second = new Passport();

        ann.passport.set(first);
        assertThat(first.person.get()).isSameAs(ann);

        second.person.set(ben);
        assertThat(ben.passport.get()).isSameAs(second);

        ann.passport.set(second);
        assertThat(first.person.get()).isNull();
        assertThat(second.person.get()).isSameAs(ann);
        assertThat(ben.passport.get()).isNull();

        second.person.set(ben);
        assertThat(ann.passport.get()).isNull();
        assertThat(ben.passport.get()).isSameAs(second);

        ben.passport.set(null);
        assertThat(second.person.get()).isNull();
    }

    // ---- write-only collections -------------------------------------------------------------------

    @Test
    void writeOnlyAddAndRemoveSetTheToOne() {
        Stream stream = new Stream();
        Stream other = new Stream();
        LogEntry entry = new LogEntry();

        stream.entries.add(entry);
        assertThat(entry.stream.get()).isSameAs(stream);

        other.entries.add(entry);
        assertThat(entry.stream.get()).isSameAs(other);

        other.entries.remove(entry);
        assertThat(entry.stream.get()).isNull();

        entry.stream.set(stream);
        assertThat(entry.stream.get()).isSameAs(stream);
    }

    // ---- mistakes -------------------------------------------------------------------------------

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anObjectOfAnotherClassIsRefused() {
        User user = new User(1);
        Post post = new Post(1);
        Tag tag = new Tag("java");

        assertThatThrownBy(() -> ((List) user.posts).add(tag)).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("User.posts holds Post objects, not dev.retort.orm.mapping.BackPopulatesTest$Tag");
        assertThatThrownBy(() -> ((ToOne) post.user).set(tag)).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Post.user holds User objects, not dev.retort.orm.mapping.BackPopulatesTest$Tag");
        assertThatThrownBy(() -> ((List) user.posts).add(0, "text")).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("User.posts holds Post objects, not java.lang.String");
        assertThatThrownBy(() -> ((WriteOnly) new Stream().entries).add(post)).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("Stream.entries holds LogEntry objects, not dev.retort.orm.mapping.BackPopulatesTest$Post");
        assertThat(user.posts).isEmpty();
        assertThat(post.user.get()).isNull();
        assertThat(tag.posts).isEmpty();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void setToAnObjectOfAnotherClassChangesNothing() {
        User user = new User(1);
        Post post = new Post(1);
        user.posts.add(post);

        assertThatThrownBy(() -> ((List) user.posts).set(0, new Tag("java"))).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("User.posts holds Post objects, not dev.retort.orm.mapping.BackPopulatesTest$Tag");

        assertThat(user.posts).containsExactly(post);
        assertThat(post.user.get()).isSameAs(user);
    }

    private static final String NOT_IN_A_FIELD = " is not in one of its relationship fields; create each holder in its field's"
            + " initializer with `this` as the owner, e.g. `final ToMany<Post> posts = ToMany.of(this)`";

    @Test
    void aHolderThatIsNotInItsOwnersField() {
        User user = new User(1);
        Post post = new Post(1);
        ToMany<Post> loose = ToMany.of(user);
        ToOne<User> stray = ToOne.of(post);

        assertThatThrownBy(() -> loose.add(post)).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("A relationship holder of User" + NOT_IN_A_FIELD);
        assertThatThrownBy(() -> stray.set(user)).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("A relationship holder of Post" + NOT_IN_A_FIELD);
        assertThat(user.posts).isEmpty();
        assertThat(post.user.get()).isNull();
    }

    @Test
    void aHolderWhoseOwnerIsNotAnEntity() {
        ToMany<Post> orphan = ToMany.of("not an entity");

        assertThatThrownBy(() -> orphan.add(new Post(1))).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("A relationship holder of String" + NOT_IN_A_FIELD);
    }

    @Test
    void aHolderInTheFieldOfAnotherOwner() {
        Box first = new Box();
        Box second = new Box();
        second.things = first.things;
        Thing thing = new Thing();

        assertThatThrownBy(() -> thing.box.set(second)).isExactlyInstanceOf(InvalidRequestException.class)
                .hasMessage("A relationship holder of Box" + NOT_IN_A_FIELD);
        assertThat(first.things).isEmpty();
        assertThat(thing.box.get()).isNull();
    }
}
