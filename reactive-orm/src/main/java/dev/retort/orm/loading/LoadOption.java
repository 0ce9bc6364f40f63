package dev.retort.orm.loading;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.orm.mapping.Loading;
import dev.retort.orm.mapping.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A loader option for a query or {@code session.load}: a path of relationships from the queried
 * class, each with the strategy that loads it. Chained paths load breadth-first, one level after
 * the other:
 *
 * <pre>{@code
 * select(User.class).options(selectinload(User_.POSTS).selectinload(Post_.TAGS))   // 3 statements in all
 * select(User.class).options(joinedload(User_.POSTS))                               // 1 statement
 * }</pre>
 *
 * <p>Immutable; building one does no IO. Start one with {@code Orm.selectinload},
 * {@code Orm.joinedload} or {@code Orm.raiseload}.
 *
 * @param <O> the class the path starts from
 * @param <T> the class the path ends at
 */
public final class LoadOption<O, T> {

    /** One relationship of the path and how it loads. */
    public record Step(Relation<?, ?> relation, Loading strategy) {
    }

    private final List<Step> steps;

    private LoadOption(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A path of one relationship. */
    public static <O, T> LoadOption<O, T> of(Relation<O, T> relation, Loading strategy) {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(strategy, "strategy");
        return new LoadOption<>(List.of(new Step(relation, checked(relation, strategy))));
    }

    /** Continues the path: {@code relation} of the objects the path reached, loaded by selectin. */
    public <X> LoadOption<O, X> selectinload(Relation<T, X> relation) {
        return then(relation, Loading.SELECTIN);
    }

    /** Continues the path: {@code relation} joined into the statement of the previous step. */
    public <X> LoadOption<O, X> joinedload(Relation<T, X> relation) {
        return then(relation, Loading.JOINED);
    }

    /** Continues the path: {@code relation} stays unloaded (reading it raises), whatever its default. */
    public <X> LoadOption<O, X> raiseload(Relation<T, X> relation) {
        return then(relation, Loading.RAISE);
    }

    private <X> LoadOption<O, X> then(Relation<T, X> relation, Loading strategy) {
        Objects.requireNonNull(relation, "relation");
        Relation<?, ?> last = steps.get(steps.size() - 1).relation();
        if (relation.owner().entityClass() != last.target().entityClass()) {
            throw new InvalidRequestException("Cannot continue the loader path at " + last + " with " + relation
                    + ": it starts from " + relation.owner().entityClass().getSimpleName() + ", not "
                    + last.target().entityClass().getSimpleName());
        }
        List<Step> longer = new ArrayList<>(steps);
        longer.add(new Step(relation, checked(relation, strategy)));
        return new LoadOption<>(longer);
    }

    private static Loading checked(Relation<?, ?> relation, Loading strategy) {
        if (relation.isWriteOnly() && strategy != Loading.RAISE) {
            throw new InvalidRequestException(relation + " is write-only and never loads; query it with its select()");
        }
        return strategy;
    }

    /** The class the path starts from. */
    public Class<?> root() {
        return steps.get(0).relation().owner().entityClass();
    }

    /** The steps, from the root. */
    public List<Step> steps() {
        return steps;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            text.append(text.length() == 0 ? "" : ".").append(step.strategy().name().toLowerCase(Locale.ROOT))
                    .append("load(").append(step.relation().owner().entityClass().getSimpleName()).append('.')
                    .append(step.relation().name()).append(')');
        }
        return text.toString();
    }
}
