package dev.retort.orm.mapping;

import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.Ordering;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One mapped relationship: a {@link ToOne}, {@link ToMany} or {@link WriteOnly} field and how it
 * joins. Built once by {@link Mapping#of} with the classes it links; immutable, thread-safe, no IO.
 * The generated metamodel exposes each one as a constant ({@code User_.POSTS}) for loader options.
 *
 * <p>The join is given as attribute pairs: {@code localAttributes().get(i)} of the owner equals
 * {@code remoteAttributes().get(i)} of the target, except for {@link Kind#MANY_TO_MANY}, where the
 * owner's key is in {@link #secondaryLocalColumns()} and the target's in
 * {@link #secondaryRemoteColumns()} of the {@link #secondary()} table.
 *
 * @param <O> the owner class (where the field is)
 * @param <T> the target class
 */
public interface Relation<O, T> {

    /** Which way the relationship runs. */
    enum Kind {
        /** The owner has the foreign key; a {@code ToOne}. Local: the foreign key; remote: the key it refers to. */
        MANY_TO_ONE,
        /** The target has the foreign key; a {@code ToMany}. Local: the referred key; remote: the foreign key. */
        ONE_TO_MANY,
        /** The target has the foreign key; a {@code ToOne} (the other side of a many-to-one). */
        ONE_TO_ONE,
        /** Through an association table; a {@code ToMany}. Local and remote: the two primary keys. */
        MANY_TO_MANY
    }

    /** The field's name. */
    String name();

    /** The class declaring the field. */
    Mapper<O> owner();

    /** The related class. */
    Mapper<T> target();

    Kind kind();

    /** Whether the field holds many objects ({@link ToMany} or {@link WriteOnly}). */
    boolean isCollection();

    /** Whether the field is a {@link WriteOnly} collection (never loaded). */
    boolean isWriteOnly();

    /** The target's relationship named by {@link Relationship#backPopulates()}, if any. */
    Optional<Relation<T, O>> inverse();

    /** The cascades, with {@link Cascade#ALL} expanded. */
    Set<Cascade> cascade();

    /** Whether {@code cascade} applies ({@link Cascade#ALL} counts for the ones it stands for). */
    boolean cascades(Cascade cascade);

    /** The default loader. */
    Loading loading();

    /** The collection's ordering over the target table's columns (empty: row order). */
    List<Ordering> orderBy();

    /** The owner's side of the join (see the class comment). */
    List<Attribute> localAttributes();

    /** The target's side of the join. */
    List<Attribute> remoteAttributes();

    /** The association table of a many-to-many relationship. */
    Optional<Table> secondary();

    /** The association table's columns referring to {@link #localAttributes()} (empty unless many-to-many). */
    List<Column<?>> secondaryLocalColumns();

    /** The association table's columns referring to {@link #remoteAttributes()} (empty unless many-to-many). */
    List<Column<?>> secondaryRemoteColumns();

    /** The holder object ({@code ToOne}, {@code ToMany} or {@code WriteOnly}) in {@code owner}'s field. */
    Object holder(Object owner);
}
