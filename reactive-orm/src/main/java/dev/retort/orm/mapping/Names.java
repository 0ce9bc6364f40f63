package dev.retort.orm.mapping;

import java.util.Locale;

/**
 * The default names Retort derives from Java names: tables and columns in snake_case (also the
 * split the metamodel generator uses for its constants).
 */
public final class Names {

    private Names() {
    }

    /** {@code createdAt} → {@code created_at}, {@code OrderLine} → {@code order_line}, {@code userID} → {@code user_id}. */
    public static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            boolean upper = Character.isUpperCase(c);
            if (upper && i > 0) {
                char previous = javaName.charAt(i - 1);
                boolean nextLower = i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous) || Character.isUpperCase(previous) && nextLower) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
