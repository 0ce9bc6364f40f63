package dev.retort.orm.session;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Column;
import dev.retort.orm.mapping.Entity;
import dev.retort.orm.mapping.ForeignKey;
import dev.retort.orm.mapping.Id;
import dev.retort.orm.mapping.Mapping;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The order of a flush's statements over a three-level foreign-key chain, and UPDATEs of changed columns only. */
@DatabaseTest
class FlushOrderTest {

    @Entity(table = "fo_countries")
    static class Country {
        @Id Integer id;
        @Column(length = 40) String name;

        Country() {
        }

        Country(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(table = "fo_cities")
    static class City {
        @Id Integer id;
        @ForeignKey(entity = Country.class) Integer countryId;
        @Column(length = 40) String name;
        int population;

        City() {
        }

        City(int id, Country country, String name, int population) {
            this.id = id;
            this.countryId = country.id;
            this.name = name;
            this.population = population;
        }
    }

    @Entity(table = "fo_streets")
    static class Street {
        @Id Integer id;
        @ForeignKey(entity = City.class) Integer cityId;
        @Column(length = 40) String name;

        Street() {
        }

        Street(int id, City city, String name) {
            this.id = id;
            this.cityId = city.id;
            this.name = name;
        }
    }

    static final Mapping MAPPING = Mapping.of(Street.class, City.class, Country.class);

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    FlushOrderTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), MAPPING);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        MAPPING.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        engine.execute(text("DELETE FROM fo_streets")).rowcount().block();
        engine.execute(text("DELETE FROM fo_cities")).rowcount().block();
        engine.execute(text("DELETE FROM fo_countries")).rowcount().block();
    }

    /** Country 1 (Norway) ← City 10 (Oslo) ← Streets 100 (Karl Johans gate), 101 (Bogstadveien), committed. */
    private void norway() {
        Country norway = new Country(1, "Norway");
        City oslo = new City(10, norway, "Oslo", 700_000);
        sessions.inTransaction(s -> {
            s.addAll(List.of(norway, oslo, new Street(100, oslo, "Karl Johans gate"), new Street(101, oslo, "Bogstadveien")));
            return Mono.empty();
        }).block();
        log.clear();
    }

    private long count(String table) {
        return engine.execute(text("SELECT COUNT(*) FROM " + table)).scalarOne(Long.class).block();
    }

    private List<String> columnValues(String sql) {
        return engine.execute(text(sql)).scalars(String.class).collectList().block();
    }

    @Test
    void insertsParentsBeforeChildren() {
        Country sweden = new Country(2, "Sweden");
        City stockholm = new City(20, sweden, "Stockholm", 980_000);
        City malmo = new City(21, sweden, "Malmö", 350_000);
        Street drottninggatan = new Street(200, stockholm, "Drottninggatan");
        Street stortorget = new Street(210, malmo, "Stortorget");

        sessions.inTransaction(s -> {
            s.add(stortorget);
            s.add(drottninggatan);
            s.add(malmo);
            s.add(stockholm);
            s.add(sweden);
            return s.flush().then(Mono.fromRunnable(() -> assertThat(List.of(sweden, stockholm, malmo, drottninggatan, stortorget))
                    .allSatisfy(entity -> assertThat(Session.state(entity)).isEqualTo(ObjectState.PERSISTENT))));
        }).block();

        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "INSERT INTO fo_countries (id, name) VALUES (?, ?)",
                "INSERT INTO fo_cities (id, country_id, name, population) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
                "INSERT INTO fo_streets (id, city_id, name) VALUES (?, ?, ?), (?, ?, ?)",
                "COMMIT");
        assertThat(columnValues("SELECT name FROM fo_cities ORDER BY id")).containsExactly("Stockholm", "Malmö");
        assertThat(columnValues("SELECT CONCAT(id, ':', city_id, ':', name) FROM fo_streets ORDER BY id"))
                .containsExactly("200:20:Drottninggatan", "210:21:Stortorget");
    }

    @Test
    void deletesChildrenBeforeParents() {
        norway();

        sessions.inTransaction(s -> s.scalars(select(Country.class)).collectList()
                .flatMap(countries -> s.scalars(select(City.class)).collectList()
                        .flatMap(cities -> s.scalars(select(Street.class)).collectList()
                                .flatMap(streets -> {
                                    countries.forEach(s::delete);
                                    cities.forEach(s::delete);
                                    streets.forEach(s::delete);
                                    return s.flush();
                                })))).block();

        assertThat(log.all()).containsExactly(
                "BEGIN (implicit)",
                "SELECT fo_countries.id, fo_countries.name FROM fo_countries",
                "SELECT fo_cities.id, fo_cities.country_id, fo_cities.name, fo_cities.population FROM fo_cities",
                "SELECT fo_streets.id, fo_streets.city_id, fo_streets.name FROM fo_streets",
                "DELETE FROM fo_streets WHERE fo_streets.id IN (?, ?)",
                "DELETE FROM fo_cities WHERE fo_cities.id = ?",
                "DELETE FROM fo_countries WHERE fo_countries.id = ?",
                "COMMIT");
        assertThat(count("fo_countries")).isZero();
        assertThat(count("fo_cities")).isZero();
        assertThat(count("fo_streets")).isZero();
    }

    @Test
    void insertsUpdatesAndDeletesInOneFlush() {
        norway();

        sessions.inTransaction(s -> s.getOne(Street.class, 101)
                .flatMap(bogstadveien -> s.getOne(Street.class, 100).flatMap(karlJohan -> s.getOne(Country.class, 1)
                        .flatMap(norway -> {
                            City bergen = s.add(new City(11, norway, "Bergen", 290_000));
                            bogstadveien.cityId = bergen.id;
                            norway.name = "Kongeriket Norge";
                            s.delete(karlJohan);
                            log.clear();
                            return s.flush();
                        })))).block();

        assertThat(log.all()).containsExactly(
                "UPDATE fo_countries SET name = ? WHERE fo_countries.id = ?",
                "INSERT INTO fo_cities (id, country_id, name, population) VALUES (?, ?, ?, ?)",
                "UPDATE fo_streets SET city_id = ? WHERE fo_streets.id = ?",
                "DELETE FROM fo_streets WHERE fo_streets.id = ?",
                "COMMIT");
        assertThat(columnValues("SELECT CONCAT(id, ':', city_id, ':', name) FROM fo_streets ORDER BY id"))
                .containsExactly("101:11:Bogstadveien");
        assertThat(columnValues("SELECT name FROM fo_countries")).containsExactly("Kongeriket Norge");
    }

    @Test
    void updateSetsOnlyChangedColumns() {
        norway();

        sessions.inTransaction(s -> s.getOne(City.class, 10).flatMap(oslo -> {
            oslo.name = "Christiania";
            log.clear();
            return s.flush().then(Mono.fromRunnable(() -> {
                oslo.population = 710_000;
                oslo.name = "Oslo";
            })).then(s.flush()).then(Mono.fromRunnable(() -> {
                oslo.population = 710_000;
                oslo.name = "Oslo";
                assertThat(s.dirty()).isEmpty();
            })).then(s.flush());
        })).block();

        assertThat(log.all()).containsExactly(
                "UPDATE fo_cities SET name = ? WHERE fo_cities.id = ?",
                "UPDATE fo_cities SET name = ?, population = ? WHERE fo_cities.id = ?",
                "COMMIT");
        assertThat(columnValues("SELECT CONCAT(name, ':', population) FROM fo_cities")).containsExactly("Oslo:710000");
    }

    @Test
    void unchangedObjectsFlushNothing() {
        norway();

        sessions.inTransaction(s -> s.scalars(select(City.class)).collectList().flatMap(cities -> {
            City oslo = cities.get(0);
            String name = oslo.name;
            oslo.name = new String(name.toCharArray());
            log.clear();
            return s.flush();
        })).block();

        assertThat(log.all()).containsExactly("COMMIT");
    }
}
