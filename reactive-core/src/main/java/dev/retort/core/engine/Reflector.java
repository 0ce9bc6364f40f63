package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.dialect.Dialect;
import dev.retort.core.dialect.mysql.MySqlColumnTypes;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.result.Row;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.Schema;
import dev.retort.core.schema.ServerDefault;
import dev.retort.core.schema.SqlText;
import dev.retort.core.schema.Table;
import dev.retort.core.schema.TableElement;
import dev.retort.core.schema.TableOptions;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads table definitions from {@code information_schema} into a {@link MetaData} (SQLAlchemy's
 * {@code metadata.reflect(engine)}), for MySQL 8 and MariaDB 10.5+. Used by the engine as a
 * {@link dev.retort.core.schema.SchemaTarget}.
 *
 * <h2>How it reads</h2>
 * One reflect call checks out one connection (no transaction) and runs at most six queries on it,
 * whatever the number of tables: {@code TABLES} (joined with
 * {@code COLLATION_CHARACTER_SET_APPLICABILITY} for the charset), {@code COLUMNS}, {@code STATISTICS},
 * {@code KEY_COLUMN_USAGE} joined with {@code REFERENTIAL_CONSTRAINTS}, and {@code CHECK_CONSTRAINTS}
 * (joined with {@code TABLE_CONSTRAINTS} on MySQL, whose check table has no table name), each
 * filtered by {@code TABLE_SCHEMA = DATABASE()} and, when tables are named, by
 * {@code TABLE_NAME IN (…)} with every name a bound parameter. The sixth, {@code SELECT DATABASE()},
 * runs only to word an error (a missing table, no current database). The connection is released
 * before the tables are added to the metadata; nothing is added when any table cannot be read, so a
 * failed call leaves the metadata as it was.
 *
 * <h2>What it builds</h2>
 * Every table is defined with the public schema API, everything explicit:
 * <ul>
 *   <li>Columns in ordinal order, typed by {@link MySqlColumnTypes#parse} (see there for the
 *       mapping; an unsupported type fails the call with a message naming table, column and type),
 *       with {@code nullable(..)} and {@code autoincrement(..)} always set. On MariaDB, a
 *       {@code longtext} column with a check of exactly the form {@code json_valid(`col`)} (what MariaDB
 *       makes of a JSON column) is typed {@link Types#JSON} and that check is not reflected.</li>
 *   <li>Server defaults (see {@link #serverDefault}): string, number and date literals become
 *       {@code ReflectionRules.serverDefault(literal)}; numbers count as literals, so {@code DEFAULT 0} reads as
 *       {@code ReflectionRules.serverDefault("0")}, which the DDL compiler writes back unquoted for numeric columns.
 *       Expressions become {@code ReflectionRules.serverDefault(sql)}, with {@code current_timestamp()} and
 *       {@code now()} spelt {@code CURRENT_TIMESTAMP} ({@code CURRENT_TIMESTAMP(fsp)} when a precision
 *       is given), and any other expression wrapped in parentheses ({@code (uuid())}) as MySQL requires
 *       for expression defaults. {@code ON UPDATE CURRENT_TIMESTAMP[(fsp)]} becomes
 *       {@code serverOnUpdate}, spelt the same way. Column comments become {@code comment(..)}.</li>
 *   <li>The primary key as an explicit {@link Schema#primaryKey} in key order (from
 *       {@code STATISTICS}); its columns are also marked {@link Column#primaryKey()}, so
 *       {@code isPrimaryKey()} answers as for a hand-written table.</li>
 *   <li>Every other unique index (unique constraints and unique indexes are the same thing in MySQL)
 *       as {@link Schema#uniqueNamed}; non-unique indexes as {@link Schema#index}; ordered by name, as
 *       information_schema records no definition order. Skipped: a non-unique index with the same
 *       name <em>and</em> the same columns as a foreign key of the table — the index MySQL and MariaDB
 *       create implicitly to back a named foreign key, which they recreate from the key. (An unnamed
 *       foreign key's implicit index is named after its first column, cannot be told apart from one
 *       written by hand, and is reflected.) Also skipped, with a warning in the log: FULLTEXT and
 *       SPATIAL indexes and functional (expression) indexes, which {@link dev.retort.core.schema.Index}
 *       cannot express. A prefix length ({@code KEY (name(10))}) is dropped with a warning.</li>
 *   <li>Foreign keys as {@link Schema#foreignKey} with their name and both actions as reported
 *       ({@code RESTRICT} and {@code NO ACTION} kept apart: MariaDB reports an unspecified action as
 *       {@code RESTRICT}, MySQL as {@code NO ACTION}). A referred table in another schema is written
 *       {@code "schema.table"}. Referred tables are not reflected along: reflect them too (or define
 *       them) before compiling DDL for the referring table.</li>
 *   <li>Check constraints as {@link Schema#check(String, String)}, ordered by name, the condition as
 *       the server reports it minus any parentheses around the whole (MySQL adds one pair), so
 *       {@code `balance` >= 0} reads the same on both families. MySQL may also write charset
 *       introducers ({@code _utf8mb4'draft'}) into conditions; they are kept.</li>
 *   <li>Table options: {@code ENGINE}, {@code COLLATE}, the collation's {@code CHARSET} and a non-empty
 *       {@code COMMENT}, always set as reported. The schema option is not set: the tables belong to
 *       the connection's current database, and are registered under their bare names.</li>
 * </ul>
 * Generated (virtual/stored) columns are reflected as plain columns, with a warning in the log.
 *
 * <h2>Which tables</h2>
 * With no names: every {@code BASE TABLE} of the current database (views, sequences and
 * system-versioned tables are left out). With names: those tables; a name that matches no base
 * table fails the call with an {@link InvalidRequestException} naming it (and every other missing
 * one) and the database. A name that matches no table exactly but exactly one table ignoring case
 * (servers with {@code lower_case_table_names}) reads that table. Tables already defined in the
 * metadata are skipped, as SQLAlchemy's {@code reflect} does without {@code extend_existing}: they
 * are neither changed nor returned. The result lists the tables added in the order of their names,
 * compared as Java strings rather than by the collation of information_schema (MariaDB's sorts
 * {@code posts} before {@code post_tags}, MySQL's after), so the order is the same on both families.
 */
final class Reflector {

    private static final Logger LOG = LoggerFactory.getLogger(Reflector.class);

    /** {@code current_timestamp}, {@code current_timestamp()}, {@code now(6)} and the like. */
    private static final Pattern CURRENT_TIMESTAMP = Pattern.compile(
            "(?:current_timestamp|now|localtimestamp|localtime)\\s*(?:\\(\\s*(\\d*)\\s*\\))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern GENERATED = Pattern.compile("\\b(VIRTUAL|STORED|PERSISTENT) GENERATED\\b",
            Pattern.CASE_INSENSITIVE);

    private final DefaultEngine engine;

    Reflector(DefaultEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Reads the named tables (all base tables of the connection's current database when
     * {@code tableNames} is empty) into {@code metadata}. Cold: nothing runs before subscription.
     *
     * @return the tables added, ordered by name; errors with an
     *     {@link InvalidRequestException} naming a requested table that does not exist, or a column
     *     whose type Retort cannot represent
     */
    Mono<List<Table>> reflect(MetaData metadata, List<String> tableNames) {
        Objects.requireNonNull(metadata, "metadata");
        List<String> requested = List.copyOf(new LinkedHashSet<>(tableNames));
        return engine.withConnectionMono(false, connection -> read(connection, metadata, requested))
                .map(definitions -> define(metadata, definitions));
    }

    // ---- reading -----------------------------------------------------------------------------

    private record TableRow(String schema, String name, @Nullable String engine, @Nullable String collation,
            @Nullable String charset, @Nullable String comment) {
    }

    private record ColumnRow(String table, String name, @Nullable String columnDefault, boolean nullable,
            String dataType, String columnType, String extra, String comment) {
    }

    private record IndexRow(String table, String name, boolean unique, @Nullable String column, @Nullable Long subPart,
            String type) {
    }

    private record ForeignKeyRow(String table, String name, String column, String referredSchema,
            String referredTable, String referredColumn, String updateRule, String deleteRule) {
    }

    private record CheckRow(String table, String name, String clause) {
    }

    /** A table read and checked, not yet added to the metadata. */
    private record Definition(String name, List<TableElement> elements) {
    }

    private Mono<List<Definition>> read(DefaultConnection connection, MetaData metadata, List<String> requested) {
        Dialect dialect = connection.dialect();
        return all(connection, tablesSql(dialect, requested.size()), nameParameters(requested)).flatMap(rows -> {
            Map<String, TableRow> found = new LinkedHashMap<>();
            for (Row row : rows) {
                TableRow table = new TableRow(string(row, "tbl_schema"), string(row, "tbl_name"),
                        optional(row, "tbl_engine"), optional(row, "tbl_collation"), optional(row, "tbl_charset"),
                        optional(row, "tbl_comment"));
                found.put(table.name(), table);
            }
            Set<String> chosen = new HashSet<>();
            List<String> missing = new ArrayList<>();
            if (requested.isEmpty()) {
                chosen.addAll(found.keySet());
            } else {
                for (String name : requested) {
                    String actual = resolve(name, found.keySet());
                    if (actual == null) {
                        missing.add(name);
                    } else {
                        chosen.add(actual);
                    }
                }
            }
            if (!missing.isEmpty()) {
                return currentDatabase(connection).flatMap(database -> Mono.error(new InvalidRequestException(
                        (missing.size() == 1 ? "Cannot reflect table " : "Cannot reflect tables ") + quoted(missing)
                                + ": database '" + database + "' has no base table of " + (missing.size() == 1
                                ? "that name" : "those names"))));
            }
            if (found.isEmpty()) {
                // nothing there, or no current database at all: tell the two apart
                return currentDatabase(connection).map(database -> List.<Definition>of());
            }
            List<TableRow> load = found.values().stream()
                    .filter(table -> chosen.contains(table.name()) && metadata.get(table.name()).isEmpty())
                    .sorted(Comparator.comparing(TableRow::name))
                    .toList();
            if (load.isEmpty()) {
                return Mono.just(List.<Definition>of());
            }
            return details(connection, dialect, requested.isEmpty() ? List.of()
                    : load.stream().map(TableRow::name).toList())
                    .map(details -> definitions(load, details, dialect.isMariaDb()));
        });
    }

    /** The table {@code requested} names: exactly, else the only one that matches ignoring case. */
    private static @Nullable String resolve(String requested, Set<String> found) {
        if (found.contains(requested)) {
            return requested;
        }
        List<String> matches = found.stream().filter(name -> name.equalsIgnoreCase(requested)).toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private Mono<String> currentDatabase(DefaultConnection connection) {
        return all(connection, "SELECT DATABASE() AS db", Map.of()).flatMap(rows -> {
            String database = rows.isEmpty() ? null : rows.get(0).get("db", String.class);
            return database == null
                    ? Mono.error(new InvalidRequestException("Cannot reflect tables: the connection has no current "
                            + "database; name one in the engine URL"))
                    : Mono.just(database);
        });
    }

    /** The rows of COLUMNS, STATISTICS, foreign keys and checks, one query each, in that order. */
    private Mono<List<List<Row>>> details(DefaultConnection connection, Dialect dialect, List<String> names) {
        Map<String, @Nullable Object> parameters = nameParameters(names);
        int n = names.size();
        Mono<List<Row>> checks = supportsChecks(dialect)
                ? all(connection, checksSql(dialect, n), parameters)
                : Mono.just(List.of());
        return Flux.concat(all(connection, columnsSql(n), parameters), all(connection, indexesSql(n), parameters),
                        all(connection, foreignKeysSql(n), parameters), checks)
                .collectList();
    }

    private static boolean supportsChecks(Dialect dialect) {
        return dialect.isMariaDb() || dialect.serverVersion().atLeast(8, 0, 16);
    }

    private static Mono<List<Row>> all(DefaultConnection connection, String sql, Map<String, @Nullable Object> parameters) {
        return connection.execute(text(sql), parameters).all();
    }

    // ---- the queries ---------------------------------------------------------------------------

    private static String tablesSql(Dialect dialect, int names) {
        // MariaDB 10.10+ names collations per charset in FULL_COLLATION_NAME (uca1400_ai_ci is shared)
        String collation = dialect.isMariaDb() && dialect.serverVersion().atLeast(10, 10, 0)
                ? "FULL_COLLATION_NAME" : "COLLATION_NAME";
        return "SELECT t.TABLE_SCHEMA AS tbl_schema, t.TABLE_NAME AS tbl_name, t.ENGINE AS tbl_engine, "
                + "t.TABLE_COLLATION AS tbl_collation, c.CHARACTER_SET_NAME AS tbl_charset, "
                + "t.TABLE_COMMENT AS tbl_comment "
                + "FROM information_schema.TABLES t "
                + "LEFT JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY c ON c." + collation
                + " = t.TABLE_COLLATION "
                + "WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'" + nameFilter("t.TABLE_NAME", names)
                + " ORDER BY t.TABLE_NAME";
    }

    private static String columnsSql(int names) {
        return "SELECT TABLE_NAME AS tbl, COLUMN_NAME AS col, COLUMN_DEFAULT AS col_default, "
                + "IS_NULLABLE AS is_nullable, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type, EXTRA AS extra, "
                + "COLUMN_COMMENT AS col_comment "
                + "FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE()" + nameFilter("TABLE_NAME", names)
                + " ORDER BY TABLE_NAME, ORDINAL_POSITION";
    }

    private static String indexesSql(int names) {
        return "SELECT TABLE_NAME AS tbl, INDEX_NAME AS idx, NON_UNIQUE AS non_unique, COLUMN_NAME AS col, "
                + "SUB_PART AS sub_part, INDEX_TYPE AS idx_type "
                + "FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = DATABASE()" + nameFilter("TABLE_NAME", names)
                + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
    }

    private static String foreignKeysSql(int names) {
        return "SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS fk, k.COLUMN_NAME AS col, "
                + "k.REFERENCED_TABLE_SCHEMA AS ref_schema, k.REFERENCED_TABLE_NAME AS ref_table, "
                + "k.REFERENCED_COLUMN_NAME AS ref_col, r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule "
                + "FROM information_schema.KEY_COLUMN_USAGE k "
                + "JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
                + "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
                + "WHERE k.TABLE_SCHEMA = DATABASE() AND r.CONSTRAINT_SCHEMA = DATABASE() "
                + "AND k.REFERENCED_TABLE_NAME IS NOT NULL" + nameFilter("k.TABLE_NAME", names)
                + " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";
    }

    private static String checksSql(Dialect dialect, int names) {
        if (dialect.isMariaDb()) {
            // MariaDB names checks per table (a JSON column's check is named after the column)
            return "SELECT TABLE_NAME AS tbl, CONSTRAINT_NAME AS ck, CHECK_CLAUSE AS ck_clause "
                    + "FROM information_schema.CHECK_CONSTRAINTS "
                    + "WHERE CONSTRAINT_SCHEMA = DATABASE()" + nameFilter("TABLE_NAME", names)
                    + " ORDER BY TABLE_NAME, CONSTRAINT_NAME";
        }
        // MySQL names checks per schema, and its CHECK_CONSTRAINTS has no table name
        return "SELECT tc.TABLE_NAME AS tbl, cc.CONSTRAINT_NAME AS ck, cc.CHECK_CLAUSE AS ck_clause "
                + "FROM information_schema.TABLE_CONSTRAINTS tc "
                + "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                + "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
                + "WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'" + nameFilter("tc.TABLE_NAME", names)
                + " ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME";
    }

    /** {@code AND column IN (:t0, :t1, …)}: one bound parameter per name, or nothing for no names. */
    private static String nameFilter(String column, int names) {
        if (names == 0) {
            return "";
        }
        StringJoiner filter = new StringJoiner(", ", " AND " + column + " IN (", ")");
        for (int i = 0; i < names; i++) {
            filter.add(":t" + i);
        }
        return filter.toString();
    }

    private static Map<String, @Nullable Object> nameParameters(List<String> names) {
        Map<String, @Nullable Object> parameters = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put("t" + i, names.get(i));
        }
        return parameters;
    }

    // ---- building ----------------------------------------------------------------------------

    private static List<Definition> definitions(List<TableRow> tables, List<List<Row>> details, boolean mariaDb) {
        Set<String> wanted = new HashSet<>();
        tables.forEach(table -> wanted.add(table.name()));
        Map<String, List<ColumnRow>> columns = new HashMap<>();
        for (Row row : details.get(0)) {
            String table = string(row, "tbl");
            if (wanted.contains(table)) {
                columns.computeIfAbsent(table, key -> new ArrayList<>()).add(new ColumnRow(table, string(row, "col"),
                        optional(row, "col_default"), "YES".equalsIgnoreCase(string(row, "is_nullable")),
                        string(row, "data_type"), string(row, "column_type"), orEmpty(row, "extra"),
                        orEmpty(row, "col_comment")));
            }
        }
        Map<String, List<IndexRow>> indexes = new HashMap<>();
        for (Row row : details.get(1)) {
            String table = string(row, "tbl");
            if (wanted.contains(table)) {
                Long nonUnique = row.get("non_unique", Long.class);
                indexes.computeIfAbsent(table, key -> new ArrayList<>()).add(new IndexRow(table, string(row, "idx"),
                        nonUnique != null && nonUnique == 0, optional(row, "col"), row.get("sub_part", Long.class),
                        orEmpty(row, "idx_type")));
            }
        }
        Map<String, List<ForeignKeyRow>> foreignKeys = new HashMap<>();
        for (Row row : details.get(2)) {
            String table = string(row, "tbl");
            if (wanted.contains(table)) {
                foreignKeys.computeIfAbsent(table, key -> new ArrayList<>()).add(new ForeignKeyRow(table,
                        string(row, "fk"), string(row, "col"), string(row, "ref_schema"), string(row, "ref_table"),
                        string(row, "ref_col"), string(row, "update_rule"), string(row, "delete_rule")));
            }
        }
        Map<String, List<CheckRow>> checks = new HashMap<>();
        for (Row row : details.get(3)) {
            String table = string(row, "tbl");
            if (wanted.contains(table)) {
                checks.computeIfAbsent(table, key -> new ArrayList<>())
                        .add(new CheckRow(table, string(row, "ck"), string(row, "ck_clause")));
            }
        }
        List<Definition> result = new ArrayList<>(tables.size());
        for (TableRow table : tables) {
            result.add(definition(table, columns.getOrDefault(table.name(), List.of()),
                    indexes.getOrDefault(table.name(), List.of()), foreignKeys.getOrDefault(table.name(), List.of()),
                    checks.getOrDefault(table.name(), List.of()), mariaDb));
        }
        return result;
    }

    private static Definition definition(TableRow table, List<ColumnRow> columnRows, List<IndexRow> indexRows,
            List<ForeignKeyRow> foreignKeyRows, List<CheckRow> checkRows, boolean mariaDb) {
        if (columnRows.isEmpty()) {
            throw new InvalidRequestException("Cannot reflect table '" + table.name()
                    + "': information_schema lists no columns for it (was it dropped meanwhile?)");
        }
        // MariaDB's JSON is LONGTEXT plus CHECK (json_valid(`col`))
        Set<String> jsonColumns = new HashSet<>();
        List<CheckRow> checks = new ArrayList<>();
        for (CheckRow check : checkRows) {
            String column = mariaDb ? ReflectionRules.jsonValidColumn(check.clause()) : null;
            boolean isJson = column != null && columnRows.stream()
                    .anyMatch(row -> row.name().equals(column) && row.dataType().equalsIgnoreCase("longtext"));
            if (isJson) {
                jsonColumns.add(column);
            } else {
                checks.add(check);
            }
        }

        Map<String, List<IndexRow>> byIndex = new LinkedHashMap<>();
        for (IndexRow row : indexRows) {
            byIndex.computeIfAbsent(row.name(), key -> new ArrayList<>()).add(row);
        }
        List<String> primaryKey = byIndex.getOrDefault("PRIMARY", List.of()).stream()
                .map(IndexRow::column).filter(Objects::nonNull).toList();

        List<TableElement> elements = new ArrayList<>();
        for (ColumnRow row : columnRows) {
            elements.add(column(row, jsonColumns.contains(row.name()), primaryKey.contains(row.name()), mariaDb));
        }
        if (!primaryKey.isEmpty()) {
            elements.add(Schema.primaryKey(primaryKey.toArray(String[]::new)));
        }

        Map<String, ForeignKey> foreignKeys = foreignKeys(table, foreignKeyRows);
        for (Map.Entry<String, List<IndexRow>> entry : byIndex.entrySet()) {
            String name = entry.getKey();
            if (name.equals("PRIMARY")) {
                continue;
            }
            List<IndexRow> parts = entry.getValue();
            IndexRow first = parts.get(0);
            String where = "Index " + table.name() + "." + name;
            if (first.type().equalsIgnoreCase("FULLTEXT") || first.type().equalsIgnoreCase("SPATIAL")) {
                LOG.warn("{} is a {} index, which Retort cannot express; it is not reflected", where, first.type());
                continue;
            }
            if (parts.stream().anyMatch(part -> part.column() == null)) {
                LOG.warn("{} is a functional (expression) index, which Retort cannot express; it is not reflected", where);
                continue;
            }
            List<String> columns = parts.stream().map(IndexRow::column).toList();
            if (parts.stream().anyMatch(part -> part.subPart() != null)) {
                LOG.warn("{} indexes a column prefix; reflected over the whole columns {}", where, columns);
            }
            String[] columnArray = columns.toArray(String[]::new);
            if (first.unique()) {
                elements.add(Schema.uniqueNamed(name, columnArray));
            } else {
                ForeignKey backed = foreignKeys.get(name);
                if (backed != null && backed.columnNames().equals(columns)) {
                    continue; // the index the server made for a named foreign key
                }
                elements.add(Schema.index(name, columnArray));
            }
        }
        elements.addAll(foreignKeys.values());
        for (CheckRow check : checks) {
            elements.add(Schema.check(check.name(), ReflectionRules.checkCondition(check.clause())));
        }
        elements.add(options(table));
        return new Definition(table.name(), elements);
    }

    private static Column<?> column(ColumnRow row, boolean json, boolean primaryKey, boolean mariaDb) {
        String where = row.table() + "." + row.name();
        SqlType<?> type;
        if (json) {
            type = Types.JSON;
        } else {
            try {
                type = MySqlColumnTypes.parse(row.columnType(), row.dataType());
            } catch (InvalidRequestException unsupported) {
                throw new InvalidRequestException("Cannot reflect column " + where + " of type '" + row.columnType()
                        + "': " + unsupported.getMessage(), unsupported);
            }
        }
        Column<?> column = Schema.column(row.name(), type);
        if (primaryKey) {
            column.primaryKey();
        }
        column.nullable(row.nullable());
        column.autoincrement(row.extra().toLowerCase(Locale.ROOT).contains("auto_increment"));
        if (GENERATED.matcher(row.extra()).find()) {
            LOG.warn("Column {} is a generated column ({}); it is reflected as a plain column", where, row.extra());
        } else {
            ServerDefault value = ReflectionRules.serverDefault(row.columnDefault(), row.extra(), row.dataType(), mariaDb);
            if (value != null) {
                if (value.literal()) {
                    column.serverDefault(value.sql());
                } else {
                    column.serverDefault(sqlText(value.sql()));
                }
            }
        }
        String onUpdate = ReflectionRules.serverOnUpdate(row.extra());
        if (onUpdate != null) {
            column.serverOnUpdate(sqlText(onUpdate));
        }
        if (!row.comment().isEmpty()) {
            column.comment(row.comment());
        }
        return column;
    }

    private static SqlText sqlText(String sql) {
        return () -> sql;
    }

    private static Map<String, ForeignKey> foreignKeys(TableRow table, List<ForeignKeyRow> rows) {
        Map<String, List<ForeignKeyRow>> byName = new LinkedHashMap<>();
        for (ForeignKeyRow row : rows) {
            byName.computeIfAbsent(row.name(), key -> new ArrayList<>()).add(row);
        }
        Map<String, ForeignKey> result = new LinkedHashMap<>();
        byName.forEach((name, parts) -> {
            ForeignKeyRow first = parts.get(0);
            String referred = first.referredSchema().equals(table.schema())
                    ? first.referredTable() : first.referredSchema() + "." + first.referredTable();
            ForeignKey key = Schema.foreignKey(parts.stream().map(ForeignKeyRow::column).toList(), referred,
                            parts.stream().map(ForeignKeyRow::referredColumn).toList())
                    .named(name)
                    .onDelete(action(first.deleteRule(), table.name(), name))
                    .onUpdate(action(first.updateRule(), table.name(), name));
            result.put(name, key);
        });
        return result;
    }

    private static ReferentialAction action(String rule, String table, String key) {
        return switch (rule.strip().toUpperCase(Locale.ROOT)) {
            case "CASCADE" -> ReferentialAction.CASCADE;
            case "SET NULL" -> ReferentialAction.SET_NULL;
            case "SET DEFAULT" -> ReferentialAction.SET_DEFAULT;
            case "RESTRICT" -> ReferentialAction.RESTRICT;
            case "NO ACTION" -> ReferentialAction.NO_ACTION;
            default -> throw new InvalidRequestException("Cannot reflect foreign key " + table + "." + key
                    + ": unknown referential action '" + rule + "'");
        };
    }

    private static TableOptions options(TableRow table) {
        TableOptions options = Schema.options();
        if (table.engine() != null && !table.engine().isEmpty()) {
            options = options.engine(table.engine());
        }
        if (table.collation() != null && !table.collation().isEmpty()) {
            options = options.collation(table.collation());
            String charset = table.charset();
            if (charset == null || charset.isEmpty()) {
                int underscore = table.collation().indexOf('_');
                charset = underscore > 0 ? table.collation().substring(0, underscore) : null;
            }
            if (charset != null) {
                options = options.charset(charset);
            }
        }
        if (table.comment() != null && !table.comment().isEmpty()) {
            options = options.comment(table.comment());
        }
        return options;
    }

    /** Adds the definitions to the metadata, skipping any defined there since they were read. */
    private static List<Table> define(MetaData metadata, List<Definition> definitions) {
        List<Table> added = new ArrayList<>(definitions.size());
        for (Definition definition : definitions) {
            if (metadata.get(definition.name()).isEmpty()) {
                added.add(metadata.table(definition.name(), definition.elements().toArray(TableElement[]::new)));
            }
        }
        return List.copyOf(added);
    }

    // ---- rows --------------------------------------------------------------------------------

    private static String string(Row row, String column) {
        String value = row.get(column, String.class);
        if (value == null) {
            throw new InvalidRequestException("information_schema returned NULL for " + column);
        }
        return value;
    }

    private static @Nullable String optional(Row row, String column) {
        return row.get(column, String.class);
    }

    private static String orEmpty(Row row, String column) {
        String value = row.get(column, String.class);
        return value == null ? "" : value;
    }

    private static String quoted(List<String> names) {
        StringJoiner joined = new StringJoiner(", ");
        names.forEach(name -> joined.add("'" + name + "'"));
        return joined.toString();
    }
}
