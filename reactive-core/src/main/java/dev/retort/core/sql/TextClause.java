package dev.retort.core.sql;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.schema.SqlText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Literal SQL with named parameters written {@code :name}, made by {@link Sql#text(String)}. The
 * text is parsed once, when the clause is made; values are bound at execution (from the map given
 * to {@code execute}) or carried by the clause itself ({@link #bind}). Immutable.
 */
public final class TextClause implements Executable, SqlText {

    private final String text;
    private final TextParser.Parsed parsed;
    private final Map<String, @Nullable Object> values;

    private TextClause(String text, TextParser.Parsed parsed, Map<String, @Nullable Object> values) {
        this.text = text;
        this.parsed = parsed;
        this.values = values;
    }

    static TextClause of(String text) {
        return new TextClause(text, TextParser.parse(text), Map.of());
    }

    /**
     * A copy of this clause that carries {@code value} for {@code name}.
     *
     * @throws IllegalArgumentException when the text has no parameter of that name
     */
    public TextClause bind(String name, @Nullable Object value) {
        if (!parsed.parameterNames().contains(name)) {
            throw new IllegalArgumentException("The text has no bind parameter ':" + name + "'; it has "
                    + parsed.parameterNames().stream().distinct().toList() + ": " + text);
        }
        Map<String, @Nullable Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new TextClause(text, parsed, copy);
    }

    /** The text as written. */
    @Override
    public String text() {
        return text;
    }

    @Override
    public Compiled compile(Dialect dialect) {
        return new Compiled(parsed.sql(), parsed.parameterNames(), values);
    }

    @Override
    public String toString() {
        return text;
    }
}
