package dev.retort.orm.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.schema.Column;
import org.junit.jupiter.api.Test;

/** Classes mapped separately (as their generated metamodels do on first use) can be mapped together later. */
class MappingGroupsTest {

    @Entity(table = "groups_authors")
    static class Author {
        @Id Integer id;
    }

    @Entity(table = "groups_books")
    static class Book {
        @Id Integer id;
        @ForeignKey(target = "groups_authors.id") Integer authorId;
    }

    @Entity(table = "groups_a")
    static class First {
        @Id Integer id;
    }

    @Entity(table = "groups_a")
    static class Second {
        @Id Integer id;
    }

    @Test
    void separatelyMappedClassesJoinOneMetadataKeepingTheirColumns() {
        Column<Integer> authorId = Metamodel.column(Author.class, "id");
        Column<Integer> bookAuthor = Metamodel.column(Book.class, "authorId");
        assertThat(authorId.table().metadata()).isNotSameAs(bookAuthor.table().metadata());

        Mapping both = Mapping.of(Author.class, Book.class);

        assertThat(both.metadata().tables()).containsExactly(authorId.table(), bookAuthor.table());
        assertThat(authorId.table().metadata()).isSameAs(both.metadata());
        assertThat(bookAuthor.table().metadata()).isSameAs(both.metadata());
        assertThat(Metamodel.column(Book.class, "authorId")).isSameAs(bookAuthor);
        assertThat(both.metadata().creationOrder(both.tables()).tables()).containsExactly(authorId.table(), bookAuthor.table());
    }

    @Test
    void twoClassesOfOneTableNameStayApart() {
        Mapping first = Mapping.of(First.class);
        Mapping second = Mapping.of(Second.class);
        assertThat(first.metadata()).isNotSameAs(second.metadata());

        assertThatThrownBy(() -> Mapping.of(First.class, Second.class))
                .isInstanceOf(MappingException.class)
                .hasMessage("Cannot map [First, Second] together: table 'groups_a' is mapped by both "
                        + First.class.getName() + " and " + Second.class.getName());
        assertThat(first.metadata().tables()).hasSize(1);
        assertThat(second.metadata().tables()).hasSize(1);
    }
}
