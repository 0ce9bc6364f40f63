package dev.retort.core.schema;

import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.foreignKey;
import static dev.retort.core.schema.Schema.options;
import static dev.retort.core.types.Types.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link MetaData#referredTable} and {@link MetaData#creationOrder}. */
class CreationOrderTest {

    private final MetaData metadata = new MetaData();

    private Table table(String name, String... references) {
        List<TableElement> elements = new ArrayList<>();
        elements.add(column("id", INTEGER).primaryKey());
        for (String target : references) {
            elements.add(column(target + "_id", INTEGER).references(target + ".id"));
        }
        return metadata.table(name, elements.toArray(TableElement[]::new));
    }

    private static ForeignKey fk(Table table, String referred) {
        return table.foreignKeys().stream().filter(key -> key.referredTableName().equals(referred)).findFirst()
                .orElseThrow();
    }

    /** Every table comes after the tables its non-deferred foreign keys refer to (itself excepted). */
    private void assertCreatable(CreationOrder order) {
        List<Table> created = new ArrayList<>();
        for (Table table : order.tables()) {
            for (ForeignKey key : table.foreignKeys()) {
                Table target = metadata.referredTable(table, key);
                if (target != table && !order.deferredFor(table).contains(key)) {
                    assertThat(created).as("%s needs %s first", table.name(), target.name()).contains(target);
                }
            }
            created.add(table);
        }
    }

    private static int deferredCount(CreationOrder order) {
        return order.deferredForeignKeys().values().stream().mapToInt(List::size).sum();
    }

    @Nested
    class ReferredTable {

        @Test
        void findsTheTable() {
            Table users = table("users");
            Table posts = table("posts", "users");
            assertThat(metadata.referredTable(posts, posts.foreignKeys().get(0))).isSameAs(users);
        }

        @Test
        void unknownTableNamesTheReferringTableAndColumns() {
            Table posts = table("posts", "users");
            assertThatThrownBy(() -> metadata.referredTable(posts, posts.foreignKeys().get(0)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("The foreign key of posts[users_id] refers to table 'users', which this MetaData does "
                            + "not define");
        }

        @Test
        void unknownColumnNamesTheReferringTableAndColumns() {
            metadata.table("users", column("uid", INTEGER).primaryKey(), column("name", INTEGER));
            Table posts = metadata.table("posts", column("id", INTEGER),
                    column("author_id", INTEGER).references("users.id"));
            assertThatThrownBy(() -> metadata.referredTable(posts, posts.foreignKeys().get(0)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("The foreign key of posts[author_id] refers to column 'users.id', which does not exist; "
                            + "table 'users' has [uid, name]");
        }

        @Test
        void compositeKeyMessageListsEveryColumn() {
            Table child = metadata.table("child", column("a", INTEGER), column("b", INTEGER),
                    foreignKey(List.of("a", "b"), "parent", List.of("x", "y")));
            assertThatThrownBy(() -> metadata.referredTable(child, child.foreignKeys().get(0)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("child[a, b]")
                    .hasMessageContaining("'parent'");
        }

        @Test
        void schemaQualifiedAndSameSchemaReferences() {
            Table users = metadata.table("users", options().schema("shop"), column("id", INTEGER).primaryKey());
            Table qualified = metadata.table("orders", options().schema("shop"), column("id", INTEGER),
                    column("user_id", INTEGER).references("shop.users.id"));
            Table sameSchema = metadata.table("carts", options().schema("shop"), column("id", INTEGER),
                    column("user_id", INTEGER).references("users.id"));
            Table byColumn = metadata.table("notes", column("id", INTEGER),
                    column("user_id", INTEGER).references(users.c("id")));
            assertThat(byColumn.foreignKeys().get(0).referredTable()).isEqualTo("shop.users");
            assertThat(metadata.referredTable(qualified, qualified.foreignKeys().get(0))).isSameAs(users);
            assertThat(metadata.referredTable(sameSchema, sameSchema.foreignKeys().get(0))).isSameAs(users);
            assertThat(metadata.referredTable(byColumn, byColumn.foreignKeys().get(0))).isSameAs(users);
            Table noSchema = metadata.table("misses", column("id", INTEGER),
                    column("user_id", INTEGER).references("users.id"));
            assertThatThrownBy(() -> metadata.referredTable(noSchema, noSchema.foreignKeys().get(0)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'users'");
        }

        @Test
        void creationOrderChecksEveryForeignKey() {
            table("users");
            Table posts = metadata.table("posts", column("id", INTEGER),
                    column("user_id", INTEGER).references("users.uid"));
            assertThatThrownBy(() -> metadata.creationOrder(metadata.tables()))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("posts[user_id]");
            assertThatThrownBy(() -> new MetaData().creationOrder(List.of(posts)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("another MetaData");
        }
    }

    @Nested
    class Order {

        @Test
        void dependenciesFirst() {
            Table comments = table("comments", "posts", "users");
            Table posts = table("posts", "users");
            Table users = table("users");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThat(order.tables()).containsExactly(users, posts, comments);
            assertThat(order.deferredForeignKeys()).isEmpty();
            assertThat(order.deferredFor(comments)).isEmpty();
            assertCreatable(order);
        }

        @Test
        void definitionOrderKeptWhenFree() {
            Table c = table("c");
            Table a = table("a");
            Table b = table("b");
            assertThat(metadata.creationOrder(metadata.tables()).tables()).containsExactly(c, a, b);
            assertThat(metadata.creationOrder(List.of(b, a)).tables()).containsExactly(b, a);
        }

        @Test
        void onlyWaitingTablesMoveBack() {
            Table a = table("a");
            Table b = table("b", "d");
            Table c = table("c");
            Table d = table("d");
            assertThat(metadata.creationOrder(metadata.tables()).tables()).containsExactly(a, c, d, b);
        }

        @Test
        void aSubsetMayReferToTablesOutsideIt() {
            table("users");
            Table posts = table("posts", "users");
            CreationOrder order = metadata.creationOrder(List.of(posts));
            assertThat(order.tables()).containsExactly(posts);
            assertThat(order.deferredForeignKeys()).isEmpty();
        }

        @Test
        void selfReferenceIsNotACycle() {
            Table employees = metadata.table("employees", column("id", INTEGER).primaryKey(),
                    column("manager_id", INTEGER).references("employees.id"));
            Table teams = table("teams", "employees");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThat(order.tables()).containsExactly(employees, teams);
            assertThat(order.deferredForeignKeys()).isEmpty();
            assertThat(order.deferredFor(employees)).isEmpty();
        }

        @Test
        void twoTableCycleDefersOneForeignKey() {
            Table a = table("a", "b");
            Table b = table("b", "a");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThat(order.tables()).containsExactly(a, b);
            assertThat(order.deferredForeignKeys()).isEqualTo(Map.of(a, List.of(fk(a, "b"))));
            assertThat(order.deferredFor(b)).isEmpty();
            assertThat(deferredCount(order)).isEqualTo(1);
            assertCreatable(order);
        }

        @Test
        void threeTableCycleDefersOneForeignKey() {
            Table a = table("a", "b");
            Table b = table("b", "c");
            Table c = table("c", "a");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThat(order.tables()).containsExactly(a, c, b);
            assertThat(order.deferredForeignKeys()).isEqualTo(Map.of(a, List.of(fk(a, "b"))));
            assertThat(deferredCount(order)).isEqualTo(1);
            assertCreatable(order);
        }

        @Test
        void cycleWithSelfReferenceAndFreeTables() {
            Table free = table("free");
            Table a = metadata.table("a", column("id", INTEGER).primaryKey(),
                    column("parent_id", INTEGER).references("a.id"), column("b_id", INTEGER).references("b.id"),
                    column("free_id", INTEGER).references("free.id"));
            Table b = table("b", "a", "free");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThat(order.tables()).containsExactly(free, a, b);
            assertThat(order.deferredFor(a)).containsExactly(fk(a, "b"));
            assertThat(deferredCount(order)).isEqualTo(1);
            assertCreatable(order);
        }

        /**
         * A table that merely depends on a cycle (defined before it) closes no cycle: its foreign key
         * must not be deferred; only one key of the cycle itself is.
         */
        @Test
        void aTableWaitingOnACycleDefersNothing() {
            Table reports = table("reports", "a");
            Table a = table("a", "b");
            Table b = table("b", "c");
            Table c = table("c", "a");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThat(order.deferredFor(reports)).as("reports -> a closes no cycle").isEmpty();
            assertThat(deferredCount(order)).isEqualTo(1);
            assertThat(order.tables()).hasSize(4).containsExactlyInAnyOrder(reports, a, b, c);
            assertCreatable(order);
        }

        /** Two independent cycles need one deferred key each, not more. */
        @Test
        void twoIndependentCyclesDeferOneKeyEach() {
            Table a = table("a", "b", "c");
            Table b = table("b", "a");
            Table c = table("c", "d");
            Table d = table("d", "c");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThat(deferredCount(order)).isEqualTo(2);
            assertThat(order.deferredFor(a)).doesNotContain(fk(a, "c"));
            assertThat(order.tables()).containsExactlyInAnyOrder(a, b, c, d);
            assertCreatable(order);
        }

        @Test
        void creationOrderIsImmutable() {
            Table a = table("a", "b");
            table("b", "a");
            CreationOrder order = metadata.creationOrder(metadata.tables());
            assertThatThrownBy(() -> order.tables().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> order.deferredForeignKeys().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> order.deferredFor(a).clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
