package dev.retort.core.engine;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a statement does, read from the first keyword of its SQL: a small, fixed set fit for a
 * metric tag.
 */
public enum StatementKind {
    /** {@code SELECT}, {@code VALUES}, {@code TABLE}, and set operations of them. */
    SELECT,
    /** {@code INSERT} and {@code REPLACE}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** {@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE}, {@code RENAME}. */
    DDL,
    /** Anything else: {@code SET}, {@code SHOW}, {@code CALL}, {@code DO}, {@code EXPLAIN}, {@code KILL}…. */
    OTHER;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lower-case name, as used in metric tags: {@code select}, {@code insert}…. */
    public String tag() {
        return tag;
    }

    /**
     * The kind of a SQL text: its first keyword after white space, comments ({@code /* … *}{@code /},
     * {@code -- …}, {@code # …}) and opening parentheses. After {@code WITH} the keyword that
     * follows the common table expressions decides ({@code WITH … UPDATE} is an UPDATE). Reads
     * only as far as it needs to.
     */
    public static StatementKind of(String sql) {
        int length = sql.length();
        boolean with = false;
        int depth = 0;
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (c == '#' || (c == '-' && i + 2 < length && sql.charAt(i + 1) == '-'
                    && Character.isWhitespace(sql.charAt(i + 2)))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < length && isWordPart(sql.charAt(i))) {
                    i++;
                }
                if (with && depth > 0) {
                    continue; // inside a common table expression
                }
                StatementKind kind = keyword(sql.substring(start, i));
                if (!with && kind == null && sql.regionMatches(true, start, "WITH", 0, 4) && i - start == 4) {
                    with = true;
                } else if (!with) {
                    return kind == null ? OTHER : kind;
                } else if (kind != null && kind != DDL) {
                    return kind;
                }
            } else {
                if (!with) {
                    return OTHER;
                }
                i++;
            }
        }
        return with ? SELECT : OTHER;
    }

    private static @Nullable StatementKind keyword(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "SELECT", "VALUES", "TABLE" -> SELECT;
            case "INSERT", "REPLACE" -> INSERT;
            case "UPDATE" -> UPDATE;
            case "DELETE" -> DELETE;
            case "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME" -> DDL;
            default -> null;
        };
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The index after a quoted string or identifier starting at {@code start} (doubled quotes and backslashes escape). */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
