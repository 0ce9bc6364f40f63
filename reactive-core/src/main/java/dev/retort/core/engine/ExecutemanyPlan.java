package dev.retort.core.engine;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.Insert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns an execution into the statements actually sent. Most run as one statement with one
 * binding per parameter set. An INSERT without values run with parameter maps (executemany) is
 * rewritten into multi-row {@code INSERT … VALUES (…), (…)} statements, because the driver runs
 * each binding of a batch as its own round trip:
 * <ul>
 *   <li>rows are chunked so a statement has at most {@value #MAX_PLACEHOLDERS} placeholders (the
 *       protocol's limit) and roughly {@value #MAX_STATEMENT_BYTES} bytes of values (well under the
 *       servers' default {@code max_allowed_packet} of 16 MiB);</li>
 *   <li>generated keys, when asked for: on MariaDB 10.5+ each chunk gets {@code RETURNING key},
 *       which reports every row's key in order; on MySQL, which has no RETURNING, the rows are
 *       inserted one statement per row so that each reports its own {@code LAST_INSERT_ID()}.
 *       (MySQL's ids of a multi-row INSERT are consecutive only under
 *       {@code innodb_autoinc_lock_mode} 0 or 1, and MySQL 8 defaults to 2, so Retort does not
 *       assume it.)</li>
 * </ul>
 */
final class ExecutemanyPlan {

    static final int MAX_PLACEHOLDERS = 65_535;
    static final long MAX_STATEMENT_BYTES = 4L * 1024 * 1024;

    /** One statement to send: its compiled form, its bindings and the key column to ask the driver for. */
    record Step(Compiled compiled, List<List<@Nullable Object>> bindings, @Nullable String driverKeyColumn) {
    }

    private ExecutemanyPlan() {
    }

    static List<Step> plan(Execution execution, @Nullable String keyColumn, Dialect dialect) {
        if (execution.statement() instanceof Insert insert && isExecutemany(insert, execution)) {
            return insertMany(insert, execution.parameterSets(), keyColumn, dialect);
        }
        Compiled compiled = execution.statement().compile(dialect);
        List<List<@Nullable Object>> bindings = new ArrayList<>(execution.parameterSets().size());
        for (Map<String, ? extends @Nullable Object> parameters : execution.parameterSets()) {
            bindings.add(compiled.bind(parameters));
        }
        return List.of(new Step(compiled, bindings, keyColumn));
    }

    private static boolean isExecutemany(Insert insert, Execution execution) {
        boolean noValues = insert.rows().isEmpty() && insert.select() == null;
        boolean parameters = execution.parameterSets().size() > 1 || !execution.parameterSets().get(0).isEmpty();
        return noValues && parameters;
    }

    private static List<Step> insertMany(Insert insert, List<? extends Map<String, ? extends @Nullable Object>> sets,
            @Nullable String keyColumn, Dialect dialect) {
        Table table = insert.table();
        List<Map<Column<?>, Object>> rows = new ArrayList<>(sets.size());
        for (Map<String, ? extends @Nullable Object> set : sets) {
            Map<Column<?>, Object> row = new LinkedHashMap<>();
            set.forEach((name, value) -> {
                if (!table.hasColumn(name)) {
                    throw new InvalidRequestException("Table '" + table.name() + "' has no column '" + name
                            + "' (a key of an executemany parameter map); it has "
                            + table.columns().stream().map(Column::name).toList());
                }
                row.put(table.c(name), value);
            });
            rows.add(row);
        }
        fillClientDefaults(table, rows);
        checkSameColumns(table, rows);
        List<Step> steps = new ArrayList<>();
        if (keyColumn != null && !dialect.supportsReturning()) {
            for (Map<Column<?>, Object> row : rows) {
                steps.add(step(insert.values(List.of(row)), dialect, keyColumn));
            }
            return steps;
        }
        for (List<Map<Column<?>, Object>> chunk : chunks(rows)) {
            Insert statement = insert.values(chunk);
            if (keyColumn != null) {
                statement = statement.returning(table.c(keyColumn));
            }
            steps.add(step(statement, dialect, null));
        }
        return steps;
    }

    /**
     * Gives each row the client default ({@code Column.defaultValue}) of every defaulted column it
     * leaves out, computed per row, so that rows which give such a column and rows which leave it
     * out can share one multi-row INSERT.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void fillClientDefaults(Table table, List<Map<Column<?>, Object>> rows) {
        List<Column<?>> defaulted = table.columns().stream().filter(column -> column.clientDefault().isPresent()).toList();
        if (defaulted.isEmpty()) {
            return;
        }
        for (Map<Column<?>, Object> row : rows) {
            for (Column<?> column : defaulted) {
                if (!row.containsKey(column)) {
                    java.util.function.Supplier supplier = column.clientDefault().orElseThrow();
                    row.put(column, supplier.get());
                }
            }
        }
    }

    /** Every parameter map must name the same columns (after client defaults); says which set differs and how. */
    private static void checkSameColumns(Table table, List<Map<Column<?>, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        java.util.Set<Column<?>> first = rows.get(0).keySet();
        for (int i = 1; i < rows.size(); i++) {
            java.util.Set<Column<?>> these = rows.get(i).keySet();
            if (!these.equals(first)) {
                List<String> missing = first.stream().filter(column -> !these.contains(column)).map(Column::name).toList();
                List<String> extra = these.stream().filter(column -> !first.contains(column)).map(Column::name).toList();
                throw new InvalidRequestException("Every parameter map of an executemany INSERT into '" + table.name()
                        + "' must name the same columns (client defaults aside): map " + i
                        + (missing.isEmpty() ? "" : " lacks " + missing)
                        + (!missing.isEmpty() && !extra.isEmpty() ? " and" : "")
                        + (extra.isEmpty() ? "" : " has " + extra) + " compared with map 0");
            }
        }
    }

    private static Step step(Insert statement, Dialect dialect, @Nullable String driverKeyColumn) {
        Compiled compiled = statement.compile(dialect);
        return new Step(compiled, List.of(compiled.bind(Map.of())), driverKeyColumn);
    }

    /** Consecutive runs of rows that fit the placeholder and size limits. */
    static List<List<Map<Column<?>, Object>>> chunks(List<Map<Column<?>, Object>> rows) {
        List<List<Map<Column<?>, Object>>> chunks = new ArrayList<>();
        List<Map<Column<?>, Object>> current = new ArrayList<>();
        int placeholders = 0;
        long bytes = 0;
        for (Map<Column<?>, Object> row : rows) {
            int rowPlaceholders = Math.max(row.size(), 1) + clientDefaults(row);
            long rowBytes = estimateBytes(row);
            if (!current.isEmpty() && (placeholders + rowPlaceholders > MAX_PLACEHOLDERS
                    || bytes + rowBytes > MAX_STATEMENT_BYTES)) {
                chunks.add(current);
                current = new ArrayList<>();
                placeholders = 0;
                bytes = 0;
            }
            current.add(row);
            placeholders += rowPlaceholders;
            bytes += rowBytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** Columns of the row's table with client defaults the row leaves out: they become placeholders too. */
    private static int clientDefaults(Map<Column<?>, Object> row) {
        if (row.isEmpty()) {
            return 0;
        }
        Table table = row.keySet().iterator().next().table();
        int count = 0;
        for (Column<?> column : table.columns()) {
            if (column.clientDefault().isPresent() && !row.containsKey(column)) {
                count++;
            }
        }
        return count;
    }

    private static long estimateBytes(Map<Column<?>, Object> row) {
        long bytes = 8;
        for (Object value : row.values()) {
            if (value instanceof CharSequence text) {
                bytes += 4L * text.length() + 4;
            } else if (value instanceof byte[] binary) {
                bytes += 2L * binary.length + 4;
            } else {
                bytes += 24;
            }
        }
        return bytes;
    }
}
