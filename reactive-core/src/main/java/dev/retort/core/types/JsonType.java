package dev.retort.core.types;

import dev.retort.core.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * {@code JSON} (on MariaDB an alias of {@code LONGTEXT} with a {@code JSON_VALID} check). Two
 * flavours:
 * <ul>
 *   <li>{@link Types#JSON}: Java {@link Object}. Maps, lists, strings, numbers, booleans and nulls
 *       are written as JSON and read back as {@code LinkedHashMap}, {@code ArrayList}, String,
 *       Integer/Long/BigInteger/BigDecimal, Boolean. A Java {@code String} is a JSON string value
 *       ({@code "abc"} is stored as {@code "\"abc\""}).</li>
 *   <li>{@link Types#JSON_TEXT}: Java {@link String} holding JSON text, passed through as written
 *       and read back as the server returns it (MySQL normalises spacing and key order).</li>
 * </ul>
 */
public final class JsonType implements SqlType<Object> {

    static final JsonType DOCUMENT = new JsonType(false);
    static final JsonType TEXT = new JsonType(true);

    private final boolean text;

    private JsonType(boolean text) {
        this.text = text;
    }

    /** Whether values are JSON text strings passed through unparsed. */
    public boolean isText() {
        return text;
    }

    @Override
    public Class<Object> javaType() {
        return Object.class;
    }

    @Override
    public @Nullable Object toDriver(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (text) {
            if (!(value instanceof CharSequence json)) {
                throw new dev.retort.core.exception.InvalidRequestException(
                        "JSON_TEXT takes JSON text as a String, got a " + value.getClass().getName());
            }
            Json.parse(json.toString()); // refuse malformed text before the server does, with an offset
            return json.toString();
        }
        return Json.write(value);
    }

    @Override
    public @Nullable Object fromDriver(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String json = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
        return text ? json : Json.parse(json);
    }

    @Override
    public <R> R accept(TypeVisitor<R> visitor) {
        return visitor.visitJson(this);
    }

    @Override
    public String toString() {
        return text ? "JSON_TEXT" : "JSON";
    }
}
