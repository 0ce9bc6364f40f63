package dev.retort.orm.internal;

import dev.retort.orm.mapping.ToMany;
import dev.retort.orm.mapping.ToOne;
import dev.retort.orm.mapping.WriteOnly;
import java.util.Objects;

/**
 * Creates the relationship holders for {@code ToOne.of}, {@code ToMany.of} and {@code WriteOnly.of}.
 * Public only so those interfaces can reach it; not API.
 */
public final class Holders {

    private Holders() {
    }

    public static <T> ToOne<T> toOne(Object owner) {
        return new ToOneHolder<>(Objects.requireNonNull(owner, "owner"));
    }

    public static <T> ToMany<T> toMany(Object owner) {
        return new ToManyHolder<>(Objects.requireNonNull(owner, "owner"));
    }

    public static <T> WriteOnly<T> writeOnly(Object owner) {
        return new WriteOnlyHolder<>(Objects.requireNonNull(owner, "owner"));
    }
}
