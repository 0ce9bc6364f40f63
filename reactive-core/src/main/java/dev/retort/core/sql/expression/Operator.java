package dev.retort.core.sql.expression;

/** SQL operators with their precedence (higher binds tighter), used to parenthesise minimally. */
public enum Operator {
    OR("OR", 1),
    AND("AND", 2),
    NOT("NOT", 3),
    EQ("=", 4),
    NE("!=", 4),
    LT("<", 4),
    LE("<=", 4),
    GT(">", 4),
    GE(">=", 4),
    PLUS("+", 6),
    MINUS("-", 6),
    TIMES("*", 7),
    DIVIDE("/", 7),
    MOD("%", 7),
    NEGATE("-", 8),
    DISTINCT("DISTINCT", 0);

    private final String sql;
    private final int precedence;

    Operator(String sql, int precedence) {
        this.sql = sql;
        this.precedence = precedence;
    }

    public String sql() {
        return sql;
    }

    public int precedence() {
        return precedence;
    }
}
