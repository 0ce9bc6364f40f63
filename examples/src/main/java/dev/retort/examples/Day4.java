package dev.retort.examples;

import static dev.retort.core.sql.Sql.and;
import static dev.retort.core.sql.Sql.delete;
import static dev.retort.core.sql.Sql.insert;
import static dev.retort.core.sql.Sql.or;
import static dev.retort.core.sql.Sql.select;
import static dev.retort.core.sql.Sql.update;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.string;

import dev.retort.core.engine.Engine;
import dev.retort.core.result.Row;
import dev.retort.core.schema.Column;
import dev.retort.core.schema.MetaData;
import dev.retort.core.schema.Table;
import dev.retort.core.sql.Compiled;
import dev.retort.core.sql.Insert;
import dev.retort.core.sql.Select;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Day 4: CRUD with the statement builders on a typed {@code users_crud} table. Creates one user
 * (printing its generated id) and two more in one executemany, reads them back (all rows, a
 * filter built with {@code or}/{@code and}/{@code like}, one user by e-mail), updates Bob, deletes
 * the users under 30, reads again after each change, lists the rest by age descending and drops
 * the table. Writes run in {@code engine.transaction}, SQLAlchemy's {@code engine.begin()}.
 */
final class Day4 {

    /** The tutorial's users table with the age and city columns the exercise adds. */
    static final class UsersCrud extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(50)).notNull();
        final Column<String> email = column("email", string(100)).notNull().unique();
        final Column<Integer> age = column("age", INTEGER);
        final Column<String> city = column("city", string(50));

        UsersCrud(MetaData metadata) {
            super(metadata, "users_crud");
        }
    }

    /**
     * A listing row, filled by {@code mapTo}: components match the selected columns by name. Public,
     * because the row mapper builds it through a public lookup.
     */
    public record UserView(int id, String name, Integer age, String city) {
    }

    /** What one read pass saw. */
    private record Snapshot(List<Row> all, List<Row> filtered, Optional<String> alice) {
    }

    private final Tour tour;
    private final MetaData metadata = new MetaData();
    private final UsersCrud users = new UsersCrud(metadata);

    Day4(Tour tour) {
        this.tour = tour;
    }

    void run() {
        tour.section("Day 4 - CRUD with insert(), select(), update() and delete()");
        Engine engine = tour.engine("crud", options -> options);
        try {
            tour.await(metadata.createAll(engine).thenReturn(true));
            tour.println("Table users_crud created");
            showCompiled(engine);
            create(engine);
            read(engine, "after the inserts",
                    List.of("1 Alice 25 NYC", "2 Bob 30 LA", "3 Charlie 35 NYC"), List.of("Bob", "Charlie"), "Alice");
            updateBob(engine);
            read(engine, "after the update",
                    List.of("1 Alice 25 NYC", "2 Bob 31 SF", "3 Charlie 35 NYC"), List.of("Bob", "Charlie"), "Alice");
            deleteUnder30(engine);
            read(engine, "after the delete",
                    List.of("2 Bob 31 SF", "3 Charlie 35 NYC"), List.of("Bob", "Charlie"), null);
            ordered(engine);
        } catch (RuntimeException e) {
            tour.println("❌ Day 4 failed: " + Tour.firstLine(e));
            tour.fail("day 4", e);
        } finally {
            try {
                tour.await(metadata.dropAll(engine).thenReturn(true));
                tour.println("\n✅ Full CRUD complete; users_crud dropped (the echo log shows every statement)");
            } catch (RuntimeException e) {
                tour.fail("day 4 dropAll", e);
            }
            Tour.dispose(engine);
        }
    }

    /** The filter of the read pass: NYC users over 28, or anyone whose name contains Bob. */
    private Select filtered() {
        return select(users.name, users.age)
                .where(or(and(users.age.gt(28), users.city.eq("NYC")), users.name.like("%Bob%")))
                .orderBy(users.id);
    }

    /** Compiles a statement without running it: the values stay bind parameters, never inlined SQL text. */
    private void showCompiled(Engine engine) {
        Compiled compiled = filtered().compile(tour.await(engine.dialect()));
        tour.println("\n--- Compiled filter (values are bound, not inlined) ---");
        tour.println("SQL: " + compiled.sql());
        tour.println("Parameters: " + compiled.presetValues());
        tour.expect(!compiled.sql().contains("NYC") && !compiled.sql().contains("Bob") && compiled.sql().contains("?"),
                "day 4 compiled SQL", "values were inlined into the SQL: " + compiled.sql());
    }

    /** CREATE: one user with its generated id, then two in one executemany. */
    private void create(Engine engine) {
        tour.println("\n--- Create ---");
        Insert single = insert(users)
                .value(users.name, "Alice").value(users.email, "alice@ex.com").value(users.age, 25).value(users.city, "NYC");
        Long id = tour.await(engine.transaction(conn -> conn.execute(single).generatedKeys("id").single()));
        tour.println("Inserted ID: " + id);
        tour.expect(Long.valueOf(1).equals(id), "day 4 single insert", "generated id " + id + ", expected 1");

        List<Map<String, Object>> bulk = List.of(
                row("Bob", "bob@ex.com", 30, "LA"),
                row("Charlie", "charlie@ex.com", 35, "NYC"));
        Long created = tour.await(engine.transaction(conn -> conn.execute(insert(users), bulk).rowcount()));
        tour.println("Created " + created + " users");
        tour.expect(Long.valueOf(2).equals(created), "day 4 bulk insert", "rowcount " + created + ", expected 2");
    }

    /** One parameter set of the executemany, keyed by column name (ordered, so the echoed INSERT lists them so). */
    private static Map<String, Object> row(String name, String email, int age, String city) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("email", email);
        row.put("age", age);
        row.put("city", city);
        return row;
    }

    /**
     * READ: every user, the filter, and Alice by e-mail, on one connection; checks each against
     * what this point of the exercise should see.
     */
    private void read(Engine engine, String when, List<String> expectedAll, List<String> expectedFiltered,
            String expectedAlice) {
        tour.println("\n--- Read " + when + " ---");
        Snapshot snapshot = tour.await(engine.connect(conn -> conn.execute(select(users).orderBy(users.id)).all()
                .flatMap(all -> conn.execute(filtered()).all()
                        .flatMap(filtered -> conn.execute(select(users).where(users.email.eq("alice@ex.com"))).oneOrNone()
                                .map(row -> Optional.ofNullable(row.get(users.name)))
                                .defaultIfEmpty(Optional.empty())
                                .map(alice -> new Snapshot(all, filtered, alice))))));

        tour.println("All users:");
        for (Row row : snapshot.all()) {
            tour.println("ID: " + row.get(users.id) + ", " + row.get(users.name)
                    + " (" + row.get(users.age) + ", " + row.get(users.city) + ")");
        }
        List<String> all = snapshot.all().stream()
                .map(row -> row.get(users.id) + " " + row.get(users.name) + " " + row.get(users.age) + " " + row.get(users.city))
                .toList();
        tour.expect(all.equals(expectedAll), "day 4 read all " + when, all + ", expected " + expectedAll);

        tour.println("\nFiltered: " + snapshot.filtered().stream()
                .map(row -> "('" + row.get(users.name) + "', " + row.get(users.age) + ")")
                .collect(Collectors.joining(" ")));
        List<String> names = snapshot.filtered().stream().map(row -> row.get(users.name)).toList();
        tour.expect(names.equals(expectedFiltered), "day 4 filtered read " + when, names + ", expected " + expectedFiltered);

        tour.println("\nAlice: " + snapshot.alice().orElse("Not found"));
        tour.expect(snapshot.alice().equals(Optional.ofNullable(expectedAlice)), "day 4 single read " + when,
                "found " + snapshot.alice() + ", expected " + expectedAlice);
    }

    /** UPDATE: Bob moves to SF and turns 31. */
    private void updateBob(Engine engine) {
        tour.println("\n--- Update ---");
        Long updated = tour.await(engine.transaction(conn -> conn.execute(update(users)
                .where(users.name.eq("Bob"))
                .set(users.age, 31)
                .set(users.city, "SF")).rowcount()));
        tour.println("Updated " + updated + " rows");
        tour.expect(Long.valueOf(1).equals(updated), "day 4 update", "rowcount " + updated + ", expected 1");
    }

    /** DELETE: everyone under 30 (Alice). */
    private void deleteUnder30(Engine engine) {
        tour.println("\n--- Delete ---");
        Long deleted = tour.await(engine.transaction(conn -> conn.execute(delete(users).where(users.age.lt(30))).rowcount()));
        tour.println("Deleted " + deleted + " rows");
        tour.expect(Long.valueOf(1).equals(deleted), "day 4 delete", "rowcount " + deleted + ", expected 1");
    }

    /** The enhancement: order_by(age desc), rows mapped to a record. */
    private void ordered(Engine engine) {
        tour.println("\n--- Ordered by age, oldest first ---");
        List<UserView> views = tour.await(engine.execute(select(users.id, users.name, users.age, users.city)
                .orderBy(users.age.desc())).mapTo(UserView.class).collectList());
        views.forEach(view -> tour.println(view.name() + " (" + view.age() + ", " + view.city() + ")"));
        List<String> names = views.stream().map(UserView::name).toList();
        tour.expect(names.equals(List.of("Charlie", "Bob")), "day 4 order by age desc", names + ", expected [Charlie, Bob]");
    }
}
