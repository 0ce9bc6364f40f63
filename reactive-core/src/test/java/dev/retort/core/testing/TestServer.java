package dev.retort.core.testing;

import java.util.Objects;

/**
 * Where the test server is: a database URL without a database name, plus where it came from.
 * Immutable. {@link #urlFor(String)} builds the URL of one database on it, keeping the user,
 * password and query options exactly as written (no masking, no re-encoding) so the URL can be
 * handed straight to {@code Engine.create}.
 *
 * @param baseUrl {@code scheme://[user[:password]@]host[:port]}, without a trailing slash
 * @param query the query options including the leading {@code ?}, or an empty string
 * @param description a short label for logs, never containing the password
 */
public record TestServer(String baseUrl, String query, String description) {

    public TestServer {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(description, "description");
        if (baseUrl.endsWith("/")) {
            throw new IllegalArgumentException("baseUrl must not end with '/': " + description);
        }
        if (!query.isEmpty() && !query.startsWith("?")) {
            throw new IllegalArgumentException("query must start with '?': " + query);
        }
    }

    /**
     * Parses a SQLAlchemy-style URL {@code scheme://user[:pass]@host[:port][/database][?options]};
     * the database part, if any, is dropped.
     *
     * @throws IllegalArgumentException if there is no {@code ://} or no host
     */
    public static TestServer parse(String url, String source) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("Not a database URL (expected mysql://user@host:port): " + source);
        }
        String query = "";
        String rest = url;
        int queryStart = rest.indexOf('?');
        if (queryStart >= 0) {
            query = rest.substring(queryStart);
            rest = rest.substring(0, queryStart);
        }
        int authorityStart = schemeEnd + 3;
        int at = rest.lastIndexOf('@');
        int pathStart = rest.indexOf('/', Math.max(authorityStart, at + 1));
        String base = pathStart >= 0 ? rest.substring(0, pathStart) : rest;
        String hostPart = base.substring(Math.max(authorityStart, at + 1));
        if (hostPart.isBlank()) {
            throw new IllegalArgumentException("The database URL has no host: " + source);
        }
        return new TestServer(base, "?".equals(query) ? "" : query, source + " " + mask(base));
    }

    /** The server URL without a database: {@code baseUrl} plus any query options. */
    public String serverUrl() {
        return baseUrl + query;
    }

    /** The URL of {@code database} on this server. */
    public String urlFor(String database) {
        return baseUrl + "/" + database + query;
    }

    /** {@code base} with any password replaced by {@code ***}. */
    static String mask(String base) {
        int start = base.indexOf("://") + 3;
        int at = base.lastIndexOf('@');
        int colon = base.indexOf(':', start);
        return at > start && colon >= 0 && colon < at ? base.substring(0, colon + 1) + "***" + base.substring(at) : base;
    }

    @Override
    public String toString() {
        return description;
    }
}
