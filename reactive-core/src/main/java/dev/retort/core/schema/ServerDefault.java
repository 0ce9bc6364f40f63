package dev.retort.core.schema;

import java.util.Objects;

/**
 * A default the server applies: a literal value (written as a quoted string literal,
 * {@code DEFAULT 'draft'}) or a SQL expression written as given ({@code DEFAULT CURRENT_TIMESTAMP}).
 */
public record ServerDefault(String sql, boolean literal) {

    public ServerDefault {
        Objects.requireNonNull(sql, "sql");
    }
}
