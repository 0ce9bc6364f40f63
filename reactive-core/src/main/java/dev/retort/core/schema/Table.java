package dev.retort.core.schema;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.FromClause;
import dev.retort.core.types.SqlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A table of a {@link MetaData}: columns, constraints, indexes and options. Two ways to define one:
 *
 * <pre>{@code
 * // dynamically
 * Table users = metadata.table("users",
 *         column("id", INTEGER).primaryKey(),
 *         column("name", string(50)).notNull());
 * Column<?> name = users.c("name");
 *
 * // as a typed table class, so statements can use typed columns
 * final class Users extends Table {
 *     final Column<Integer> id = column("id", INTEGER).primaryKey();
 *     final Column<String> name = column("name", string(50)).notNull();
 *     Users(MetaData metadata) {
 *         super(metadata, "users");
 *         add(index("ix_users_name", "name"));
 *     }
 * }
 * }</pre>
 *
 * Definition happens on one thread at start-up; a defined table is read-only by convention and may
 * then be shared freely. Nothing here does IO except {@link #create} and {@link #drop}, which hand
 * the table to a {@link SchemaTarget} (an engine).
 */
public class Table implements FromClause {

    private volatile MetaData metadata;
    private final String name;
    private final Map<String, Column<?>> columns = new LinkedHashMap<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<Index> indexes = new ArrayList<>();
    private TableOptions options = TableOptions.NONE;

    /**
     * Defines a table in {@code metadata} with the given elements (more may be added by a subclass).
     *
     * @throws InvalidRequestException when the metadata already has a table of that name, or an
     *     element repeats a column name
     */
    protected Table(MetaData metadata, String name, TableElement... elements) {
        this.metadata = java.util.Objects.requireNonNull(metadata, "metadata");
        this.name = Schema.requireName(name, "A table");
        for (TableElement element : elements) {
            if (element instanceof TableOptions given) {
                options = options.merge(given);
            }
        }
        try {
            add(elements);
        } catch (RuntimeException invalid) {
            columns.values().forEach(column -> column.detach(this));
            throw invalid;
        }
        metadata.register(this);
    }

    /** Adds a column of the given name and type to this table (for typed table classes). */
    protected final <T> Column<T> column(String columnName, SqlType<T> type) {
        Column<T> column = new Column<>(columnName, type);
        addColumn(column);
        return column;
    }

    /** Adds columns, constraints, indexes or options. */
    protected final void add(TableElement... elements) {
        for (TableElement element : elements) {
            java.util.Objects.requireNonNull(element, "a table element is null");
            if (element instanceof Column<?> column) {
                addColumn(column);
            } else if (element instanceof Constraint constraint) {
                constraints.add(constraint);
            } else if (element instanceof Index index) {
                indexes.add(index);
            } else if (element instanceof TableOptions given && !options.equals(options.merge(given))) {
                if (given.schema() != null && !given.schema().equals(options.schema())) {
                    throw new InvalidRequestException("The schema of table '" + name + "' must be given when it is defined");
                }
                options = options.merge(given);
            }
        }
    }

    private void addColumn(Column<?> column) {
        if (columns.containsKey(column.name())) {
            throw new InvalidRequestException("Table '" + name + "' already has a column named '" + column.name() + "'");
        }
        column.attach(this);
        columns.put(column.name(), column);
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Re-homes this table when its metadata is absorbed by another ({@link MetaData#absorb}). */
    void moveTo(MetaData target) {
        metadata = target;
    }

    public MetaData metadata() {
        return metadata;
    }

    public String name() {
        return name;
    }

    /** The schema (database) this table lives in, when it was given one. */
    public Optional<String> schema() {
        return options.schemaName();
    }

    /** {@code schema.name}, or just the name. */
    public String qualifiedName() {
        return schema().map(schema -> schema + "." + name).orElse(name);
    }

    /** The table options (named so that {@code Schema.options()} stays usable inside typed table classes). */
    public TableOptions tableOptions() {
        return options;
    }

    /** The columns in definition order. */
    public List<Column<?>> columns() {
        return List.copyOf(columns.values());
    }

    @Override
    public List<Column<?>> exportedColumns() {
        return columns();
    }

    /**
     * The column named {@code columnName} (SQLAlchemy's {@code table.c.name}).
     *
     * @throws InvalidRequestException when there is none; the message lists the columns
     */
    public Column<?> c(String columnName) {
        Column<?> column = columns.get(columnName);
        if (column == null) {
            throw new InvalidRequestException("Table '" + name + "' has no column '" + columnName + "'; it has "
                    + columns.keySet());
        }
        return column;
    }

    /** The column named {@code columnName}, checked to hold values of {@code javaType}. */
    @SuppressWarnings("unchecked")
    public <T> Column<T> c(String columnName, Class<T> javaType) {
        Column<?> column = c(columnName);
        if (!javaType.isAssignableFrom(column.type().javaType())) {
            throw new InvalidRequestException("Column '" + name + "." + columnName + "' holds "
                    + column.type().javaType().getName() + ", not " + javaType.getName());
        }
        return (Column<T>) column;
    }

    /** Whether the table has a column of that name. */
    public boolean hasColumn(String columnName) {
        return columns.containsKey(columnName);
    }

    int primaryKeyColumnCount() {
        return primaryKeyConstraint().map(key -> key.columnNames().size()).orElse(0);
    }

    /**
     * The primary key: the explicit constraint, else the columns marked {@code primaryKey()}.
     * (Not named {@code primaryKey()}, so that {@code Schema.primaryKey(...)} stays usable inside
     * typed table classes.)
     */
    public Optional<PrimaryKeyConstraint> primaryKeyConstraint() {
        for (Constraint constraint : constraints) {
            if (constraint instanceof PrimaryKeyConstraint key) {
                return Optional.of(key);
            }
        }
        List<String> keyColumns = columns.values().stream().filter(Column::isMarkedPrimaryKey).map(Column::name).toList();
        return keyColumns.isEmpty() ? Optional.empty() : Optional.of(new PrimaryKeyConstraint(null, keyColumns));
    }

    /** Unique constraints: those of single columns marked {@code unique()} first, then table-level ones. */
    public List<UniqueConstraint> uniqueConstraints() {
        List<UniqueConstraint> result = new ArrayList<>();
        for (Column<?> column : columns.values()) {
            if (column.isUnique()) {
                result.add(new UniqueConstraint(null, List.of(column.name())));
            }
        }
        constraints.stream().filter(UniqueConstraint.class::isInstance).map(UniqueConstraint.class::cast).forEach(result::add);
        return Collections.unmodifiableList(result);
    }

    /** Foreign keys: column references first, then table-level ones. */
    public List<ForeignKey> foreignKeys() {
        List<ForeignKey> result = new ArrayList<>();
        for (Column<?> column : columns.values()) {
            result.addAll(column.references());
        }
        constraints.stream().filter(ForeignKey.class::isInstance).map(ForeignKey.class::cast).forEach(result::add);
        return Collections.unmodifiableList(result);
    }

    public List<CheckConstraint> checks() {
        return constraints.stream().filter(CheckConstraint.class::isInstance).map(CheckConstraint.class::cast).toList();
    }

    /** Indexes: those of single columns marked {@code index()} first, then table-level ones. */
    public List<Index> indexes() {
        List<Index> result = new ArrayList<>();
        for (Column<?> column : columns.values()) {
            if (column.isIndexed()) {
                result.add(new Index(null, List.of(column.name()), false));
            }
        }
        result.addAll(indexes);
        return Collections.unmodifiableList(result);
    }

    /**
     * Checks the definition: at least one column, and every column named by a constraint or index
     * exists here.
     *
     * @throws InvalidRequestException naming the table and the missing column
     */
    public void validate() {
        if (columns.isEmpty()) {
            throw new InvalidRequestException("Table '" + name + "' has no columns");
        }
        primaryKeyConstraint().ifPresent(key -> requireColumns(key.columnNames(), "primary key"));
        uniqueConstraints().forEach(unique -> requireColumns(unique.columnNames(), "unique constraint"));
        foreignKeys().forEach(key -> requireColumns(key.columnNames(), "foreign key"));
        indexes().forEach(index -> requireColumns(index.columnNames(), "index"));
    }

    private void requireColumns(List<String> names, String what) {
        for (String column : names) {
            if (!columns.containsKey(column)) {
                throw new InvalidRequestException("The " + what + " of table '" + name + "' names column '" + column
                        + "', which the table does not have; it has " + columns.keySet());
            }
        }
    }

    // ---- DDL ---------------------------------------------------------------------------------

    /** {@code CREATE TABLE} unless it exists. Work happens on subscription, through {@code target}. */
    public Mono<Void> create(SchemaTarget target) {
        return target.createTables(List.of(this), true);
    }

    /** {@code DROP TABLE} if it exists. Work happens on subscription, through {@code target}. */
    public Mono<Void> drop(SchemaTarget target) {
        return target.dropTables(List.of(this), true);
    }

    @Override
    public String toString() {
        return "Table(" + qualifiedName() + ", " + columns.keySet() + ")";
    }
}
