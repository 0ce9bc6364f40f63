package dev.retort.core.schema;

import static dev.retort.core.schema.Schema.check;
import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.foreignKey;
import static dev.retort.core.schema.Schema.index;
import static dev.retort.core.schema.Schema.options;
import static dev.retort.core.schema.Schema.primaryKey;
import static dev.retort.core.schema.Schema.unique;
import static dev.retort.core.schema.Schema.uniqueNamed;
import static dev.retort.core.types.Types.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Names for unnamed constraints and indexes. */
class NamingConventionTest {

    private final MetaData metadata = new MetaData();
    private final Table users = metadata.table("users", column("id", INTEGER).primaryKey(),
            column("email", INTEGER).unique(), column("name", INTEGER).index(), column("org_id", INTEGER));
    private final Table posts = metadata.table("posts", column("id", INTEGER).primaryKey(),
            column("user_id", INTEGER).references("users.id"), column("org_id", INTEGER),
            foreignKey(List.of("user_id", "org_id"), "users", List.of("id", "org_id")));

    @Test
    void metadataUsesTheDefault() {
        assertThat(metadata.namingConvention()).isSameAs(NamingConvention.DEFAULT);
        assertThat(new MetaData(NamingConvention.NONE).namingConvention()).isSameAs(NamingConvention.NONE);
    }

    @Test
    void defaultTemplates() {
        NamingConvention naming = NamingConvention.DEFAULT;
        assertThat(naming.nameOf(users, users.indexes().get(0))).contains("ix_users_name");
        assertThat(naming.nameOf(users, (Constraint) users.uniqueConstraints().get(0))).contains("uq_users_email");
        assertThat(naming.nameOf(users, (Constraint) unique("email", "name"))).contains("uq_users_email_name");
        assertThat(naming.nameOf(users, new Index(null, List.of("name", "email"), false)))
                .contains("ix_users_name_email");
        assertThat(naming.nameOf(posts, (Constraint) posts.foreignKeys().get(0))).contains("fk_posts_user_id_users");
        assertThat(naming.nameOf(posts, (Constraint) posts.foreignKeys().get(1)))
                .contains("fk_posts_user_id_org_id_users");
        assertThat(naming.nameOf(users, (Constraint) users.primaryKeyConstraint().orElseThrow())).isEmpty();
        assertThat(naming.nameOf(users, (Constraint) check("id > 0"))).isEmpty();
    }

    @Test
    void referredSchemaIsNotPartOfTheName() {
        ForeignKey key = foreignKey(List.of("user_id"), "shop.users", List.of("id"));
        assertThat(NamingConvention.DEFAULT.nameOf(posts, (Constraint) key)).contains("fk_posts_user_id_users");
        Table inSchema = new MetaData().table("t", options().schema("shop"), column("a", INTEGER));
        assertThat(NamingConvention.DEFAULT.nameOf(inSchema, new Index(null, List.of("a"), false))).contains("ix_t_a");
    }

    @Test
    void noneLeavesEverythingToTheServer() {
        NamingConvention none = NamingConvention.NONE;
        assertThat(none.nameOf(users, users.indexes().get(0))).isEmpty();
        assertThat(none.nameOf(users, (Constraint) users.uniqueConstraints().get(0))).isEmpty();
        assertThat(none.nameOf(posts, (Constraint) posts.foreignKeys().get(0))).isEmpty();
        assertThat(none.nameOf(users, (Constraint) primaryKey("id"))).isEmpty();
        assertThat(none.nameOf(users, (Constraint) check("id > 0"))).isEmpty();
    }

    @Test
    void explicitNamesWin() {
        for (NamingConvention naming : List.of(NamingConvention.DEFAULT, NamingConvention.NONE)) {
            assertThat(naming.nameOf(users, index("by_name", "name"))).contains("by_name");
            assertThat(naming.nameOf(users, (Constraint) uniqueNamed("one_email", "email"))).contains("one_email");
            assertThat(naming.nameOf(posts, (Constraint) posts.foreignKeys().get(0).named("posts_author")))
                    .contains("posts_author");
            assertThat(naming.nameOf(users, (Constraint) check("ck_positive", "id > 0"))).contains("ck_positive");
            assertThat(naming.nameOf(users, (Constraint) new PrimaryKeyConstraint("pk", List.of("id")))).contains("pk");
        }
    }

    @Test
    void customTemplates() {
        NamingConvention naming = NamingConvention.NONE.withIndex("idx_{column_0}")
                .withUnique("{table}_{columns}_key")
                .withForeignKey("fk_{table}_{column_0}_{referred_table}_{referred_column_0}")
                .withCheck("ck_{table}")
                .withPrimaryKey("pk_{table}");
        assertThat(naming).isEqualTo(new NamingConvention("idx_{column_0}", "{table}_{columns}_key",
                "fk_{table}_{column_0}_{referred_table}_{referred_column_0}", "ck_{table}", "pk_{table}"));
        assertThat(naming.nameOf(users, new Index(null, List.of("name", "email"), false))).contains("idx_name");
        assertThat(naming.nameOf(users, (Constraint) unique("email", "name"))).contains("users_email_name_key");
        assertThat(naming.nameOf(posts, (Constraint) posts.foreignKeys().get(1)))
                .contains("fk_posts_user_id_users_id");
        assertThat(naming.nameOf(users, (Constraint) check("id > 0"))).contains("ck_users");
        assertThat(naming.nameOf(users, (Constraint) users.primaryKeyConstraint().orElseThrow())).contains("pk_users");
        assertThat(NamingConvention.DEFAULT.withIndex(null).nameOf(users, users.indexes().get(0))).isEmpty();
    }

    @Test
    void namesOverSixtyFourCharactersAreShortenedDeterministically() {
        String tableName = "t".repeat(60);
        String longColumn = "c".repeat(40);
        MetaData first = new MetaData();
        Table one = first.table(tableName, column(longColumn, INTEGER).index(), column("d".repeat(40), INTEGER));
        String full = "ix_" + tableName + "_" + longColumn;
        Optional<String> name = NamingConvention.DEFAULT.nameOf(one, one.indexes().get(0));
        assertThat(name).hasValueSatisfying(shortened -> {
            assertThat(shortened).hasSize(64).startsWith(full.substring(0, 55)).matches(".{55}_[0-9a-f]{8}");
        });
        // the same definition elsewhere gets the same name
        Table two = new MetaData().table(tableName, column(longColumn, INTEGER).index());
        assertThat(NamingConvention.DEFAULT.nameOf(two, two.indexes().get(0))).isEqualTo(name);
        // names that share their first 55 characters still differ
        Optional<String> other = NamingConvention.DEFAULT.nameOf(one, new Index(null, List.of("d".repeat(40)), false));
        assertThat(other.orElseThrow()).hasSize(64).isNotEqualTo(name.orElseThrow());
        Optional<String> composite = NamingConvention.DEFAULT.nameOf(one,
                new Index(null, List.of(longColumn, "d".repeat(40)), false));
        assertThat(composite.orElseThrow()).hasSize(64).isNotEqualTo(name.orElseThrow());
    }

    @Test
    void exactlySixtyFourCharactersAreKept() {
        String name64 = "x".repeat(64);
        assertThat(NamingConvention.shorten(name64)).isEqualTo(name64);
        String name65 = "x".repeat(65);
        assertThat(NamingConvention.shorten(name65)).hasSize(64).isEqualTo(NamingConvention.shorten(name65))
                .isNotEqualTo(NamingConvention.shorten("x".repeat(64) + "y"));
        // ix_ + 58 + _ + 2 = 64
        Table t = new MetaData().table("a".repeat(58), column("bb", INTEGER).index());
        assertThat(NamingConvention.DEFAULT.nameOf(t, t.indexes().get(0))).contains("ix_" + "a".repeat(58) + "_bb");
    }
}
