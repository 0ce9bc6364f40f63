package dev.retort.core.schema;

import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.schema.Schema.foreignKey;
import static dev.retort.core.types.Types.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link ForeignKey} value and the ways of making one. */
class ForeignKeyTest {

    @Test
    void referredTableNameAndSchema() {
        ForeignKey plain = foreignKey(List.of("user_id"), "users", List.of("id"));
        assertThat(plain.referredTable()).isEqualTo("users");
        assertThat(plain.referredTableName()).isEqualTo("users");
        assertThat(plain.referredSchema()).isEmpty();
        ForeignKey qualified = foreignKey(List.of("user_id"), "shop.users", List.of("id"));
        assertThat(qualified.referredTableName()).isEqualTo("users");
        assertThat(qualified.referredSchema()).contains("shop");
    }

    @Test
    void columnReferenceSplitsOnTheLastDot() {
        ForeignKey key = column("user_id", INTEGER).references("shop.users.id").references().get(0);
        assertThat(key).isEqualTo(new ForeignKey(null, List.of("user_id"), "shop.users", List.of("id"), null, null));
        assertThat(key.referredSchema()).contains("shop");
        ForeignKey withAction = column("user_id", INTEGER).references("users.id", ReferentialAction.SET_NULL)
                .references().get(0);
        assertThat(withAction.onDelete()).isEqualTo(ReferentialAction.SET_NULL);
        assertThat(withAction.onUpdate()).isNull();
        assertThat(withAction.explicitName()).isEmpty();
    }

    @Test
    void sizeMismatchIsRefused() {
        assertThatThrownBy(() -> foreignKey(List.of("a", "b"), "parent", List.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A foreign key needs as many referred columns as columns: [a, b] -> parent[x]");
        assertThatThrownBy(() -> foreignKey(List.of(), "parent", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one column");
        assertThatThrownBy(() -> foreignKey(List.of("a"), "parent", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("referred side");
        assertThatThrownBy(() -> foreignKey(List.of("a", "a"), "parent", List.of("x", "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> foreignKey(List.of("a"), null, List.of("x")))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void withMethodsReturnCopies() {
        ForeignKey key = foreignKey(List.of("a"), "parent", List.of("x"));
        ForeignKey named = key.named("fk_a");
        ForeignKey actions = key.onDelete(ReferentialAction.CASCADE).onUpdate(ReferentialAction.RESTRICT);
        assertThat(key.name()).isNull();
        assertThat(key.onDelete()).isNull();
        assertThat(named.explicitName()).contains("fk_a");
        assertThat(named.columnNames()).containsExactly("a");
        assertThat(actions.onDelete()).isEqualTo(ReferentialAction.CASCADE);
        assertThat(actions.onUpdate()).isEqualTo(ReferentialAction.RESTRICT);
        assertThat(actions.name()).isNull();
        assertThat(ReferentialAction.SET_NULL.sql()).isEqualTo("SET NULL");
        assertThat(ReferentialAction.NO_ACTION.sql()).isEqualTo("NO ACTION");
        assertThat(ReferentialAction.SET_DEFAULT.sql()).isEqualTo("SET DEFAULT");
    }

    @Test
    void columnListsAreCopied() {
        List<String> columns = new ArrayList<>(List.of("a"));
        ForeignKey key = foreignKey(columns, "parent", List.of("x"));
        columns.add("b");
        assertThat(key.columnNames()).containsExactly("a");
        assertThatThrownBy(() -> key.columnNames().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
