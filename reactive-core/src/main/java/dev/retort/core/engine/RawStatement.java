package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.Executable;
import java.util.List;
import java.util.Map;

/**
 * SQL sent as written, without {@code :name} parsing: compiled DDL, whose literals may contain
 * colons. Never built from user input.
 */
record RawStatement(String sql) implements Executable {

    @Override
    public Compiled compile(Dialect dialect) {
        return new Compiled(sql, List.of(), Map.of());
    }

    @Override
    public String toString() {
        return sql;
    }
}
