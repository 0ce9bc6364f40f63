package dev.retort.core.dialect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server version as {@code major.minor.patch}, parsed from the string the server reports
 * ({@code 8.0.36}, {@code 10.11.19-MariaDB-0+deb12u1}, {@code 5.5.5-10.6.12-MariaDB}).
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    /** MariaDB before 11 may prefix its version with {@code 5.5.5-} for old replication clients. */
    private static final String MARIADB_REPLICATION_PREFIX = "5.5.5-";

    /**
     * Parses the first {@code major.minor[.patch]} in a version string.
     *
     * @throws IllegalArgumentException when the string holds no version
     */
    public static ServerVersion parse(String text) {
        String body = text.startsWith(MARIADB_REPLICATION_PREFIX) && text.contains("MariaDB")
                ? text.substring(MARIADB_REPLICATION_PREFIX.length())
                : text;
        Matcher matcher = VERSION.matcher(body);
        if (!matcher.find()) {
            throw new IllegalArgumentException("Not a server version: '" + text + "'");
        }
        int patch = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return new ServerVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), patch);
    }

    /** Whether this version is at least {@code major.minor.patch}. */
    public boolean atLeast(int major, int minor, int patch) {
        return compareTo(new ServerVersion(major, minor, patch)) >= 0;
    }

    @Override
    public int compareTo(ServerVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
