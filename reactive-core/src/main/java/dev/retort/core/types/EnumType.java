package dev.retort.core.types;

import dev.retort.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code ENUM('a', 'b', …)}. Made from labels ({@link Types#enumOf(String...)}, Java
 * {@link String} values) or from a Java enum ({@link Types#enumOf(Class)}, stored by
 * {@link Enum#name()}). A value that is not one of the labels is refused before anything is sent.
 *
 * @param <E> String or the Java enum type
 */
public final class EnumType<E> implements SqlType<E> {

    private final Class<E> javaType;
    private final List<String> labels;
    private final @Nullable String name;

    private EnumType(Class<E> javaType, List<String> labels, @Nullable String name) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("An ENUM needs at least one label");
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("ENUM labels must be distinct: " + labels);
        }
        this.javaType = javaType;
        this.labels = List.copyOf(labels);
        this.name = name;
    }

    static EnumType<String> ofLabels(List<String> labels) {
        return new EnumType<>(String.class, labels, null);
    }

    static <E extends Enum<E>> EnumType<E> ofEnum(Class<E> type) {
        List<String> labels = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            labels.add(constant.name());
        }
        return new EnumType<>(type, labels, type.getSimpleName());
    }

    /** The labels in declaration order. */
    public List<String> labels() {
        return labels;
    }

    @Override
    public Class<E> javaType() {
        return javaType;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String label = value instanceof Enum<?> constant ? constant.name() : value.toString();
        if (!labels.contains(label)) {
            throw new InvalidRequestException("'" + label + "' is not one of " + this);
        }
        return label;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public @Nullable E fromDriver(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String label = value.toString();
        if (javaType == String.class) {
            return (E) label;
        }
        if (!labels.contains(label)) {
            throw new InvalidRequestException("'" + label + "' is not a constant of " + javaType.getName());
        }
        return (E) Enum.valueOf((Class) javaType, label);
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitEnum(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnumType<?> that && javaType == that.javaType && labels.equals(that.labels);
    }

    @Override
    public int hashCode() {
        return 31 * javaType.hashCode() + labels.hashCode();
    }

    @Override
    public String toString() {
        return "ENUM" + (name == null ? "" : "<" + name + ">") + labels;
    }
}
