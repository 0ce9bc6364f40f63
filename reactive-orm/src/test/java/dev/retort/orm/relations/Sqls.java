package dev.retort.orm.relations;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** SQL text helpers for the loader tests' exact-statement assertions. */
final class Sqls {

    /** The engine's echo shortens statements longer than this (see core {@code Echo.MAX_SQL}). */
    private static final int ECHO_MAX_SQL = 2_000;

    private Sqls() {
    }

    /** {@code (?, ?, …)} with {@code n} placeholders. */
    static String params(int n) {
        return IntStream.range(0, n).mapToObj(i -> "?").collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code ((?, ?), (?, ?), …)}: {@code n} row values of {@code width} placeholders. */
    static String rows(int n, int width) {
        return IntStream.range(0, n).mapToObj(i -> params(width)).collect(Collectors.joining(", ", "(", ")"));
    }

    /** How many {@code ?} a (fully echoed) statement has. */
    static int placeholders(String sql) {
        return (int) sql.chars().filter(c -> c == '?').count();
    }

    /** What the echo log shows for {@code sql}: itself, or its first 2,000 characters and its length. */
    static String echoed(String sql) {
        return sql.length() <= ECHO_MAX_SQL ? sql : sql.substring(0, ECHO_MAX_SQL) + "… (" + sql.length() + " characters)";
    }
}
