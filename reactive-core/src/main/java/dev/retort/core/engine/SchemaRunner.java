package dev.retort.core.engine;

import static dev.retort.core.sql.Sql.text;

import dev.retort.core.exception.DdlException;
import dev.retort.core.exception.InvalidRequestException;
import dev.retort.core.schema.CreationOrder;
import dev.retort.core.schema.ForeignKey;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.compile.DdlCompiler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs createAll/dropAll for an engine on one connection: compiles every statement first (so a
 * definition error stops everything before any DDL runs), checks which tables exist when asked,
 * then runs the statements one by one. MySQL commits each DDL statement on its own, so a failure
 * part-way leaves what ran before it; the error says what that was.
 */
final class SchemaRunner {

    private final DefaultEngine engine;

    SchemaRunner(DefaultEngine engine) {
        this.engine = engine;
    }

    /** One DDL statement and the table it creates or drops. */
    private record Step(String sql, Table table, boolean createsOrDropsTable) {
    }

    Mono<Void> create(List<Table> tables, boolean checkFirst) {
        return Mono.defer(() -> {
            if (tables.isEmpty()) {
                return Mono.empty();
            }
            CreationOrder order = metadataOf(tables).creationOrder(tables);
            Mono<Set<Table>> skip = checkFirst ? Mono.empty() : Mono.just(Set.of());
            return engine.withConnectionMono(false, connection -> skip.switchIfEmpty(existing(connection, order.tables()))
                    .flatMap(present -> {
                        DdlCompiler ddl = connection.dialect().ddlCompiler();
                        List<Step> steps = new ArrayList<>();
                        List<Table> created = new ArrayList<>();
                        for (Table table : order.tables()) {
                            if (!present.contains(table)) {
                                steps.add(new Step(ddl.createTable(table, order.deferredFor(table)), table, true));
                                created.add(table);
                            }
                        }
                        for (Table table : created) {
                            for (ForeignKey key : order.deferredFor(table)) {
                                steps.add(new Step(ddl.addForeignKey(table, key), table, false));
                            }
                        }
                        return run(connection, steps, "created");
                    }));
        });
    }

    Mono<Void> drop(List<Table> tables, boolean checkFirst) {
        return Mono.defer(() -> {
            if (tables.isEmpty()) {
                return Mono.empty();
            }
            CreationOrder order = metadataOf(tables).creationOrder(tables);
            List<Table> reverse = new ArrayList<>(order.tables());
            java.util.Collections.reverse(reverse);
            Mono<Set<Table>> assumeAll = checkFirst ? Mono.empty() : Mono.just(Set.copyOf(reverse));
            return engine.withConnectionMono(false, connection -> assumeAll.switchIfEmpty(existing(connection, reverse))
                    .flatMap(present -> {
                        DdlCompiler ddl = connection.dialect().ddlCompiler();
                        List<Step> steps = new ArrayList<>();
                        for (Table table : reverse) {
                            if (present.contains(table)) {
                                for (ForeignKey key : order.deferredFor(table)) {
                                    steps.add(new Step(ddl.dropForeignKey(table, key), table, false));
                                }
                            }
                        }
                        for (Table table : reverse) {
                            if (present.contains(table)) {
                                steps.add(new Step(ddl.dropTable(table), table, true));
                            }
                        }
                        return run(connection, steps, "dropped");
                    }));
        });
    }

    private static MetaData metadataOf(List<Table> tables) {
        MetaData metadata = tables.get(0).metadata();
        for (Table table : tables) {
            if (table.metadata() != metadata) {
                throw new InvalidRequestException("Tables of one createAll/dropAll must belong to one MetaData; '"
                        + table.qualifiedName() + "' belongs to another");
            }
        }
        return metadata;
    }

    /**
     * The tables of {@code tables} that exist now (one information_schema query per schema). Without
     * checkFirst it is not asked: create assumes none exists and drop assumes all do, so a wrong
     * assumption fails loudly on the server.
     */
    private Mono<Set<Table>> existing(DefaultConnection connection, List<Table> tables) {
        Map<@Nullable String, List<Table>> bySchema = new HashMap<>();
        for (Table table : tables) {
            bySchema.computeIfAbsent(table.schema().orElse(null), schema -> new ArrayList<>()).add(table);
        }
        return Flux.fromIterable(bySchema.entrySet())
                .concatMap(entry -> {
                    Map<String, @Nullable Object> parameters = new HashMap<>();
                    parameters.put("schema", entry.getKey());
                    return connection.run(Execution.of(text("SELECT TABLE_NAME FROM information_schema.TABLES "
                                    + "WHERE TABLE_SCHEMA = COALESCE(:schema, DATABASE())"), List.of(parameters)),
                            null, result -> result.map((row, metadata) -> String.valueOf(row.get(0))))
                            .collectList()
                            .map(names -> entry.getValue().stream().filter(table -> names.contains(table.name())).toList());
                })
                .collect(LinkedHashSet::new, Set::addAll);
    }

    /** Runs the steps in order; a failure reports which tables were already created or dropped. */
    private Mono<Void> run(DefaultConnection connection, List<Step> steps, String verb) {
        List<String> done = new ArrayList<>();
        return Flux.fromIterable(steps)
                .concatMap(step -> connection.run(Execution.of(new RawStatement(step.sql()), List.of(Map.of())), null,
                                io.r2dbc.spi.Result::getRowsUpdated)
                        .then(Mono.fromRunnable(() -> {
                            if (step.createsOrDropsTable()) {
                                done.add(step.table().qualifiedName());
                            }
                        }))
                        .onErrorMap(error -> new DdlException(step.sql(), verb, List.copyOf(done), error)))
                .then();
    }
}
