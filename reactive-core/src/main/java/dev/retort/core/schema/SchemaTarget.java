package dev.retort.core.schema;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Where schema definitions are created, dropped and reflected: an engine. {@link MetaData} and
 * {@link Table} hand themselves to it; it compiles the DDL through its dialect and runs it (the
 * schema layer never does IO itself). Every method returns a cold publisher.
 */
public interface SchemaTarget {

    /**
     * Creates {@code tables} (all from one metadata) in foreign-key order; with {@code checkFirst}
     * tables that exist are skipped. Foreign keys in a cycle are added afterwards with
     * {@code ALTER TABLE … ADD CONSTRAINT}.
     *
     * @return completes when every statement ran; errors with the failing statement's error, whose
     *     message also lists the tables created before it
     */
    Mono<Void> createTables(List<Table> tables, boolean checkFirst);

    /** Drops {@code tables} in reverse foreign-key order; with {@code checkFirst} missing ones are skipped. */
    Mono<Void> dropTables(List<Table> tables, boolean checkFirst);

    /**
     * Reads table definitions from the database's information_schema into {@code metadata}: all
     * tables of the connection's database when {@code tableNames} is empty, else those named.
     * Tables the metadata already defines are skipped; tables that reflected foreign keys refer to
     * are not pulled in. Nothing is added unless every table was read.
     *
     * @return the tables added, ordered by name
     */
    Mono<List<Table>> reflectTables(MetaData metadata, List<String> tableNames);
}
