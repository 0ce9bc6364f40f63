package dev.retort.core.dialect.mysql;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.CheckConstraint;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.Index;
import dev.retort.core.schema.ReferentialAction;
import dev.retort.core.schema.ServerDefault;
import dev.retort.core.schema.Table;
import dev.retort.core.schema.TableOptions;
import dev.retort.core.schema.UniqueConstraint;
import dev.retort.core.sql.compile.DdlCompiler;
import dev.retort.core.types.BooleanType;
import dev.retort.core.types.SqlType;
import dev.retort.core.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DDL for MySQL 8 and MariaDB 10.5+, in the layout SQLAlchemy's MySQL dialect uses: one table
 * element per line, indented by a tab. Identifiers go through {@link MySqlDialect#quoteIdentifier}
 * (backticks only when needed) and literals through {@link MySqlDialect#quoteLiteral}.
 *
 * <p>The two families differ here in one place: MySQL accepts a default on a TEXT, BLOB or JSON
 * column only as an expression in parentheses ({@code DEFAULT ('x')}, 8.0.13+), MariaDB as a plain
 * literal. Mistakes the server would report late or obscurely are refused up front with an
 * {@link InvalidRequestException} naming the table and column: a VARCHAR without length, a DECIMAL
 * without precision, more than one AUTO_INCREMENT column, an AUTO_INCREMENT column that leads no
 * key or is not an integer or has a default, and {@code SET DEFAULT} actions, which InnoDB refuses.
 */
final class MySqlDdlCompiler implements DdlCompiler {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern OPTION_WORD = Pattern.compile("[A-Za-z0-9_]+");

    private final MySqlDialect dialect;

    MySqlDdlCompiler(MySqlDialect dialect) {
        this.dialect = dialect;
    }

    // ---- tables --------------------------------------------------------------------------------

    @Override
    public String createTable(Table table, List<ForeignKey> omittedForeignKeys) {
        table.validate();
        checkAutoincrement(table);
        List<String> elements = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            elements.add(columnDefinition(table, column));
        }
        table.primaryKeyConstraint().ifPresent(key -> elements.add("PRIMARY KEY " + columnList(key.columnNames())));
        for (UniqueConstraint unique : table.uniqueConstraints()) {
            elements.add(constraintPrefix(table.metadata().namingConvention().nameOf(table, unique))
                    + "UNIQUE " + columnList(unique.columnNames()));
        }
        for (Index index : table.indexes()) {
            elements.add((index.unique() ? "UNIQUE INDEX " : "INDEX ")
                    + indexName(table, index).map(name -> quote(name) + " ").orElse("")
                    + columnList(index.columnNames()));
        }
        for (ForeignKey key : table.foreignKeys()) {
            if (!omittedForeignKeys.contains(key)) {
                elements.add(foreignKeyDefinition(table, key));
            }
        }
        for (CheckConstraint check : table.checks()) {
            elements.add(constraintPrefix(table.metadata().namingConvention().nameOf(table, check))
                    + "CHECK (" + check.condition() + ")");
        }
        return "CREATE TABLE " + tableName(table) + " (\n\t" + String.join(",\n\t", elements) + "\n)"
                + tableOptions(table);
    }

    @Override
    public String dropTable(Table table) {
        return "DROP TABLE " + tableName(table);
    }

    private String tableOptions(Table table) {
        TableOptions options = table.tableOptions();
        StringBuilder sql = new StringBuilder();
        if (options.engine() != null) {
            sql.append(" ENGINE=").append(optionWord(table, "ENGINE", options.engine()));
        }
        if (options.charset() != null) {
            sql.append(" DEFAULT CHARSET=").append(optionWord(table, "DEFAULT CHARSET", options.charset()));
        }
        if (options.collation() != null) {
            sql.append(" COLLATE=").append(optionWord(table, "COLLATE", options.collation()));
        }
        if (options.comment() != null) {
            sql.append(" COMMENT=").append(dialect.quoteLiteral(options.comment()));
        }
        return sql.toString();
    }

    /** Engine, charset and collation names are written bare, so they must be plain words. */
    private static String optionWord(Table table, String option, String value) {
        if (!OPTION_WORD.matcher(value).matches()) {
            throw new InvalidRequestException("Table " + table.name() + ": " + option + " must be a plain name of letters, "
                    + "digits and underscores, was '" + value + "'");
        }
        return value;
    }

    // ---- columns -------------------------------------------------------------------------------

    private String columnDefinition(Table table, Column<?> column) {
        String where = table.name() + "." + column.name();
        SqlType<?> type = column.type();
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ')
                .append(type.accept(new MySqlTypeCompiler(dialect, where)));
        if (!column.isNullable() || inPrimaryKey(table, column)) {
            sql.append(" NOT NULL");
        } else if (type instanceof TimestampType) {
            sql.append(" NULL");
        }
        column.serverDefault().ifPresent(value -> sql.append(" DEFAULT ").append(defaultValue(where, type, value)));
        column.serverOnUpdate().ifPresent(expression -> sql.append(" ON UPDATE ").append(expression));
        if (column.isAutoincrement()) {
            sql.append(" AUTO_INCREMENT");
        }
        column.comment().ifPresent(comment -> sql.append(" COMMENT ").append(dialect.quoteLiteral(comment)));
        return sql.toString();
    }

    /** Columns of a table-level primary key are NOT NULL too, even when the column was not marked. */
    private static boolean inPrimaryKey(Table table, Column<?> column) {
        return table.primaryKeyConstraint().map(key -> key.columnNames().contains(column.name())).orElse(false);
    }

    private String defaultValue(String where, SqlType<?> type, ServerDefault value) {
        String sql;
        if (!value.literal()) {
            sql = value.sql();
        } else if (MySqlTypeCompiler.isNumeric(type) && NUMBER.matcher(value.sql().strip()).matches()) {
            return value.sql().strip();
        } else if (type instanceof BooleanType && isBooleanWord(value.sql())) {
            return value.sql().strip().toUpperCase(Locale.ROOT);
        } else {
            sql = dialect.quoteLiteral(value.sql());
        }
        boolean needsExpression = !dialect.isMariaDb() && MySqlTypeCompiler.isLargeObject(type);
        if (needsExpression && !dialect.serverVersion().atLeast(8, 0, 13)) {
            throw new InvalidRequestException("Column " + where + ": MySQL " + dialect.serverVersionString()
                    + " cannot give a TEXT, BLOB or JSON column a default; that needs MySQL 8.0.13 or later");
        }
        return needsExpression && !isParenthesized(sql) ? "(" + sql + ")" : sql;
    }

    private static boolean isBooleanWord(String literal) {
        String word = literal.strip().toLowerCase(Locale.ROOT);
        return word.equals("true") || word.equals("false");
    }

    /** Whether the whole expression is one parenthesized group, as in {@code (UUID())}. */
    private static boolean isParenthesized(String sql) {
        String s = sql.strip();
        if (!s.startsWith("(") || !s.endsWith(")")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && i < s.length() - 1) {
                return false;
            }
        }
        return true;
    }

    /** At most one AUTO_INCREMENT column, an integer without a default that leads a key. */
    private static void checkAutoincrement(Table table) {
        List<Column<?>> auto = table.columns().stream().filter(Column::isAutoincrement).toList();
        if (auto.size() > 1) {
            throw new InvalidRequestException("Table " + table.name() + " has more than one AUTO_INCREMENT column: "
                    + auto.stream().map(Column::name).toList() + "; MySQL allows one");
        }
        for (Column<?> column : auto) {
            String where = "Column " + table.name() + "." + column.name() + ": ";
            if (!MySqlTypeCompiler.isInteger(column.type())) {
                throw new InvalidRequestException(where + "AUTO_INCREMENT needs an integer type");
            }
            if (column.serverDefault().isPresent()) {
                throw new InvalidRequestException(where + "an AUTO_INCREMENT column cannot have a server default");
            }
            if (!leadsKey(table, column.name())) {
                throw new InvalidRequestException(where + "an AUTO_INCREMENT column must be the first column of the "
                        + "primary key or of a unique constraint or index");
            }
        }
    }

    private static boolean leadsKey(Table table, String column) {
        List<List<String>> keys = new ArrayList<>();
        table.primaryKeyConstraint().ifPresent(key -> keys.add(key.columnNames()));
        table.uniqueConstraints().forEach(unique -> keys.add(unique.columnNames()));
        table.indexes().forEach(index -> keys.add(index.columnNames()));
        return keys.stream().anyMatch(columns -> columns.get(0).equals(column));
    }

    // ---- indexes -------------------------------------------------------------------------------

    @Override
    public String createIndex(Table table, Index index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(requiredIndexName(table, index))
                + " ON " + tableName(table) + " " + columnList(index.columnNames());
    }

    @Override
    public String dropIndex(Table table, Index index) {
        return "DROP INDEX " + quote(requiredIndexName(table, index)) + " ON " + tableName(table);
    }

    private Optional<String> indexName(Table table, Index index) {
        return table.metadata().namingConvention().nameOf(table, index);
    }

    private String requiredIndexName(Table table, Index index) {
        return indexName(table, index).orElseThrow(() -> new InvalidRequestException("The index on "
                + table.name() + index.columnNames() + " has no name; give it one or use a naming convention "
                + "with an index template"));
    }

    // ---- foreign keys --------------------------------------------------------------------------

    @Override
    public String addForeignKey(Table table, ForeignKey foreignKey) {
        return "ALTER TABLE " + tableName(table) + " ADD " + foreignKeyDefinition(table, foreignKey);
    }

    @Override
    public String dropForeignKey(Table table, ForeignKey foreignKey) {
        String name = table.metadata().namingConvention().nameOf(table, foreignKey)
                .orElseThrow(() -> new InvalidRequestException("The foreign key of " + table.name()
                        + foreignKey.columnNames() + " has no name, so it cannot be dropped by name; give it one "
                        + "or use a naming convention with a foreign key template"));
        return "ALTER TABLE " + tableName(table) + " DROP FOREIGN KEY " + quote(name);
    }

    /** {@code [CONSTRAINT name ]FOREIGN KEY (…) REFERENCES t (…)[ ON DELETE …][ ON UPDATE …]}. */
    private String foreignKeyDefinition(Table table, ForeignKey key) {
        Table target = table.metadata().referredTable(table, key);
        StringBuilder sql = new StringBuilder(constraintPrefix(table.metadata().namingConvention().nameOf(table, key)))
                .append("FOREIGN KEY ").append(columnList(key.columnNames()))
                .append(" REFERENCES ").append(tableName(target)).append(' ').append(columnList(key.referredColumns()));
        if (key.onDelete() != null) {
            sql.append(" ON DELETE ").append(action(table, key, key.onDelete()));
        }
        if (key.onUpdate() != null) {
            sql.append(" ON UPDATE ").append(action(table, key, key.onUpdate()));
        }
        return sql.toString();
    }

    /** InnoDB (the default engine of both families) parses SET DEFAULT but refuses the table. */
    private static String action(Table table, ForeignKey key, ReferentialAction action) {
        String engine = table.tableOptions().engine();
        if (action == ReferentialAction.SET_DEFAULT && (engine == null || engine.equalsIgnoreCase("InnoDB"))) {
            throw new InvalidRequestException("The foreign key of " + table.name() + key.columnNames()
                    + ": InnoDB does not support SET DEFAULT; use SET NULL, CASCADE, RESTRICT or NO ACTION");
        }
        return action.sql();
    }

    // ---- names ---------------------------------------------------------------------------------

    private String constraintPrefix(Optional<String> name) {
        return name.map(value -> "CONSTRAINT " + quote(value) + " ").orElse("");
    }

    /** The table's name, qualified by its schema when it has one. */
    private String tableName(Table table) {
        return table.schema().map(schema -> quote(schema) + ".").orElse("") + quote(table.name());
    }

    private String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", ", "(", ")"));
    }

    private String quote(String identifier) {
        return dialect.quoteIdentifier(identifier);
    }
}
