package dev.retort.orm.mapping;

import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.expression.Ordering;
import java.lang.invoke.MethodHandle;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@link Relation} built by {@link RelationResolver}; immutable once its inverse is linked at registration. */
final class RelationModel<O, T> implements Relation<O, T> {

    private final String name;
    private final Mapper<O> owner;
    private final Mapper<T> target;
    private final Kind kind;
    private final boolean writeOnly;
    private final Set<Cascade> cascade;
    private final Loading loading;
    private final List<Ordering> orderBy;
    private final List<Attribute> local;
    private final List<Attribute> remote;
    private final @Nullable Table secondary;
    private final List<Column<?>> secondaryLocal;
    private final List<Column<?>> secondaryRemote;
    private final MethodHandle getter;
    private @Nullable Relation<T, O> inverse;

    RelationModel(String name, Mapper<O> owner, Mapper<T> target, Kind kind, boolean writeOnly, Set<Cascade> cascade,
            Loading loading, List<Ordering> orderBy, List<Attribute> local, List<Attribute> remote, @Nullable Table secondary,
            List<Column<?>> secondaryLocal, List<Column<?>> secondaryRemote, MethodHandle getter) {
        this.name = name;
        this.owner = owner;
        this.target = target;
        this.kind = kind;
        this.writeOnly = writeOnly;
        this.cascade = expand(cascade);
        this.loading = loading;
        this.orderBy = List.copyOf(orderBy);
        this.local = List.copyOf(local);
        this.remote = List.copyOf(remote);
        this.secondary = secondary;
        this.secondaryLocal = List.copyOf(secondaryLocal);
        this.secondaryRemote = List.copyOf(secondaryRemote);
        this.getter = getter;
    }

    static Set<Cascade> expand(Set<Cascade> declared) {
        EnumSet<Cascade> expanded = declared.isEmpty() ? EnumSet.noneOf(Cascade.class) : EnumSet.copyOf(declared);
        if (expanded.remove(Cascade.ALL)) {
            expanded.addAll(List.of(Cascade.SAVE_UPDATE, Cascade.MERGE, Cascade.DELETE));
        }
        return Set.copyOf(expanded);
    }

    void inverse(Relation<T, O> relation) {
        inverse = relation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Mapper<O> owner() {
        return owner;
    }

    @Override
    public Mapper<T> target() {
        return target;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public boolean isCollection() {
        return kind == Kind.ONE_TO_MANY || kind == Kind.MANY_TO_MANY;
    }

    @Override
    public boolean isWriteOnly() {
        return writeOnly;
    }

    @Override
    public Optional<Relation<T, O>> inverse() {
        return Optional.ofNullable(inverse);
    }

    @Override
    public Set<Cascade> cascade() {
        return cascade;
    }

    @Override
    public boolean cascades(Cascade operation) {
        return operation == Cascade.ALL ? cascade.containsAll(expand(Set.of(Cascade.ALL))) : cascade.contains(operation);
    }

    @Override
    public Loading loading() {
        return loading;
    }

    @Override
    public List<Ordering> orderBy() {
        return orderBy;
    }

    @Override
    public List<Attribute> localAttributes() {
        return local;
    }

    @Override
    public List<Attribute> remoteAttributes() {
        return remote;
    }

    @Override
    public Optional<Table> secondary() {
        return Optional.ofNullable(secondary);
    }

    @Override
    public List<Column<?>> secondaryLocalColumns() {
        return secondaryLocal;
    }

    @Override
    public List<Column<?>> secondaryRemoteColumns() {
        return secondaryRemote;
    }

    @Override
    public Object holder(Object entity) {
        try {
            return (Object) getter.invokeExact(entity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Reading " + this + " failed", e);
        }
    }

    @Override
    public String toString() {
        return owner.entityClass().getSimpleName() + "." + name + " (" + kind + " " + target.entityClass().getSimpleName() + ")";
    }
}
