package dev.retort.core.schema;

import static dev.retort.core.schema.Schema.column;
import static dev.retort.core.types.Types.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.exception.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** {@link MetaData#absorb}: joining two metadata without re-creating tables. */
class MetaDataAbsorbTest {

    @Test
    void movesTablesKeepingTheirIdentityAndResolvesForeignKeysAcrossTheFormerSplit() {
        MetaData users = new MetaData();
        Table usersTable = users.table("users", column("id", INTEGER).primaryKey());
        MetaData posts = new MetaData();
        Column<Integer> userId = column("user_id", INTEGER).references("users.id");
        Table postsTable = posts.table("posts", column("id", INTEGER).primaryKey(), userId);

        users.absorb(posts);

        assertThat(users.tables()).containsExactly(usersTable, postsTable);
        assertThat(posts.tables()).isEmpty();
        assertThat(postsTable.metadata()).isSameAs(users);
        assertThat(userId.table()).isSameAs(postsTable);
        assertThat(users.creationOrder(users.tables()).tables()).containsExactly(usersTable, postsTable);
        assertThat(users.referredTable(postsTable, postsTable.foreignKeys().get(0))).isSameAs(usersTable);
    }

    @Test
    void aNameInBothMovesNothing() {
        MetaData first = new MetaData();
        first.table("users", column("id", INTEGER).primaryKey());
        MetaData second = new MetaData();
        Table other = second.table("other", column("id", INTEGER).primaryKey());
        second.table("users", column("id", INTEGER).primaryKey());

        assertThatThrownBy(() -> first.absorb(second))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Cannot absorb: table 'users' is defined in both MetaData");
        assertThat(second.tables()).hasSize(2);
        assertThat(other.metadata()).isSameAs(second);
    }

    @Test
    void absorbingItselfChangesNothing() {
        MetaData metadata = new MetaData();
        Table table = metadata.table("t", column("id", INTEGER).primaryKey());
        metadata.absorb(metadata);
        assertThat(metadata.tables()).containsExactly(table);
    }
}
