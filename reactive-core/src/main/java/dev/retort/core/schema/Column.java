package dev.retort.core.schema;

import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.sql.expression.Expression;
import dev.retort.core.sql.expression.ExpressionVisitor;
import dev.retort.core.types.BigIntegerType;
import dev.retort.core.types.IntegerType;
import dev.retort.core.types.SmallIntegerType;
import dev.retort.core.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A column of a {@link Table}, typed by the Java type of its values. Made by
 * {@link Schema#column(String, SqlType)} (for {@link MetaData#table}) or by a typed table class's
 * {@code column(...)}; configured with the fluent methods below, which return this column and are
 * meant for the table's definition only (columns are not thread-safe while being configured, and
 * are read-only by convention once the table is in use).
 *
 * @param <T> the Java type of the column's values
 */
public final class Column<T> implements TableElement, Expression<T> {

    private final String name;
    private final SqlType<T> type;
    private @Nullable Table table;
    private boolean primaryKey;
    private @Nullable Boolean nullable;
    private @Nullable Boolean autoincrement;
    private boolean unique;
    private boolean indexed;
    private @Nullable Supplier<? extends T> clientDefault;
    private @Nullable ServerDefault serverDefault;
    private @Nullable Supplier<? extends T> clientOnUpdate;
    private @Nullable String serverOnUpdate;
    private @Nullable String comment;
    private final List<ForeignKey> references = new ArrayList<>(1);

    Column(String name, SqlType<T> type) {
        this.name = Schema.requireName(name, "A column");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The column's name as in the database. */
    public String name() {
        return name;
    }

    @Override
    public SqlType<T> type() {
        return type;
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitColumn(this);
    }

    /**
     * The table this column belongs to.
     *
     * @throws InvalidRequestException when the column has not been added to a table
     */
    public Table table() {
        if (table == null) {
            throw new InvalidRequestException("Column '" + name + "' does not belong to a table yet");
        }
        return table;
    }

    void detach(Table owner) {
        if (table == owner) {
            table = null;
        }
    }

    void attach(Table owner) {
        if (table != null && table != owner) {
            throw new InvalidRequestException("Column '" + name + "' already belongs to table '" + table.name()
                    + "'; make a new column for table '" + owner.name() + "'");
        }
        table = owner;
    }

    // ---- definition -------------------------------------------------------------------------

    /** Makes this column (part of) the primary key; it becomes NOT NULL. */
    public Column<T> primaryKey() {
        this.primaryKey = true;
        return this;
    }

    /** {@code NOT NULL}. */
    public Column<T> notNull() {
        return nullable(false);
    }

    public Column<T> nullable(boolean value) {
        this.nullable = value;
        return this;
    }

    /**
     * Forces {@code AUTO_INCREMENT} on or off. By default a single-column integer primary key
     * without a foreign key or default is auto-incremented, as in SQLAlchemy.
     */
    public Column<T> autoincrement(boolean value) {
        this.autoincrement = value;
        return this;
    }

    /** A single-column unique constraint. */
    public Column<T> unique() {
        this.unique = true;
        return this;
    }

    /** A single-column index, named by the metadata's naming convention. */
    public Column<T> index() {
        this.indexed = true;
        return this;
    }

    /** A value the statement builders use on INSERT when none is given. */
    public Column<T> defaultValue(T value) {
        Objects.requireNonNull(value, "value (use no default rather than a null one)");
        this.clientDefault = () -> value;
        return this;
    }

    /** A value computed by the statement builders on each INSERT when none is given. */
    public Column<T> defaultValue(Supplier<? extends T> supplier) {
        this.clientDefault = Objects.requireNonNull(supplier, "supplier");
        return this;
    }

    /** A server default written as a string literal: {@code serverDefault("draft")} gives {@code DEFAULT 'draft'}. */
    public Column<T> serverDefault(String literal) {
        this.serverDefault = new ServerDefault(Objects.requireNonNull(literal, "literal"), true);
        return this;
    }

    /** A server default written as SQL: {@code serverDefault(text("CURRENT_TIMESTAMP"))}. */
    public Column<T> serverDefault(SqlText expression) {
        this.serverDefault = new ServerDefault(expression.text(), false);
        return this;
    }

    /** A value the statement builders set on every UPDATE that does not set this column. */
    public Column<T> onUpdate(Supplier<? extends T> supplier) {
        this.clientOnUpdate = Objects.requireNonNull(supplier, "supplier");
        return this;
    }

    /** A server-side on-update clause: {@code serverOnUpdate(text("CURRENT_TIMESTAMP"))}. */
    public Column<T> serverOnUpdate(SqlText expression) {
        this.serverOnUpdate = expression.text();
        return this;
    }

    public Column<T> comment(String text) {
        this.comment = Objects.requireNonNull(text, "text");
        return this;
    }

    /**
     * A foreign key from this column to {@code "table.column"} (or {@code "schema.table.column"}).
     *
     * @throws IllegalArgumentException when the target is not of that form
     */
    public Column<T> references(String target) {
        return references(target, null);
    }

    /** A foreign key to {@code "table.column"} with an {@code ON DELETE} action. */
    public Column<T> references(String target, @Nullable ReferentialAction onDelete) {
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            throw new IllegalArgumentException("A column reference is written \"table.column\", got \"" + target + "\"");
        }
        references.add(new ForeignKey(null, List.of(name), target.substring(0, dot), List.of(target.substring(dot + 1)),
                onDelete, null));
        return this;
    }

    /** A foreign key from this column to another column, which must belong to a table. */
    public Column<T> references(Column<?> target) {
        return references(target.table().qualifiedName() + "." + target.name());
    }

    // ---- reading the definition ---------------------------------------------------------------

    /**
     * Whether the column is part of the table's effective primary key (a table-level primary key
     * overrides the columns' own {@code primaryKey()} marks).
     */
    public boolean isPrimaryKey() {
        return table == null ? primaryKey
                : table.primaryKeyConstraint().map(key -> key.columnNames().contains(name)).orElse(false);
    }

    /** Whether {@link #primaryKey()} was called on this column itself. */
    boolean isMarkedPrimaryKey() {
        return primaryKey;
    }

    /** Whether NULL is allowed: as set, else false for primary-key columns and true otherwise. */
    public boolean isNullable() {
        return nullable != null ? nullable : !isPrimaryKey();
    }

    /** Whether the column is {@code AUTO_INCREMENT}: as set, else the SQLAlchemy "auto" rule. */
    public boolean isAutoincrement() {
        if (autoincrement != null) {
            return autoincrement;
        }
        boolean integer = type instanceof IntegerType || type instanceof BigIntegerType || type instanceof SmallIntegerType;
        return isPrimaryKey() && integer && serverDefault == null && clientDefault == null && table != null
                && table.primaryKeyColumnCount() == 1
                && table.foreignKeys().stream().noneMatch(key -> key.columnNames().contains(name));
    }

    public boolean isUnique() {
        return unique;
    }

    public boolean isIndexed() {
        return indexed;
    }

    public Optional<Supplier<? extends T>> clientDefault() {
        return Optional.ofNullable(clientDefault);
    }

    public Optional<ServerDefault> serverDefault() {
        return Optional.ofNullable(serverDefault);
    }

    public Optional<Supplier<? extends T>> clientOnUpdate() {
        return Optional.ofNullable(clientOnUpdate);
    }

    /** The server-side on-update expression as SQL text. */
    public Optional<String> serverOnUpdate() {
        return Optional.ofNullable(serverOnUpdate);
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** Foreign keys declared on this column with {@link #references}. */
    public List<ForeignKey> references() {
        return List.copyOf(references);
    }

    @Override
    public String toString() {
        return (table == null ? "" : table.name() + ".") + name;
    }
}
