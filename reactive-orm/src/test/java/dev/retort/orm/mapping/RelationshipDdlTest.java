package dev.retort.orm.mapping;

import static dev.retort.core.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.exception.IntegrityException;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.orm.mapping.RelationshipMappingTest.Article;
import dev.retort.orm.mapping.RelationshipMappingTest.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tables relationships need, created on the test server: the association table a many-to-many
 * creates (its foreign keys cascade deletes of either side), and a composite foreign key. The
 * classes are {@link RelationshipMappingTest}'s; the database is this class's own.
 */
@DatabaseTest
class RelationshipDdlTest {

    private final Engine engine;

    RelationshipDdlTest(Engine engine) {
        this.engine = engine;
    }

    private List<String> strings(String sql) {
        return engine.execute(text(sql)).scalars(String.class).collectList().block();
    }

    private long count(String sql) {
        return engine.execute(text(sql)).scalarOne(Long.class).block();
    }

    private void run(String sql) {
        engine.execute(text(sql)).rowcount().block();
    }

    @Test
    void theCreatedAssociationTableCascadesDeletesOfEitherSide() {
        Mapping mapping = Mapping.of(Article.class);
        mapping.createAll(engine).block();
        try {
            assertThat(strings("SELECT CONCAT(constraint_name, ' ', referenced_table_name, ' ', delete_rule)"
                    + " FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()"
                    + " AND table_name = 'rm_article_labels' ORDER BY constraint_name"))
                    .containsExactly("fk_rm_article_labels_article_id_rm_articles rm_articles CASCADE",
                            "fk_rm_article_labels_label_name_rm_labels rm_labels CASCADE");

            run("INSERT INTO rm_articles (id) VALUES (1), (2)");
            run("INSERT INTO rm_labels (name) VALUES ('java'), ('sql')");
            run("INSERT INTO rm_article_labels (article_id, label_name) VALUES (1, 'java'), (1, 'sql'), (2, 'sql')");
            run("DELETE FROM rm_articles WHERE id = 1");
            assertThat(strings("SELECT CONCAT(article_id, ':', label_name) FROM rm_article_labels")).containsExactly("2:sql");
            run("DELETE FROM rm_labels WHERE name = 'sql'");
            assertThat(count("SELECT COUNT(*) FROM rm_article_labels")).isZero();
        } finally {
            mapping.dropAll(engine).block();
        }
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")).isZero();
    }

    @Test
    void aCompositeForeignKeyIsCreatedAndEnforcedAsOne() {
        Mapping mapping = Mapping.of(Bin.class);
        mapping.createAll(engine).block();
        try {
            assertThat(count("SELECT COUNT(*) FROM information_schema.key_column_usage WHERE table_schema = DATABASE()"
                    + " AND table_name = 'rm_bins' AND referenced_table_name = 'rm_warehouses'")).isEqualTo(2);
            run("INSERT INTO rm_warehouses (country, number) VALUES ('NO', 1), ('SE', 2)");
            run("INSERT INTO rm_bins (id, warehouse_country, warehouse_number) VALUES (1, 'NO', 1)");
            assertThatThrownBy(() -> run("INSERT INTO rm_bins (id, warehouse_country, warehouse_number) VALUES (2, 'NO', 2)"))
                    .isInstanceOf(IntegrityException.class);
            assertThat(count("SELECT COUNT(*) FROM rm_bins")).isEqualTo(1);
        } finally {
            mapping.dropAll(engine).block();
        }
    }
}
