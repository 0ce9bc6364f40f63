package dev.retort.orm.relations;

import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Region;
import dev.retort.orm.relations.Uow.Store;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A one-to-many between a parent keyed (country, code) and children with the two-column foreign key. */
@DatabaseTest
class CompositeKeyFlushTest {

    static final Relation<Region, Store> STORES = Metamodel.relation(Region.class, "stores");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    CompositeKeyFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.REGIONS);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.REGIONS.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clear(engine, "uw_stores", "uw_regions");
    }

    private List<String> stores() {
        return Uow.rows(engine, "SELECT CONCAT(name, '@', COALESCE(region_country, '-'), '/', COALESCE(region_code, '-'))"
                + " FROM uw_stores ORDER BY name");
    }

    /** Regions DE/BY (stores munich, nuremberg), DE/BE (store berlin), AT/BY (none: same code, other country). */
    private void createRegions() {
        Region bavaria = new Region("DE", "BY", "Bavaria");
        Region berlin = new Region("DE", "BE", "Berlin");
        Region austrian = new Region("AT", "BY", "Not Bavaria");
        bavaria.stores.add(new Store("munich"));
        Store nuremberg = new Store("nuremberg");
        nuremberg.region.set(bavaria);
        berlin.stores.add(new Store("berlin"));
        sessions.inTransaction(s -> {
            s.add(bavaria);
            s.add(berlin);
            s.add(austrian);
            return Mono.empty();
        }).block();
    }

    @Test
    void theTwoForeignKeyFieldsMakeOneCompositeConstraint() {
        assertThat(Metamodel.table(Store.class).foreignKeys()).singleElement().satisfies(key -> {
            assertThat(key.columnNames()).containsExactly("region_country", "region_code");
            assertThat(key.referredTableName()).isEqualTo("uw_regions");
            assertThat(key.referredColumns()).containsExactly("country", "code");
        });
        String ddl = engine.execute(dev.retort.core.sql.Sql.text("SHOW CREATE TABLE uw_stores")).first()
                .map(row -> String.valueOf(row.get(1))).block();
        assertThat(ddl).contains("FOREIGN KEY (`region_country`, `region_code`) REFERENCES `uw_regions` (`country`, `code`)");
    }

    @Test
    void childrenAreInsertedWithBothForeignKeyColumnsFromTheirHolders() {
        createRegions();
        assertThat(log.statements("INSERT")).containsExactly(
                "INSERT INTO uw_regions (country, code, name) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)",
                "INSERT INTO uw_stores (id, region_country, region_code, name) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?) RETURNING id");
        assertThat(stores()).containsExactly("berlin@DE/BE", "munich@DE/BY", "nuremberg@DE/BY");
    }

    @Test
    void childrenLoadByTheCompositeKey() {
        createRegions();
        log.clear();
        List<Region> regions = sessions.withSession(s -> s.execute(select(Region.class).orderBy(Metamodel.column(Region.class, "country"),
                Metamodel.column(Region.class, "code")).options(selectinload(STORES))).all()).block();
        assertThat(regions).extracting(region -> region.name).containsExactly("Not Bavaria", "Berlin", "Bavaria");
        assertThat(regions.get(0).stores).isEmpty();
        assertThat(regions.get(1).stores).extracting(store -> store.name).containsExactly("berlin");
        assertThat(regions.get(2).stores).extracting(store -> store.name).containsExactly("munich", "nuremberg");
        assertThat(regions.get(2).stores.get(0).region.get()).isSameAs(regions.get(2));
        assertThat(log.statements("SELECT").get(1))
                .contains(" WHERE (uw_stores.region_country, uw_stores.region_code) IN ((?, ?), (?, ?), (?, ?))");
    }

    @Test
    void movingAStoreUpdatesBothColumns() {
        createRegions();
        sessions.inTransaction(s -> s.getOne(Region.class, "DE", "BE").flatMap(berlin -> s.load(berlin, STORES))
                .flatMap(berlin -> s.getOne(Region.class, "AT", "BY").flatMap(austrian -> {
                    berlin.stores.get(0).region.set(austrian);
                    log.clear();
                    return s.flush();
                }))).block();
        assertThat(log.all()).containsExactly("UPDATE uw_stores SET region_country = ?, region_code = ? WHERE uw_stores.id = ?", "COMMIT");
        assertThat(stores()).containsExactly("berlin@AT/BY", "munich@DE/BY", "nuremberg@DE/BY");
    }

    @Test
    void deletingAnUnloadedRegionDeletesItsStoresOnly() {
        createRegions();
        sessions.inTransaction(s -> s.getOne(Region.class, "DE", "BY").flatMap(bavaria -> {
            s.delete(bavaria);
            log.clear();
            return s.flush();
        })).block();
        assertThat(log.statements("SELECT")).singleElement().asString()
                .contains(" FROM uw_stores WHERE (uw_stores.region_country, uw_stores.region_code) IN ((?, ?))");
        assertThat(log.statements("DELETE")).containsExactly(
                "DELETE FROM uw_stores WHERE uw_stores.id IN (?, ?)",
                "DELETE FROM uw_regions WHERE uw_regions.country = ? AND uw_regions.code = ?");
        assertThat(stores()).containsExactly("berlin@DE/BE");
        assertThat(Uow.rows(engine, "SELECT CONCAT(country, '/', code) FROM uw_regions ORDER BY country, code"))
                .containsExactly("AT/BY", "DE/BE");
    }

    @Test
    void removingAStoreFromALoadedRegionDeletesIt() {
        createRegions();
        sessions.inTransaction(s -> s.getOne(Region.class, "DE", "BY").flatMap(bavaria -> s.load(bavaria, STORES)).flatMap(bavaria -> {
            bavaria.stores.remove(0);
            return s.flush();
        })).block();
        assertThat(stores()).containsExactly("berlin@DE/BE", "nuremberg@DE/BY");
    }
}
