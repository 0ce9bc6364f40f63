package dev.retort.examples;

import dev.retort.orm.mapping.*;

/** The README's many-to-one and many-to-many side, as written there. */
@Entity(table = "articles")
class Article {
    @Id @GeneratedValue Integer id;
    @Column(length = 200, nullable = false) String title;
    @Column(nullable = false) @ForeignKey(entity = Writer.class) Integer writerId;   // copied from `writer` by the flush

    @Relationship(backPopulates = "articles")
    final ToOne<Writer> writer = ToOne.of(this);             // many-to-one

    @Relationship(secondary = "article_topics", backPopulates = "articles", orderBy = "name")
    final ToMany<Topic> topics = ToMany.of(this);            // many-to-many through article_topics (created for it)

    Article() { }
    Article(String title) { this.title = title; }
}
