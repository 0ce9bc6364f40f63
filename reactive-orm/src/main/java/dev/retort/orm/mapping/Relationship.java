package dev.retort.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Options of a relationship field: a {@link ToOne}, {@link ToMany} or {@link WriteOnly} holder
 * created with its owner. The holder's type says one or many; the foreign keys say the direction:
 *
 * <pre>{@code
 * @Entity(table = "posts")
 * class Post {
 *     @Id @GeneratedValue Long id;
 *     @ForeignKey(entity = User.class) Long userId;
 *
 *     @Relationship(backPopulates = "posts")             // many-to-one: Post has the foreign key
 *     final ToOne<User> user = ToOne.of(this);
 *
 *     @Relationship(secondary = "post_tags", backPopulates = "posts", orderBy = "name")
 *     final ToMany<Tag> tags = ToMany.of(this);          // many-to-many through post_tags
 * }
 *
 * @Entity(table = "users")
 * class User {
 *     @Id @GeneratedValue Long id;
 *
 *     @Relationship(backPopulates = "user", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN})
 *     final ToMany<Post> posts = ToMany.of(this);        // one-to-many: the foreign key is Post.userId
 * }
 * }</pre>
 *
 * <p>A holder field needs no annotation when the defaults fit. Direction: a {@code ToOne} whose
 * class has a foreign key to the target is many-to-one; a {@code ToOne} whose target has the
 * foreign key back is one-to-one (the other side of a many-to-one); a {@code ToMany} is
 * one-to-many through the target's foreign key, or many-to-many with {@link #secondary()}.
 * Self-referential relationships (adjacency lists) follow the same rules: the class's own foreign
 * key makes its {@code ToOne} the parent and its {@code ToMany} the children.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Relationship {

    /**
     * The relationship field on the target class that mirrors this one (SQLAlchemy's
     * {@code back_populates}; JPA's {@code mappedBy} on the one-to-many side). Changing one side in
     * memory changes the other when it is loaded.
     */
    String backPopulates() default "";

    /**
     * The foreign-key field(s) joining the two classes, in the class that has them (this class for
     * many-to-one, the target for one-to-many and one-to-one). Needed only when that class has more
     * than one foreign key to the other class's table: foreign-key fields that refer together to
     * its primary key, each column once, are one composite key; any other set of foreign keys to
     * that table is several keys.
     */
    String[] foreignKey() default {};

    /**
     * The association table of a many-to-many relationship. When no table of that name is mapped,
     * one is created with the two classes' primary keys as columns named
     * {@code <snake_case class>_<key column>} (say {@code post_id}, {@code tag_id}), both foreign
     * keys with {@code ON DELETE CASCADE}, together the primary key. A mapped class or a table made
     * by the other side is used as it is.
     */
    String secondary() default "";

    /**
     * How the collection is ordered, by the target's field names, each optionally followed by
     * {@code " DESC"}: {@code orderBy = {"createdAt DESC", "id"}}. Every loader honours it.
     */
    String[] orderBy() default {};

    /** What operations on the owner also apply to the related objects. */
    Cascade[] cascade() default {Cascade.SAVE_UPDATE, Cascade.MERGE};

    /** How the relationship loads when a query or {@code get} does not say: {@link Loading#RAISE} by default. */
    Loading loading() default Loading.RAISE;
}
