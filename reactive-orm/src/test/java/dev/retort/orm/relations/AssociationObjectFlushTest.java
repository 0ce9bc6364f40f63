package dev.retort.orm.relations;

import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Article;
import dev.retort.orm.relations.Uow.Label;
import dev.retort.orm.relations.Uow.Labelling;
import dev.retort.orm.session.ObjectState;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * An association object: Labelling links an article and a label with a composite key of two
 * foreign keys, a note and a server-default timestamp; both ends hold their labellings with
 * ALL and DELETE_ORPHAN.
 */
@DatabaseTest
class AssociationObjectFlushTest {

    static final Relation<Article, Labelling> LABELLINGS = Metamodel.relation(Article.class, "labellings");
    static final Relation<Labelling, Label> LABEL = Metamodel.relation(Labelling.class, "label");
    static final Relation<Label, Labelling> LABEL_LABELLINGS = Metamodel.relation(Label.class, "labellings");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    AssociationObjectFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.LINKS);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.LINKS.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        Uow.clear(engine, "uw_labellings", "uw_articles", "uw_labels");
    }

    private List<String> labellings() {
        return Uow.rows(engine, "SELECT CONCAT(a.title, '/', l.name, '/', x.note, '/', x.created_at IS NOT NULL) FROM uw_labellings x"
                + " JOIN uw_articles a ON a.id = x.article_id JOIN uw_labels l ON l.id = x.label_id ORDER BY a.title, l.name");
    }

    /** Two articles; "first" labelled red and blue, "second" labelled red. */
    private Article[] create() {
        Article first = new Article("first");
        Article second = new Article("second");
        Label red = new Label("red");
        Label blue = new Label("blue");
        new Labelling(first, red, "first is red");
        new Labelling(first, blue, "first is blue");
        new Labelling(second, red, "second is red");
        assertThat(red.labellings).hasSize(2);
        sessions.inTransaction(s -> {
            s.add(first);
            s.add(second);
            return Mono.empty();
        }).block();
        return new Article[] {first, second};
    }

    @Test
    void linksAreInsertedAfterBothEndsWithTheirKeysAndServerDefaults() {
        Article[] articles = create();
        assertThat(log.statements("INSERT")).containsExactlyInAnyOrder(
                "INSERT INTO uw_articles (id, title) VALUES (?, ?), (?, ?) RETURNING id",
                "INSERT INTO uw_labels (id, name) VALUES (?, ?), (?, ?) RETURNING id",
                "INSERT INTO uw_labellings (article_id, label_id, note) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)");
        assertThat(log.statements("INSERT")).last().asString().startsWith("INSERT INTO uw_labellings");
        assertThat(labellings()).containsExactly("first/blue/first is blue/1", "first/red/first is red/1", "second/red/second is red/1");
        Labelling link = articles[0].labellings.get(0);
        assertThat(link.articleId).isEqualTo(articles[0].id);
        assertThat(link.labelId).isEqualTo(link.label.get().id);
        assertThat(link.createdAt).isNotNull();
    }

    @Test
    void linksReadBackThroughBothEnds() {
        Article[] articles = create();
        List<Article> loaded = sessions.withSession(s -> s.execute(select(Article.class).orderBy(Metamodel.column(Article.class, "id"))
                .options(selectinload(LABELLINGS).selectinload(LABEL).selectinload(LABEL_LABELLINGS))).all()).block();
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0).id).isEqualTo(articles[0].id);
        assertThat(loaded.get(0).labellings).extracting(link -> link.label.get().name).containsExactlyInAnyOrder("red", "blue");
        assertThat(loaded.get(0).labellings).allSatisfy(link -> {
            assertThat(link.article.get()).isSameAs(loaded.get(0));
            assertThat(link.createdAt).isNotNull();
        });
        Label red = loaded.get(1).labellings.get(0).label.get();
        assertThat(red.name).isEqualTo("red");
        assertThat(red.labellings).extracting(link -> link.article.get().title).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void removingALinkFromOneEndDeletesItsRowOnly() {
        Article[] articles = create();
        sessions.inTransaction(s -> s.execute(select(Article.class).where(Metamodel.<Long>column(Article.class, "id").eq(articles[0].id))
                .options(selectinload(LABELLINGS).selectinload(LABEL))).one().flatMap(article -> {
                    Labelling red = article.labellings.stream().filter(link -> link.label.get().name.equals("red")).findFirst().orElseThrow();
                    article.labellings.remove(red);
                    assertThat(red.article.get()).isNull();
                    log.clear();
                    return s.flush().then(Mono.fromRunnable(() -> {
                        assertThat(Session.state(red)).isEqualTo(ObjectState.DELETED);
                        // the deleted link keeps its key fields, as SQLAlchemy leaves a deleted orphan's foreign keys
                        assertThat(red.articleId).isEqualTo(articles[0].id);
                    }));
                })).block();
        assertThat(log.all()).containsExactly(
                "DELETE FROM uw_labellings WHERE uw_labellings.article_id = ? AND uw_labellings.label_id = ?", "COMMIT");
        assertThat(labellings()).containsExactly("first/blue/first is blue/1", "second/red/second is red/1");
        assertThat(Uow.rows(engine, "SELECT name FROM uw_labels ORDER BY name")).containsExactly("blue", "red");
    }

    @Test
    void deletingAnArticleDeletesItsLinksButNotTheLabels() {
        Article[] articles = create();
        sessions.inTransaction(s -> s.getOne(Article.class, articles[0].id).flatMap(article -> {
            s.delete(article);
            return s.flush();
        })).block();
        assertThat(labellings()).containsExactly("second/red/second is red/1");
        assertThat(Uow.rows(engine, "SELECT name FROM uw_labels ORDER BY name")).containsExactly("blue", "red");
    }
}
