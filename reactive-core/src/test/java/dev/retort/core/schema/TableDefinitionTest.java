package dev.retort.core.schema;

import static dev.retort.core.schema.Schema.check;
import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.foreignKey;
import static dev.retort.core.schema.Schema.index;
import static dev.retort.core.schema.Schema.options;
import static dev.retort.core.schema.Schema.primaryKey;
import static dev.retort.core.schema.Schema.unique;
import static dev.retort.core.schema.Schema.uniqueIndex;
import static dev.retort.core.schema.Schema.uniqueNamed;
import static dev.retort.core.types.Types.BIGINT;
import static dev.retort.core.types.Types.INTEGER;
import static dev.retort.core.types.Types.SMALLINT;
import static dev.retort.core.types.Types.TEXT;
import static dev.retort.core.types.Types.numeric;
import static dev.retort.core.types.Types.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import dev.retort.core.exception.InvalidRequestException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Defining tables and columns: dynamic tables, typed table classes, defaults and validation. */
class TableDefinitionTest {

    /** The typed table class of the Table Javadoc. */
    static final class Users extends Table {
        final Column<Integer> id = column("id", INTEGER).primaryKey();
        final Column<String> name = column("name", string(50)).notNull();
        final Column<String> email = column("email", string(100)).unique();
        final Column<String> bio = column("bio", TEXT);

        Users(MetaData metadata) {
            super(metadata, "users");
            add(index("ix_users_name", "name"));
        }
    }

    static final class Posts extends Table {
        final Column<Long> id = column("id", BIGINT).primaryKey();
        final Column<Integer> userId;

        Posts(MetaData metadata, Users users) {
            super(metadata, "posts", Schema.options().engine("InnoDB"));
            userId = column("user_id", INTEGER).notNull().references(users.id);
        }
    }

    static final class TwoIds extends Table {
        final Column<Integer> first = column("id", INTEGER);
        final Column<Integer> second = column("id", INTEGER);

        TwoIds(MetaData metadata) {
            super(metadata, "two_ids");
        }
    }

    static final class LateSchema extends Table {
        LateSchema(MetaData metadata) {
            super(metadata, "late", Schema.column("id", INTEGER));
            add(Schema.options().schema("elsewhere"));
        }
    }

    // ------------------------------------------------------------------------------------------

    @Nested
    class Dynamic {

        @Test
        void columnsInDefinitionOrderAndLookupByName() {
            MetaData metadata = new MetaData();
            Table users = metadata.table("users",
                    column("id", INTEGER).primaryKey(),
                    column("name", string(50)).notNull(),
                    column("age", SMALLINT));
            assertThat(users.name()).isEqualTo("users");
            assertThat(users.metadata()).isSameAs(metadata);
            assertThat(users.columns()).extracting(Column::name).containsExactly("id", "name", "age");
            assertThat(users.c("name").type()).isEqualTo(string(50));
            assertThat(users.c("name").table()).isSameAs(users);
            assertThat(users.hasColumn("age")).isTrue();
            assertThat(users.hasColumn("AGE")).isFalse();
            assertThat(users.schema()).isEmpty();
            assertThat(users.qualifiedName()).isEqualTo("users");
            assertThat(users).hasToString("Table(users, [id, name, age])");
            assertThat(users.c("name")).hasToString("users.name");
            assertThat(metadata.tables()).containsExactly(users);
            assertThat(metadata.get("users")).containsSame(users);
            assertThat(metadata.get("nope")).isEmpty();
        }

        @Test
        void columnsListIsACopy() {
            Table t = new MetaData().table("t", column("a", INTEGER));
            assertThatThrownBy(() -> t.columns().add(column("b", INTEGER)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(t.columns()).hasSize(1);
        }

        @Test
        void unknownColumnMessageListsTheColumns() {
            Table users = new MetaData().table("users", column("id", INTEGER), column("name", string(5)));
            assertThatThrownBy(() -> users.c("nmae")).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Table 'users' has no column 'nmae'; it has [id, name]");
        }

        @Test
        void typedLookupChecksTheJavaType() {
            Table users = new MetaData().table("users", column("id", INTEGER), column("price", numeric(10, 2)));
            Column<Integer> id = users.c("id", Integer.class);
            assertThat(id.name()).isEqualTo("id");
            Column<Number> asNumber = users.c("price", Number.class);
            assertThat(asNumber.type().javaType()).isEqualTo(BigDecimal.class);
            assertThat(users.c("id", Object.class)).isSameAs(id);
            assertThatThrownBy(() -> users.c("id", String.class)).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Column 'users.id' holds java.lang.Integer, not java.lang.String");
            assertThatThrownBy(() -> users.c("missing", String.class)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("no column 'missing'");
        }

        @Test
        void duplicateColumnNamesTheTableAndColumn() {
            MetaData metadata = new MetaData();
            assertThatThrownBy(() -> metadata.table("accounts", column("id", INTEGER), column("id", BIGINT)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Table 'accounts' already has a column named 'id'");
        }

        /** As SQLAlchemy's Table(): a definition that fails leaves nothing behind in the metadata. */
        @Test
        void aFailedDefinitionIsNotRegistered() {
            MetaData metadata = new MetaData();
            assertThatThrownBy(() -> metadata.table("accounts", column("id", INTEGER), column("id", INTEGER)))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(metadata.tables()).isEmpty();
            assertThat(metadata.get("accounts")).isEmpty();
            Table again = metadata.table("accounts", column("id", INTEGER));
            assertThat(metadata.tables()).containsExactly(again);
        }

        @Test
        void duplicateTableRefused() {
            MetaData metadata = new MetaData();
            metadata.table("users", column("id", INTEGER));
            assertThatThrownBy(() -> metadata.table("users", column("id", INTEGER)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Table 'users' is already defined in this MetaData");
            // another metadata is another namespace
            assertThat(new MetaData().table("users", column("id", INTEGER)).name()).isEqualTo("users");
        }

        @Test
        void aColumnBelongsToOneTable() {
            MetaData metadata = new MetaData();
            Column<Integer> id = column("id", INTEGER);
            metadata.table("a", id);
            assertThatThrownBy(() -> metadata.table("b", id)).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Column 'id' already belongs to table 'a'; make a new column for table 'b'");
            assertThat(id.table().name()).isEqualTo("a");
        }

        @Test
        void aColumnOutsideATable() {
            Column<Integer> loose = column("loose", INTEGER);
            assertThat(loose).hasToString("loose");
            assertThatThrownBy(loose::table).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Column 'loose' does not belong to a table yet");
            assertThatThrownBy(() -> column("x", INTEGER).references(loose))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'loose'");
        }

        @Test
        void namesAreChecked() {
            assertThatThrownBy(() -> column(" ", INTEGER)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("column");
            assertThatThrownBy(() -> column("c".repeat(65), INTEGER)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("64");
            assertThat(column("c".repeat(64), INTEGER).name()).hasSize(64);
            assertThatThrownBy(() -> column(null, INTEGER)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> column("x", null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new MetaData().table("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("table");
            assertThatThrownBy(() -> new MetaData().table("t".repeat(65), column("a", INTEGER)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index(" ", "a")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new MetaData().table("t", (TableElement) null))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void columnDefinitionDetails() {
            Column<String> status = column("status", string(10)).serverDefault("draft").comment("state");
            assertThat(status.serverDefault()).contains(new ServerDefault("draft", true));
            assertThat(status.comment()).contains("state");
            Column<Integer> counter = column("counter", INTEGER).defaultValue(5).onUpdate(() -> 6);
            assertThat(counter.clientDefault().orElseThrow().get()).isEqualTo(5);
            assertThat(counter.clientOnUpdate().orElseThrow().get()).isEqualTo(6);
            Column<Integer> stamp = column("stamp", INTEGER).serverDefault(() -> "CURRENT_TIMESTAMP")
                    .serverOnUpdate(() -> "CURRENT_TIMESTAMP");
            assertThat(stamp.serverDefault()).contains(new ServerDefault("CURRENT_TIMESTAMP", false));
            assertThat(stamp.serverOnUpdate()).contains("CURRENT_TIMESTAMP");
            Column<Integer> plain = column("plain", INTEGER);
            assertThat(plain.clientDefault()).isEmpty();
            assertThat(plain.serverDefault()).isEmpty();
            assertThat(plain.clientOnUpdate()).isEmpty();
            assertThat(plain.serverOnUpdate()).isEmpty();
            assertThat(plain.comment()).isEmpty();
            assertThat(plain.references()).isEmpty();
            assertThatThrownBy(() -> column("x", INTEGER).defaultValue((Integer) null))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class TypedTableClass {

        @Test
        void fieldsAreTheTablesColumns() {
            MetaData metadata = new MetaData();
            Users users = new Users(metadata);
            assertThat(users.columns()).extracting(Column::name).containsExactly("id", "name", "email", "bio");
            assertThat(users.c("name")).isSameAs(users.name);
            assertThat(users.c("id", Integer.class)).isSameAs(users.id);
            assertThat(users.id.table()).isSameAs(users);
            assertThat(users.name.isNullable()).isFalse();
            assertThat(users.bio.isNullable()).isTrue();
            assertThat(users.id.isAutoincrement()).isTrue();
            assertThat(users.primaryKeyConstraint()).contains(new PrimaryKeyConstraint(null, List.of("id")));
            assertThat(users.indexes()).containsExactly(new Index("ix_users_name", List.of("name"), false));
            assertThat(users.uniqueConstraints()).containsExactly(new UniqueConstraint(null, List.of("email")));
            assertThat(metadata.tables()).containsExactly(users);
            assertThat(metadata.get("users")).containsSame(users);
            users.validate();
        }

        @Test
        void referencesBetweenTypedTables() {
            MetaData metadata = new MetaData();
            Users users = new Users(metadata);
            Posts posts = new Posts(metadata, users);
            assertThat(posts.tableOptions().engine()).isEqualTo("InnoDB");
            assertThat(posts.foreignKeys()).containsExactly(
                    new ForeignKey(null, List.of("user_id"), "users", List.of("id"), null, null));
            assertThat(metadata.referredTable(posts, posts.foreignKeys().get(0))).isSameAs(users);
            assertThat(metadata.creationOrder(metadata.tables()).tables()).containsExactly(users, posts);
            assertThat(posts.userId.isAutoincrement()).isFalse();
            assertThat(posts.id.isAutoincrement()).isTrue();
        }

        @Test
        void duplicateTypedTable() {
            MetaData metadata = new MetaData();
            new Users(metadata);
            assertThatThrownBy(() -> new Users(metadata)).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'users'");
        }

        @Test
        void duplicateColumnInATypedTable() {
            assertThatThrownBy(() -> new TwoIds(new MetaData())).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Table 'two_ids' already has a column named 'id'");
        }

        @Test
        void schemaCannotBeAddedAfterDefinition() {
            assertThatThrownBy(() -> new LateSchema(new MetaData())).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'late'").hasMessageContaining("schema");
        }
    }

    @Nested
    class NullableAndAutoincrement {

        @Test
        void nullableDefaults() {
            Table t = new MetaData().table("t",
                    column("id", INTEGER).primaryKey(),
                    column("plain", INTEGER),
                    column("required", INTEGER).notNull(),
                    column("explicit", INTEGER).nullable(true),
                    column("pk_nullable", INTEGER).primaryKey().nullable(true));
            assertThat(t.c("id").isNullable()).isFalse();
            assertThat(t.c("plain").isNullable()).isTrue();
            assertThat(t.c("required").isNullable()).isFalse();
            assertThat(t.c("explicit").isNullable()).isTrue();
            assertThat(t.c("pk_nullable").isNullable()).as("explicit nullable wins over the key default").isTrue();
        }

        @Test
        void singleIntegerPrimaryKeyIsAutoincrement() {
            MetaData metadata = new MetaData();
            assertThat(metadata.table("a", column("id", INTEGER).primaryKey()).c("id").isAutoincrement()).isTrue();
            assertThat(metadata.table("b", column("id", BIGINT).primaryKey()).c("id").isAutoincrement()).isTrue();
            assertThat(metadata.table("c", column("id", SMALLINT).primaryKey()).c("id").isAutoincrement()).isTrue();
        }

        @Test
        void autoRuleExceptions() {
            MetaData metadata = new MetaData();
            metadata.table("parent", column("id", INTEGER).primaryKey());
            assertThat(metadata.table("s", column("id", string(36)).primaryKey()).c("id").isAutoincrement())
                    .as("non-integer key").isFalse();
            assertThat(metadata.table("d", column("id", numeric(10, 0)).primaryKey()).c("id").isAutoincrement())
                    .as("DECIMAL key").isFalse();
            Table composite = metadata.table("composite", column("a", INTEGER).primaryKey(),
                    column("b", INTEGER).primaryKey());
            assertThat(composite.c("a").isAutoincrement()).as("composite key").isFalse();
            assertThat(composite.c("b").isAutoincrement()).as("composite key").isFalse();
            assertThat(metadata.table("fk", column("id", INTEGER).primaryKey().references("parent.id"))
                    .c("id").isAutoincrement()).as("key with a foreign key").isFalse();
            assertThat(metadata.table("cd", column("id", INTEGER).primaryKey().defaultValue(7))
                    .c("id").isAutoincrement()).as("key with a client default").isFalse();
            assertThat(metadata.table("sd", column("id", INTEGER).primaryKey().serverDefault("0"))
                    .c("id").isAutoincrement()).as("key with a server default").isFalse();
            Table plain = metadata.table("plain", column("id", INTEGER).primaryKey(), column("n", INTEGER));
            assertThat(plain.c("n").isAutoincrement()).as("non-key column").isFalse();
            assertThat(column("id", INTEGER).primaryKey().isAutoincrement()).as("outside a table").isFalse();
        }

        @Test
        void explicitAutoincrementWins() {
            MetaData metadata = new MetaData();
            assertThat(metadata.table("off", column("id", INTEGER).primaryKey().autoincrement(false))
                    .c("id").isAutoincrement()).isFalse();
            Table on = metadata.table("on", column("a", INTEGER).primaryKey().autoincrement(true),
                    column("b", INTEGER).primaryKey());
            assertThat(on.c("a").isAutoincrement()).isTrue();
            assertThat(on.c("b").isAutoincrement()).isFalse();
        }

        /**
         * SQLAlchemy: a column named by a table-level PrimaryKeyConstraint is a primary-key column, NOT
         * NULL unless nullable was given, and a single integer one is autoincrement.
         */
        @Test
        void tableLevelPrimaryKeyMakesTheColumnAKeyColumn() {
            Table t = new MetaData().table("t", column("id", INTEGER), column("name", string(10)), primaryKey("id"));
            assertThat(t.primaryKeyConstraint()).contains(new PrimaryKeyConstraint(null, List.of("id")));
            assertSoftly(softly -> {
                softly.assertThat(t.c("id").isPrimaryKey()).as("isPrimaryKey").isTrue();
                softly.assertThat(t.c("id").isNullable()).as("isNullable").isFalse();
                softly.assertThat(t.c("id").isAutoincrement()).as("isAutoincrement").isTrue();
                softly.assertThat(t.c("name").isNullable()).as("other column isNullable").isTrue();
            });
        }

        /**
         * When a table-level primary key and a column flag disagree, the table-level key is the key
         * ({@link Table#primaryKey()}); AUTO_INCREMENT must go to its column, never to a column outside it
         * (MySQL refuses an AUTO_INCREMENT column that is not a key).
         */
        @Test
        void autoincrementFollowsTheEffectivePrimaryKey() {
            Table t = new MetaData().table("t", column("a", INTEGER).primaryKey(), column("b", INTEGER),
                    primaryKey("b"));
            assertThat(t.primaryKeyConstraint()).contains(new PrimaryKeyConstraint(null, List.of("b")));
            assertSoftly(softly -> {
                softly.assertThat(t.c("a").isAutoincrement()).as("a is outside the primary key").isFalse();
                softly.assertThat(t.c("b").isAutoincrement()).as("b is the single integer key").isTrue();
            });
        }

        /** SQLAlchemy: a key column that is part of any foreign key (column- or table-level) is not autoincrement. */
        @Test
        void tableLevelForeignKeyOnTheKeyDisablesAutoincrement() {
            MetaData metadata = new MetaData();
            metadata.table("parent", column("id", INTEGER).primaryKey());
            Table child = metadata.table("child", column("id", INTEGER).primaryKey(),
                    foreignKey(List.of("id"), "parent", List.of("id")));
            assertThat(child.c("id").isAutoincrement()).isFalse();
        }
    }

    @Nested
    class DerivedConstraints {

        @Test
        void columnLevelFirstThenTableLevel() {
            MetaData metadata = new MetaData();
            metadata.table("other", column("id", INTEGER).primaryKey());
            Table t = metadata.table("t",
                    column("a", INTEGER).unique(),
                    column("b", INTEGER).index(),
                    column("c", INTEGER).references("other.id"),
                    unique("a", "b"),
                    uniqueNamed("uq_named", "c"),
                    index("ix_bc", "b", "c"),
                    uniqueIndex("ux_c", "c"),
                    foreignKey(List.of("b"), "other", List.of("id")).named("fk_b").onDelete(ReferentialAction.CASCADE),
                    check("ck_a", "a > 0"),
                    check("b < 10"));
            assertThat(t.uniqueConstraints()).containsExactly(
                    new UniqueConstraint(null, List.of("a")),
                    new UniqueConstraint(null, List.of("a", "b")),
                    new UniqueConstraint("uq_named", List.of("c")));
            assertThat(t.indexes()).containsExactly(
                    new Index(null, List.of("b"), false),
                    new Index("ix_bc", List.of("b", "c"), false),
                    new Index("ux_c", List.of("c"), true));
            assertThat(t.foreignKeys()).containsExactly(
                    new ForeignKey(null, List.of("c"), "other", List.of("id"), null, null),
                    new ForeignKey("fk_b", List.of("b"), "other", List.of("id"), ReferentialAction.CASCADE, null));
            assertThat(t.checks()).containsExactly(new CheckConstraint("ck_a", "a > 0"), new CheckConstraint(null, "b < 10"));
            assertThat(t.primaryKeyConstraint()).isEmpty();
            assertThat(t.c("c").references()).hasSize(1);
            t.validate();
        }

        @Test
        void derivedListsAreReadOnly() {
            Table t = new MetaData().table("t", column("a", INTEGER).unique().index());
            assertThatThrownBy(() -> t.uniqueConstraints().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> t.indexes().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> t.foreignKeys().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> t.checks().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> t.c("a").references().clear()).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void explicitPrimaryKeyConstraint() {
            Table t = new MetaData().table("t", column("a", INTEGER), column("b", string(5)), primaryKey("a", "b"));
            assertThat(t.primaryKeyConstraint()).contains(new PrimaryKeyConstraint(null, List.of("a", "b")));
            assertThat(t.c("a").isAutoincrement()).isFalse();
        }

        @Test
        void columnMarkedCompositeKeyInDefinitionOrder() {
            Table t = new MetaData().table("t", column("b", INTEGER).primaryKey(), column("x", INTEGER),
                    column("a", INTEGER).primaryKey());
            assertThat(t.primaryKeyConstraint()).contains(new PrimaryKeyConstraint(null, List.of("b", "a")));
        }

        @Test
        void constraintArguments() {
            assertThatThrownBy(() -> primaryKey()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one column");
            assertThatThrownBy(() -> unique("a", "a")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twice");
            assertThatThrownBy(() -> index("ix", new String[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> check("ck", " ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> column("a", INTEGER).references("nodot"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"nodot\"");
            assertThatThrownBy(() -> column("a", INTEGER).references("users."))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> column("a", INTEGER).references(".id"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Validation {

        @Test
        void aTableNeedsColumns() {
            Table empty = new MetaData().table("empty");
            assertThatThrownBy(empty::validate).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Table 'empty' has no columns");
        }

        @Test
        void unknownColumnInPrimaryKey() {
            Table t = new MetaData().table("orders", column("id", INTEGER), primaryKey("order_id"));
            assertThatThrownBy(t::validate).isInstanceOf(InvalidRequestException.class)
                    .hasMessage("The primary key of table 'orders' names column 'order_id', which the table does not "
                            + "have; it has [id]");
        }

        @Test
        void unknownColumnInUnique() {
            Table t = new MetaData().table("orders", column("id", INTEGER), unique("id", "code"));
            assertThatThrownBy(t::validate).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("unique constraint").hasMessageContaining("'orders'")
                    .hasMessageContaining("'code'");
        }

        @Test
        void unknownColumnInForeignKey() {
            MetaData metadata = new MetaData();
            metadata.table("users", column("id", INTEGER).primaryKey());
            Table t = metadata.table("orders", column("id", INTEGER),
                    foreignKey(List.of("user_id"), "users", List.of("id")));
            assertThatThrownBy(t::validate).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("foreign key").hasMessageContaining("'orders'")
                    .hasMessageContaining("'user_id'");
        }

        @Test
        void unknownColumnInIndex() {
            Table t = new MetaData().table("orders", column("id", INTEGER), index("ix_orders_day", "day"));
            assertThatThrownBy(t::validate).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("index").hasMessageContaining("'orders'").hasMessageContaining("'day'");
        }

        @Test
        void creationOrderValidates() {
            MetaData metadata = new MetaData();
            Table t = metadata.table("orders", column("id", INTEGER), index("ix", "nope"));
            assertThatThrownBy(() -> metadata.creationOrder(List.of(t))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("'nope'");
        }
    }

    @Nested
    class Options {

        @Test
        void optionsBuildAndMerge() {
            TableOptions base = options().schema("shop").engine("InnoDB").charset("utf8mb4");
            assertThat(base).isEqualTo(new TableOptions("shop", "InnoDB", "utf8mb4", null, null));
            assertThat(options()).isEqualTo(TableOptions.NONE);
            TableOptions merged = base.merge(options().collation("utf8mb4_bin").engine("Aria"));
            assertThat(merged).isEqualTo(new TableOptions("shop", "Aria", "utf8mb4", "utf8mb4_bin", null));
            assertThat(base.merge(TableOptions.NONE)).isEqualTo(base);
            assertThat(base.schemaName()).contains("shop");
            assertThat(options().schemaName()).isEmpty();
            assertThat(options().comment("hi").comment()).isEqualTo("hi");
        }

        @Test
        void tableInASchema() {
            MetaData metadata = new MetaData();
            Table a = metadata.table("t", options().schema("a"), column("id", INTEGER));
            Table b = metadata.table("t", column("id", INTEGER), options().schema("b").charset("utf8mb4"));
            Table plain = metadata.table("t", column("id", INTEGER));
            assertThat(a.schema()).contains("a");
            assertThat(a.qualifiedName()).isEqualTo("a.t");
            assertThat(b.qualifiedName()).isEqualTo("b.t");
            assertThat(b.tableOptions().charset()).isEqualTo("utf8mb4");
            assertThat(plain.qualifiedName()).isEqualTo("t");
            assertThat(metadata.get("a.t")).containsSame(a);
            assertThat(metadata.get("b.t")).containsSame(b);
            assertThat(metadata.get("t")).containsSame(plain);
            assertThat(a).hasToString("Table(a.t, [id])");
            assertThatThrownBy(() -> metadata.table("t", options().schema("a"), column("x", INTEGER)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'a.t'");
        }

        @Test
        void severalOptionElementsMerge() {
            Table t = new MetaData().table("t", options().engine("InnoDB"), column("id", INTEGER),
                    options().charset("utf8mb4").comment("c"), options().engine("MyISAM"));
            assertThat(t.tableOptions()).isEqualTo(new TableOptions(null, "MyISAM", "utf8mb4", null, "c"));
        }
    }
}
