package dev.retort.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database the benchmarks run against, as the three stacks need it: the URL for Retort's
 * engine as given, and its parts for the raw driver and JDBC. Accepts the URLs the engine takes
 * ({@code mysql://user:pass@host:3306/db?option=value}, {@code mariadb://…},
 * {@code r2dbc:mysql://…}).
 *
 * <p>Every stack gets the same transport: TLS off unless the URL sets {@code sslMode}, TCP_NODELAY
 * on, and a UTC session time zone (what Retort's engine sets by default).
 */
record BenchUrl(String engineUrl, String host, int port, String user, String password, String database,
        Map<String, String> options) {

    /** The system property the runner passes to forked JVMs when it started the embedded server. */
    static final String PROPERTY = "retort.bench.url";
    /** The environment variable naming the server to use. */
    static final String ENVIRONMENT = "RETORT_BENCH_URL";

    /** Options every stack gets unless the URL sets them (the first three are Retort's own defaults). */
    static final Map<String, String> DEFAULTS = Map.of("tcpNoDelay", "true", "connectionTimeZone", "UTC",
            "forceConnectionTimeZoneToSession", "true", "sslMode", "DISABLED");

    /** The URL of this JVM: the runner's system property, else {@value #ENVIRONMENT}. */
    static BenchUrl current() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(ENVIRONMENT);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("No database: run the benchmarks through dev.retort.bench.BenchMain "
                    + "(java -jar benchmarks.jar), which starts an embedded MariaDB, or set " + ENVIRONMENT);
        }
        return parse(url);
    }

    static BenchUrl parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("Not a database URL: " + url);
        }
        URI uri = URI.create("db" + url.substring(schemeEnd));
        String user = "root";
        String password = "";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? "bench" : path;
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        DEFAULTS.forEach(options::putIfAbsent);
        StringBuilder engineUrl = new StringBuilder(url.substring(0, schemeEnd)).append("://");
        if (userInfo != null) {
            engineUrl.append(userInfo).append('@');
        }
        engineUrl.append(uri.getHost()).append(':').append(uri.getPort() < 0 ? 3306 : uri.getPort())
                .append('/').append(database);
        String separator = "?";
        for (Map.Entry<String, String> option : options.entrySet()) {
            engineUrl.append(separator).append(option.getKey()).append('=').append(option.getValue());
            separator = "&";
        }
        return new BenchUrl(engineUrl.toString(), uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), user,
                password, database, Collections.unmodifiableMap(options));
    }

    /** The URL with the password masked, for reports. */
    String masked() {
        return password.isEmpty() ? engineUrl : engineUrl.replaceFirst(":[^:@/]*@", ":***@");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
