package dev.retort.examples;

import dev.retort.orm.mapping.*;

/** The README's one-to-many side, as written there (with {@link Article} and {@link Topic}). */
@Entity(table = "writers")
class Writer {
    @Id @GeneratedValue Integer id;
    @Column(length = 50, nullable = false) String name;

    @Relationship(backPopulates = "writer", cascade = {Cascade.ALL, Cascade.DELETE_ORPHAN}, orderBy = "id")
    final ToMany<Article> articles = ToMany.of(this);       // one-to-many: Article has the foreign key

    Writer() { }
    Writer(String name) { this.name = name; }
}
