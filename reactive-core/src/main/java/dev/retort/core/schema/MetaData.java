package dev.retort.core.schema;

import dev.retort.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A collection of table definitions and the naming convention for their unnamed constraints
 * (SQLAlchemy's {@code MetaData}). Defining tables does no IO; {@link #createAll},
 * {@link #dropAll} and {@link #reflect} hand the metadata to a {@link SchemaTarget} (an engine),
 * which compiles and runs the DDL when the returned Mono is subscribed.
 *
 * <p>Define tables on one thread at start-up; afterwards the metadata may be shared read-only.
 */
public final class MetaData {

    private final NamingConvention namingConvention;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    /** Metadata with the {@linkplain NamingConvention#DEFAULT default naming convention}. */
    public MetaData() {
        this(NamingConvention.DEFAULT);
    }

    public MetaData(NamingConvention namingConvention) {
        this.namingConvention = Objects.requireNonNull(namingConvention, "namingConvention");
    }

    public NamingConvention namingConvention() {
        return namingConvention;
    }

    /**
     * Defines a table from columns ({@link Schema#column}), constraints, indexes and options.
     *
     * @throws InvalidRequestException when a table of that name exists here, or a column name repeats
     */
    public Table table(String name, TableElement... elements) {
        return new Table(this, name, elements);
    }

    synchronized void register(Table table) {
        String key = table.qualifiedName();
        if (tables.containsKey(key)) {
            throw new InvalidRequestException("Table '" + key + "' is already defined in this MetaData");
        }
        tables.put(key, table);
    }

    /**
     * Moves every table of {@code other} into this metadata, leaving {@code other} empty. The
     * tables and their columns stay the same objects and report this metadata from then on; an ORM
     * registry uses this to join two groups of classes that were mapped separately. Do it at
     * start-up, like defining tables.
     *
     * @throws InvalidRequestException when a table name is defined in both (then nothing moves)
     */
    public void absorb(MetaData other) {
        if (other == this) {
            return;
        }
        synchronized (this) {
            synchronized (other) {
                for (String name : other.tables.keySet()) {
                    if (tables.containsKey(name)) {
                        throw new InvalidRequestException("Cannot absorb: table '" + name + "' is defined in both MetaData");
                    }
                }
                for (Table table : other.tables.values()) {
                    table.moveTo(this);
                    tables.put(table.qualifiedName(), table);
                }
                other.tables.clear();
            }
        }
    }

    /** The tables in definition order. */
    public synchronized List<Table> tables() {
        return List.copyOf(tables.values());
    }

    /** The table with this (schema-qualified, if it has a schema) name. */
    public synchronized Optional<Table> get(String qualifiedName) {
        return Optional.ofNullable(tables.get(qualifiedName));
    }

    /**
     * The table a foreign key refers to.
     *
     * @throws InvalidRequestException when it is not defined here, or lacks a referred column;
     *     the message names the referring table and column
     */
    public Table referredTable(Table from, ForeignKey key) {
        Table target = get(key.referredTable())
                .or(() -> from.schema().flatMap(schema -> get(schema + "." + key.referredTable())))
                .orElseThrow(() -> new InvalidRequestException("The foreign key of " + from.name() + key.columnNames()
                        + " refers to table '" + key.referredTable() + "', which this MetaData does not define"));
        for (String column : key.referredColumns()) {
            if (!target.hasColumn(column)) {
                throw new InvalidRequestException("The foreign key of " + from.name() + key.columnNames()
                        + " refers to column '" + key.referredTable() + "." + column + "', which does not exist; "
                        + "table '" + target.name() + "' has " + target.columns().stream().map(Column::name).toList());
            }
        }
        return target;
    }

    /**
     * The order to create {@code subset} in: every table after the tables its foreign keys refer to.
     * Foreign keys that close a cycle are returned separately, to be added with ALTER TABLE once the
     * tables exist. Also validates every table and foreign key.
     */
    public CreationOrder creationOrder(List<Table> subset) {
        for (Table table : subset) {
            if (table.metadata() != this) {
                throw new InvalidRequestException("Table '" + table.name() + "' belongs to another MetaData");
            }
            table.validate();
            table.foreignKeys().forEach(key -> referredTable(table, key));
        }
        return CreationOrder.of(this, subset);
    }

    /** {@code createAll(target, true)}: existing tables are skipped. */
    public Mono<Void> createAll(SchemaTarget target) {
        return createAll(target, true);
    }

    /** Creates every table in foreign-key order. Work happens on subscription. */
    public Mono<Void> createAll(SchemaTarget target, boolean checkFirst) {
        return Mono.defer(() -> target.createTables(tables(), checkFirst));
    }

    /** {@code dropAll(target, true)}: missing tables are skipped. */
    public Mono<Void> dropAll(SchemaTarget target) {
        return dropAll(target, true);
    }

    /** Drops every table in reverse foreign-key order. Work happens on subscription. */
    public Mono<Void> dropAll(SchemaTarget target, boolean checkFirst) {
        return Mono.defer(() -> target.dropTables(tables(), checkFirst));
    }

    /** Reads every table of the target's database into this metadata. */
    public Mono<List<Table>> reflect(SchemaTarget target) {
        return target.reflectTables(this, List.of());
    }

    /** Reads the named tables into this metadata. */
    public Mono<List<Table>> reflect(SchemaTarget target, String... tableNames) {
        return target.reflectTables(this, new ArrayList<>(List.of(tableNames)));
    }
}
