package dev.retort.orm.internal;

import dev.retort.orm.mapping.Attribute;
import dev.retort.orm.mapping.Mapper;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A row's identity: the entity class and its primary-key values (numbers normalised to the fields' types). */
record IdentityKey(Class<?> type, List<Object> values) {

    /** The key of {@code values} given in {@code @Id} order, or {@code null} when one is unset. */
    static @Nullable IdentityKey of(Mapper<?> mapper, @Nullable Object[] values) {
        List<Attribute> ids = mapper.primaryKey();
        Object[] normalised = new Object[ids.size()];
        for (int i = 0; i < normalised.length; i++) {
            Object value = ids.get(i).coerce(values[i]);
            if (value == null) {
                return null;
            }
            normalised[i] = value;
        }
        return new IdentityKey(mapper.entityClass(), Arrays.asList(normalised));
    }

    /** The key an object's current key fields give, or {@code null} when one is unset. */
    static @Nullable IdentityKey ofEntity(Mapper<?> mapper, Object entity) {
        List<Attribute> ids = mapper.primaryKey();
        Object[] values = new Object[ids.size()];
        for (int i = 0; i < values.length; i++) {
            Attribute id = ids.get(i);
            Object value = id.get(entity);
            values[i] = id.isGenerated() && id.isUnset(value) ? null : value;
        }
        return of(mapper, values);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + (values.size() == 1 ? "#" + values.get(0) : values.toString());
    }
}
