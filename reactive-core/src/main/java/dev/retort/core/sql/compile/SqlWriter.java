package dev.retort.core.sql.compile;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.expression.Bind;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.types.SqlType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The SQL text being written for one statement and its parameters. Anonymous binds are named
 * {@code #1}, {@code #2}… (names no execution parameter can have) and carry their values; named
 * binds take theirs from the execution parameters.
 */
final class SqlWriter {

    private final Dialect dialect;
    private final StringBuilder sql = new StringBuilder(128);
    private final List<String> names = new ArrayList<>();
    private final List<SqlType<?>> types = new ArrayList<>();
    private final Map<String, @Nullable Object> values = new LinkedHashMap<>();
    private final Deque<Set<FromClause>> scopes = new ArrayDeque<>();

    SqlWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    SqlWriter append(String text) {
        sql.append(text);
        return this;
    }

    /** Writes {@code ?} for a bind and records its name, type and value. */
    void bind(Bind<?> bind) {
        String name;
        if (bind.hasValue()) {
            name = "#" + (values.size() + 1);
            values.put(name, bind.value());
        } else {
            name = bind.name();
        }
        names.add(name);
        types.add(bind.type());
        sql.append('?');
    }

    /** Enters a query whose FROM items correlated subqueries may refer to. */
    void enterScope(Set<FromClause> froms) {
        scopes.push(froms);
    }

    void leaveScope() {
        scopes.pop();
    }

    /** Writes a query that may not correlate to the enclosing ones (a derived table, a CTE body). */
    void isolated(Runnable write) {
        List<Set<FromClause>> saved = new ArrayList<>(scopes);
        scopes.clear();
        try {
            write.run();
        } finally {
            scopes.addAll(saved);
        }
    }

    /** Whether an enclosing query already has {@code from} (so a subquery correlates to it). */
    boolean enclosingHas(FromClause from) {
        for (Set<FromClause> scope : scopes) {
            if (scope.contains(from)) {
                return true;
            }
        }
        return false;
    }

    /** A table's name, schema-qualified when it has a schema, quoted where needed. */
    String tableName(Table table) {
        String name = dialect.quoteIdentifier(table.name());
        return table.schema().map(schema -> dialect.quoteIdentifier(schema) + "." + name).orElse(name);
    }

    Compiled toCompiled(List<? extends Expression<?>> resultColumns) {
        return new Compiled(sql.toString(), names, types, values, resultColumns);
    }
}
