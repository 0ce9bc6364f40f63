package dev.retort.core.engine;

import dev.retort.core.exception.ConfigurationException;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed database URL. Accepts SQLAlchemy-style URLs ({@code mysql://user:pass@host:3306/db?k=v},
 * {@code mariadb://…}, also with a {@code +driver} suffix such as {@code mysql+r2dbc://}) and R2DBC
 * URLs ({@code r2dbc:mysql://…}, {@code r2dbc:mariadb://…}, {@code r2dbc:pool:mysql://…}).
 * User and password are percent-decoded; query options are kept in order and handed to the driver
 * unchanged (for example {@code sslMode}, {@code connectTimeout}, {@code tcpNoDelay}).
 *
 * <p>{@link #toString()} masks the password; so does every error message raised here.
 */
public final class EngineUrl {

    /** Schemes accepted, before the {@code ://}. */
    public static final List<String> SCHEMES = List.of("mysql", "mariadb", "r2dbc:mysql", "r2dbc:mariadb",
            "r2dbc:pool:mysql", "r2dbc:pool:mariadb");

    private static final int DEFAULT_PORT = 3306;
    private static final List<String> SENSITIVE = List.of("password", "sslkeypassword");
    private static final Pattern SENSITIVE_OPTION = Pattern.compile("(?i)([?&](?:password|sslKeyPassword)=)[^&]*");

    private final String scheme;
    private final String family;
    private final String host;
    private final int port;
    private final @Nullable String user;
    private final @Nullable String password;
    private final @Nullable String database;
    private final Map<String, String> options;

    private EngineUrl(String scheme, String family, String host, int port, @Nullable String user,
            @Nullable String password, @Nullable String database, Map<String, String> options) {
        this.scheme = scheme;
        this.family = family;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
        this.options = Collections.unmodifiableMap(options);
    }

    /**
     * Parses a URL.
     *
     * @throws ConfigurationException for an unknown scheme, a missing host, a bad port or bad
     *     percent-encoding; the message shows the URL with its password masked
     */
    public static EngineUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("The database URL is empty");
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new ConfigurationException("Not a database URL (expected scheme://host…): " + mask(url));
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String family = familyOf(scheme);
        if (family == null) {
            throw new ConfigurationException("Unknown URL scheme '" + url.substring(0, schemeEnd) + "' in "
                    + mask(url) + "; supported: " + SCHEMES + " (a '+driver' suffix such as mysql+r2dbc is allowed)");
        }
        String rest = url.substring(schemeEnd + 3);
        // Credentials end at the first '@' (SQLAlchemy: the password may hold anything but '@',
        // the user name no ':' or '/'); '/' and '?' are looked for only after them.
        String user = null;
        String password = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            int colon = credentials.indexOf(':');
            String userPart = colon >= 0 ? credentials.substring(0, colon) : credentials;
            if (userPart.indexOf('/') < 0 && userPart.indexOf('?') < 0) {
                user = decode(userPart, "user name", url);
                password = colon >= 0 ? decode(credentials.substring(colon + 1), "password", url) : null;
                user = user.isEmpty() ? null : user;
                rest = rest.substring(at + 1);
            }
        }
        String query = null;
        int queryStart = rest.indexOf('?');
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        String path = null;
        int pathStart = rest.indexOf('/');
        if (pathStart >= 0) {
            path = rest.substring(pathStart + 1);
            rest = rest.substring(0, pathStart);
        }
        String host;
        int port = DEFAULT_PORT;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new ConfigurationException("Unclosed '[' in the IPv6 host of " + mask(url));
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new ConfigurationException("Unexpected '" + after + "' after the host in " + mask(url));
            }
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0 && rest.indexOf(':', colon + 1) >= 0) {
                throw new ConfigurationException("An IPv6 host must be written in brackets, e.g. [::1]:3306, in " + mask(url));
            }
            host = colon >= 0 ? rest.substring(0, colon) : rest;
            portText = colon >= 0 ? rest.substring(colon + 1) : null;
        }
        if (host.isBlank()) {
            throw new ConfigurationException("The URL has no host: " + mask(url));
        }
        if (portText != null && !portText.isEmpty()) {
            port = parsePort(portText, url);
        }
        String database = path == null || path.isEmpty() ? null : decode(path, "database name", url);
        return new EngineUrl(scheme, family, host, port, user, password, database, parseQuery(query, url));
    }

    private static @Nullable String familyOf(String scheme) {
        String base = scheme;
        int plus = base.indexOf('+');
        if (plus >= 0 && !base.startsWith("r2dbc:")) {
            base = base.substring(0, plus);
        }
        return switch (base) {
            case "mysql", "r2dbc:mysql", "r2dbc:pool:mysql" -> "mysql";
            case "mariadb", "r2dbc:mariadb", "r2dbc:pool:mariadb" -> "mariadb";
            default -> null;
        };
    }

    private static int parsePort(String text, String url) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("Port " + port + " is out of range 1-65535 in " + mask(url));
            }
            return port;
        } catch (NumberFormatException notNumber) {
            throw new ConfigurationException("Port '" + text + "' is not a number in " + mask(url));
        }
    }

    private static Map<String, String> parseQuery(@Nullable String query, String url) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), "option name", url);
            String value = eq < 0 ? "true" : decode(pair.substring(eq + 1), "option value", url);
            if (key.isEmpty()) {
                throw new ConfigurationException("An option without a name in " + mask(url));
            }
            options.put(key, value);
        }
        return options;
    }

    private static String decode(String text, String what, String url) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new ConfigurationException("Bad percent-encoding in the " + what + " of " + mask(url));
        }
    }

    /** The URL with any password replaced by {@code ***}; safe for logs. */
    static String mask(String url) {
        int schemeEnd = url.indexOf("://");
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        String masked = url;
        int at = url.indexOf('@', start);
        int colon = url.indexOf(':', start);
        if (at >= 0 && colon >= 0 && colon < at) {
            masked = url.substring(0, colon + 1) + "***" + url.substring(at);
        }
        return SENSITIVE_OPTION.matcher(masked).replaceAll("$1***");
    }

    /** The scheme as written, lower-cased ({@code mysql}, {@code r2dbc:pool:mariadb}…). */
    public String scheme() {
        return scheme;
    }

    /** The server family the URL names: {@code mysql} or {@code mariadb}. Both use the r2dbc-mysql driver. */
    public String family() {
        return family;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public @Nullable String user() {
        return user;
    }

    /** Whether a password was given. The password itself is only handed to the driver. */
    public boolean hasPassword() {
        return password != null;
    }

    public @Nullable String database() {
        return database;
    }

    /** Query options in the order written, decoded. */
    public Map<String, String> options() {
        return options;
    }

    /** A copy of this URL naming another database (as SQLAlchemy's {@code url.set(database=…)}). */
    public EngineUrl withDatabase(@Nullable String newDatabase) {
        return new EngineUrl(scheme, family, host, port, user, password, newDatabase, new LinkedHashMap<>(options));
    }

    /** A copy of this URL with another user name ({@code null} for none); the password stays. */
    public EngineUrl withUser(@Nullable String newUser) {
        return new EngineUrl(scheme, family, host, port, newUser, password, database, new LinkedHashMap<>(options));
    }

    /** A copy of this URL with another password ({@code null} for none). */
    public EngineUrl withPassword(@Nullable String newPassword) {
        return new EngineUrl(scheme, family, host, port, user, newPassword, database, new LinkedHashMap<>(options));
    }

    /**
     * A copy of this URL with a driver option set (replacing one of the same name), as if written
     * in its query ({@code ?name=value}).
     */
    public EngineUrl withOption(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new ConfigurationException("An option without a name for " + this);
        }
        Map<String, String> changed = new LinkedHashMap<>(options);
        changed.put(name, java.util.Objects.requireNonNull(value, "value"));
        return new EngineUrl(scheme, family, host, port, user, password, database, changed);
    }

    /**
     * The driver's connection options: host, port, user, password, database, the connect timeout
     * and every query option as a string (the driver converts strings itself).
     */
    ConnectionFactoryOptions toConnectionFactoryOptions(@Nullable Duration connectTimeout) {
        ConnectionFactoryOptions.Builder builder = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "mysql")
                .option(ConnectionFactoryOptions.HOST, host)
                .option(ConnectionFactoryOptions.PORT, port);
        if (user != null) {
            builder.option(ConnectionFactoryOptions.USER, user);
        }
        if (password != null) {
            builder.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        if (database != null) {
            builder.option(ConnectionFactoryOptions.DATABASE, database);
        }
        if (connectTimeout != null && !options.containsKey(ConnectionFactoryOptions.CONNECT_TIMEOUT.name())) {
            builder.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, connectTimeout);
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            builder.option(optionNamed(option.getKey()), option.getValue());
        }
        return builder.build();
    }

    private static Option<Object> optionNamed(String name) {
        return SENSITIVE.contains(name.toLowerCase(Locale.ROOT)) ? Option.sensitiveValueOf(name) : Option.valueOf(name);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(scheme).append("://");
        if (user != null) {
            text.append(user);
            if (password != null) {
                text.append(":***");
            }
            text.append('@');
        }
        text.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port);
        if (database != null) {
            text.append('/').append(database);
        }
        if (!options.isEmpty()) {
            StringBuilder query = new StringBuilder();
            options.forEach((key, value) -> query.append(query.length() == 0 ? "?" : "&").append(key).append('=')
                    .append(SENSITIVE.contains(key.toLowerCase(Locale.ROOT)) ? "***" : value));
            text.append(query);
        }
        return text.toString();
    }
}
