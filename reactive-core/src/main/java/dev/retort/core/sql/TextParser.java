package dev.retort.core.sql;

import dev.retort.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code :name} parameters in literal SQL into {@code ?} placeholders. Quoted strings,
 * quoted identifiers and comments are copied untouched; {@code ::} and {@code :=} are not
 * parameters; {@code \:} writes a literal colon. A bare {@code ?} outside quotes is refused, since
 * it would silently become a driver placeholder.
 */
final class TextParser {

    record Parsed(String sql, List<String> parameterNames) {
    }

    private TextParser() {
    }

    /**
     * Parses with backslash escapes inside quoted strings (MySQL's default). When that leaves a
     * quote unterminated, parses again treating backslashes as ordinary characters, as a session in
     * {@code NO_BACKSLASH_ESCAPES} does ({@code 'C:\'} is then a complete literal); if both fail,
     * the first error stands. A text that parses both ways keeps the default reading.
     */
    static Parsed parse(String text) {
        try {
            return parse(text, true);
        } catch (InvalidRequestException unterminated) {
            try {
                return parse(text, false);
            } catch (InvalidRequestException stillUnterminated) {
                throw unterminated;
            }
        }
    }

    private static Parsed parse(String text, boolean backslashEscapes) {
        StringBuilder sql = new StringBuilder(text.length());
        List<String> names = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(text, i, c, backslashEscapes);
                sql.append(text, i, end);
                i = end;
            } else if (c == '#' || isDashComment(text, i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? length : end;
                sql.append(text, i, end);
                i = end;
            } else if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? length : end + 2;
                sql.append(text, i, end);
                i = end;
            } else if (c == '\\' && i + 1 < length && text.charAt(i + 1) == ':') {
                sql.append(':');
                i += 2;
            } else if (c == ':' && i + 1 < length && text.charAt(i + 1) == ':') {
                sql.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < length && isNameStart(text.charAt(i + 1))) {
                int end = i + 2;
                while (end < length && isNamePart(text.charAt(end))) {
                    end++;
                }
                names.add(text.substring(i + 1, end));
                sql.append('?');
                i = end;
            } else if (c == '?') {
                throw new InvalidRequestException("Use named parameters (:name) in text(); found a bare '?' at offset "
                        + i + " in: " + text);
            } else {
                sql.append(c);
                i++;
            }
        }
        return new Parsed(sql.toString(), List.copyOf(names));
    }

    /** The index just past the quoted run that starts at {@code start}; doubled quotes and backslash escapes stay inside. */
    private static int endOfQuoted(String text, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`' && backslashEscapes) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new InvalidRequestException("Unterminated " + quote + " quote starting at offset " + start + " in: " + text);
    }

    /** MySQL starts a comment at {@code --} followed by white space or a control character, or at the end. */
    private static boolean isDashComment(String text, int i) {
        if (!text.startsWith("--", i)) {
            return false;
        }
        return i + 2 >= text.length() || Character.isWhitespace(text.charAt(i + 2)) || Character.isISOControl(text.charAt(i + 2));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
