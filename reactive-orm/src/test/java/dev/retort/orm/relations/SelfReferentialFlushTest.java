package dev.retort.orm.relations;

import static dev.retort.core.sql.Sql.text;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.relations.Uow.Node;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** An adjacency list: inserted a level at a time, deleted a subtree at a time. */
@DatabaseTest
class SelfReferentialFlushTest {

    static final Relation<Node, Node> CHILDREN = Metamodel.relation(Node.class, "children");

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory sessions;

    SelfReferentialFlushTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        sessions = SessionFactory.of(log.engine(), Uow.TREE);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Uow.TREE.createAll(db.engine()).block();
    }

    @AfterEach
    void close() {
        log.close();
        engine.execute(text("UPDATE uw_nodes SET parent_id = NULL")).rowcount().block();
        Uow.clear(engine, "uw_nodes");
    }

    /** Every node as "name<parent name", by name. */
    private List<String> tree() {
        return Uow.rows(engine, "SELECT CONCAT(n.name, '<', COALESCE(p.name, '-')) FROM uw_nodes n"
                + " LEFT JOIN uw_nodes p ON p.id = n.parent_id ORDER BY n.name");
    }

    /** root → a, b; a → a1, a2; b → b1, b2; plus a second root "other" with child "o1". */
    private Node[] createTrees() {
        Node root = new Node("root");
        Node a = root.child("a");
        Node b = root.child("b");
        a.child("a1");
        a.child("a2");
        b.child("b1");
        b.child("b2");
        Node other = new Node("other");
        other.child("o1");
        sessions.inTransaction(s -> {
            s.add(root);
            s.add(other);
            return Mono.empty();
        }).block();
        return new Node[] {root, other};
    }

    @Test
    void aNewTreeIsInsertedOneLevelAtATimeWithItsParentKeys() {
        Node[] roots = createTrees();
        assertThat(log.statements("INSERT")).containsExactly(
                "INSERT INTO uw_nodes (id, parent_id, name) VALUES (?, ?, ?), (?, ?, ?) RETURNING id",
                "INSERT INTO uw_nodes (id, parent_id, name) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?) RETURNING id",
                "INSERT INTO uw_nodes (id, parent_id, name) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?) RETURNING id");
        assertThat(tree()).containsExactly("a<root", "a1<a", "a2<a", "b<root", "b1<b", "b2<b", "o1<other", "other<-", "root<-");
        Node a = roots[0].children.get(0);
        assertThat(a.parentId).isEqualTo(roots[0].id);
        assertThat(a.children).allSatisfy(child -> assertThat(child.parentId).isEqualTo(a.id));
    }

    @Test
    void deletingALoadedRootDeletesItsWholeSubtree() {
        Node[] roots = createTrees();
        log.clear();
        sessions.inTransaction(s -> s.execute(select(Node.class).where(Metamodel.<Long>column(Node.class, "id").eq(roots[0].id))
                .options(selectinload(CHILDREN).selectinload(CHILDREN).selectinload(CHILDREN))).one().flatMap(root -> {
                    assertThat(root.children.get(1).children).hasSize(2);
                    s.delete(root);
                    assertThat(s.deleted()).hasSize(7);
                    log.clear();
                    return s.flush();
                })).block();
        // grandchildren, children, the root: one statement per level
        assertThat(log.all()).containsExactly(
                "DELETE FROM uw_nodes WHERE uw_nodes.id IN (?, ?, ?, ?)",
                "DELETE FROM uw_nodes WHERE uw_nodes.id IN (?, ?)",
                "DELETE FROM uw_nodes WHERE uw_nodes.id = ?",
                "COMMIT");
        assertThat(tree()).containsExactly("o1<other", "other<-");
    }

    @Test
    void deletingAnUnloadedRootDeletesItsWholeSubtree() {
        Node[] roots = createTrees();
        log.clear();
        sessions.inTransaction(s -> s.getOne(Node.class, roots[0].id).flatMap(root -> {
            log.clear();
            s.delete(root);
            return s.flush();
        })).block();
        assertThat(log.statements("SELECT")).hasSize(3).allMatch(line -> line.contains(" WHERE uw_nodes.parent_id IN ("));
        assertThat(tree()).containsExactly("o1<other", "other<-");
    }

    @Test
    void removingABranchDeletesItAsAnOrphanWithItsChildren() {
        Node[] roots = createTrees();
        sessions.inTransaction(s -> s.getOne(Node.class, roots[0].id).flatMap(root -> s.load(root, CHILDREN)).flatMap(root -> {
            root.children.remove(0);
            return s.flush();
        })).block();
        assertThat(tree()).containsExactly("b<root", "b1<b", "b2<b", "o1<other", "other<-", "root<-");
    }

    @Test
    void movingABranchUnderAnotherTreeUpdatesOneForeignKey() {
        Node[] roots = createTrees();
        sessions.inTransaction(s -> s.getOne(Node.class, roots[0].id).flatMap(root -> s.load(root, CHILDREN)).flatMap(root ->
                s.getOne(Node.class, roots[1].id).flatMap(other -> {
                    root.children.get(0).parent.set(other);
                    log.clear();
                    return s.flush();
                }))).block();
        assertThat(log.all()).containsExactly("UPDATE uw_nodes SET parent_id = ? WHERE uw_nodes.id = ?", "COMMIT");
        assertThat(tree()).containsExactly("a<other", "a1<a", "a2<a", "b<root", "b1<b", "b2<b", "o1<other", "other<-", "root<-");
    }
}
