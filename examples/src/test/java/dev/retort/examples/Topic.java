package dev.retort.examples;

import dev.retort.orm.mapping.*;

/** The README's other many-to-many side, as written there. */
@Entity(table = "topics")
class Topic {
    @Id @GeneratedValue Integer id;
    @Column(length = 50, nullable = false, unique = true) String name;

    @Relationship(secondary = "article_topics", backPopulates = "topics")
    final ToMany<Article> articles = ToMany.of(this);

    Topic() { }
    Topic(String name) { this.name = name; }
}
