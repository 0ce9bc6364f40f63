package dev.retort.core.engine;

import dev.retort.core.dialect.mysql.MySqlColumnTypes;
import dev.retort.core.schema.ServerDefault;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Reflector} reads the text information_schema reports: column defaults (quoted on
 * MariaDB, bare on MySQL), on-update clauses, check conditions and MariaDB's JSON checks. Pure
 * functions, tested on their own.
 */
final class ReflectionRules {

    private static final Pattern CURRENT_TIMESTAMP = Pattern.compile(
            "(?:current_timestamp|now|localtimestamp|localtime)\\s*(?:\\(\\s*(\\d*)\\s*\\))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ON_UPDATE = Pattern.compile(
            "on update ((?:current_timestamp|now|localtimestamp|localtime)\\s*(?:\\(\\s*\\d*\\s*\\))?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern JSON_VALID = Pattern.compile("json_valid\\(`((?:[^`]|``)+)`\\)", Pattern.CASE_INSENSITIVE);

    private ReflectionRules() {
    }

    /**
     * The server default of a column as {@code COLUMN_DEFAULT} and {@code EXTRA} report it, or
     * {@code null} for none.
     *
     * <p>MariaDB (10.2.7+) quotes string literals ({@code 'draft'}, escaped as in SQL), writes numbers
     * bare, an absent or NULL default as SQL NULL or the word {@code NULL}, and expressions bare
     * ({@code current_timestamp()}, {@code uuid()}, {@code (1 + 1)}). MySQL writes literals unquoted and
     * unescaped, no default as SQL NULL, and flags expressions with {@code DEFAULT_GENERATED} in
     * {@code EXTRA} (before 8.0.13 {@code CURRENT_TIMESTAMP} came unflagged, so that is recognised on
     * date-time columns by itself).
     *
     * <p>Literals, numbers included, come back as {@code ServerDefault(value, true)}. Expressions come
     * back as {@code ServerDefault(sql, false)}: {@code CURRENT_TIMESTAMP} for any spelling of the
     * current timestamp ({@code current_timestamp()}, {@code now()}), {@code CURRENT_TIMESTAMP(n)} with
     * a precision of 1 to 6, and anything else in parentheses unless it already is.
     *
     * @param dataType the column's {@code DATA_TYPE}
     * @param mariaDb whether the server is MariaDB, whose spelling differs as above
     */
    static @Nullable ServerDefault serverDefault(@Nullable String reported, String extra, String dataType,
            boolean mariaDb) {
        if (reported == null) {
            return null;
        }
        if (mariaDb) {
            String value = reported.strip();
            if (value.equalsIgnoreCase("NULL")) {
                return null;
            }
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                return new ServerDefault(MySqlColumnTypes.unquote(value), true);
            }
            if (NUMBER.matcher(value).matches()) {
                return new ServerDefault(value, true);
            }
            return new ServerDefault(expression(value), false);
        }
        boolean generated = extra.toUpperCase(Locale.ROOT).contains("DEFAULT_GENERATED");
        String type = dataType.toLowerCase(Locale.ROOT);
        boolean dateTime = type.equals("datetime") || type.equals("timestamp");
        if (generated || (dateTime && CURRENT_TIMESTAMP.matcher(reported.strip()).matches())) {
            return new ServerDefault(expression(reported.strip()), false);
        }
        return new ServerDefault(reported, true);
    }

    /** {@code CURRENT_TIMESTAMP[(n)]} for the current timestamp however spelt; else the expression in parentheses. */
    static String expression(String sql) {
        String value = sql.strip();
        String timestamp = currentTimestamp(value);
        if (timestamp != null) {
            return timestamp;
        }
        return isParenthesized(value) ? value : "(" + value + ")";
    }

    static @Nullable String currentTimestamp(String value) {
        Matcher m = CURRENT_TIMESTAMP.matcher(value);
        if (!m.matches()) {
            return null;
        }
        String fsp = m.group(1);
        return fsp == null || fsp.isEmpty() || Integer.parseInt(fsp) == 0 ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + fsp + ")";
    }

    /**
     * The on-update expression in {@code EXTRA} ({@code on update current_timestamp()} on MariaDB,
     * {@code DEFAULT_GENERATED on update CURRENT_TIMESTAMP} on MySQL), spelt {@code CURRENT_TIMESTAMP[(n)]};
     * {@code null} when there is none.
     */
    static @Nullable String serverOnUpdate(String extra) {
        Matcher m = ON_UPDATE.matcher(extra);
        return m.find() ? currentTimestamp(m.group(1).strip()) : null;
    }

    /** A check's condition without parentheses around the whole ({@code (`a` > 0)} is {@code `a` > 0}). */
    static String checkCondition(String clause) {
        String condition = clause.strip();
        while (isParenthesized(condition)) {
            condition = condition.substring(1, condition.length() - 1).strip();
        }
        return condition;
    }

    /** The column of a check of the form {@code json_valid(`col`)}, or {@code null}. */
    static @Nullable String jsonValidColumn(String clause) {
        Matcher m = JSON_VALID.matcher(checkCondition(clause));
        return m.matches() ? m.group(1).replace("``", "`") : null;
    }

    /** Whether the whole text is one parenthesised group, quotes respected. */
    static boolean isParenthesized(String sql) {
        if (sql.length() < 2 || sql.charAt(0) != '(' || sql.charAt(sql.length() - 1) != ')') {
            return false;
        }
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i < sql.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }
}
