package dev.retort.orm.relations;

import static dev.retort.orm.Orm.joinedload;
import static dev.retort.orm.Orm.select;
import static dev.retort.orm.Orm.selectinload;
import static dev.retort.orm.relations.LoadModels.CHILDREN;
import static dev.retort.orm.relations.LoadModels.ORDERS;
import static dev.retort.orm.relations.LoadModels.PARENT;
import static dev.retort.orm.relations.LoadModels.SHOP;
import static dev.retort.orm.relations.LoadModels.SUPPLIERS;
import static dev.retort.orm.relations.LoadModels.run;
import static dev.retort.orm.relations.Sqls.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.schema.Column;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import dev.retort.orm.StatementLog;
import dev.retort.orm.loading.LoadOption;
import dev.retort.orm.mapping.Metamodel;
import dev.retort.orm.mapping.NotLoadedException;
import dev.retort.orm.mapping.Relation;
import dev.retort.orm.query.EntitySelect;
import dev.retort.orm.relations.Blog.Post;
import dev.retort.orm.relations.Blog.Tag;
import dev.retort.orm.relations.Blog.User;
import dev.retort.orm.relations.LoadModels.Node;
import dev.retort.orm.relations.LoadModels.Order;
import dev.retort.orm.relations.LoadModels.Shop;
import dev.retort.orm.relations.LoadModels.Supplier;
import dev.retort.orm.session.Session;
import dev.retort.orm.session.SessionFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each loader (selectin, joined, {@code session.load}) on the awkward shapes: empty collections,
 * NULL foreign keys, children shared by several parents, two-column keys, an adjacency list, and
 * the relationship's {@code orderBy} over rows inserted out of order.
 */
@DatabaseTest
class LoaderEdgeCasesTest {

    static final Relation<User, Post> POSTS = Metamodel.relation(User.class, "posts");
    static final Relation<Post, Tag> TAGS = Metamodel.relation(Post.class, "tags");
    static final Relation<Post, User> USER = Metamodel.relation(Post.class, "user");
    static final Column<Long> USER_ID = Metamodel.column(User.class, "id");
    static final Column<Long> POST_ID = Metamodel.column(Post.class, "id");
    static final Column<Long> NODE_ID = Metamodel.column(Node.class, "id");
    static final Column<Long> ORDER_ID = Metamodel.column(Order.class, "id");
    static final Column<String> SHOP_REGION = Metamodel.column(Shop.class, "region");
    static final Column<Integer> SHOP_NUMBER = Metamodel.column(Shop.class, "number");

    /** The three ways to load: a query option of each strategy, and {@code session.load} after a plain query. */
    enum Way { SELECTIN, JOINED, SESSION_LOAD }

    private final Engine engine;
    private final StatementLog log;
    private final SessionFactory blog;
    private final SessionFactory edges;

    LoaderEdgeCasesTest(TestDatabase db) {
        engine = db.engine();
        log = new StatementLog(db);
        blog = SessionFactory.of(log.engine(), Blog.MAPPING);
        edges = SessionFactory.of(log.engine(), LoadModels.EDGES);
    }

    @BeforeAll
    static void create(TestDatabase db) {
        Blog.MAPPING.createAll(db.engine()).block();
        LoadModels.EDGES.createAll(db.engine()).block();
    }

    /**
     * alice (1) has posts 10 "a" and 11 "b", bob (2) none; post 12 has no user; tag t0 (1) is on
     * posts 10 and 11, t1 (2) on post 10; post 12 has no tags.
     */
    @BeforeEach
    void seed() {
        Blog.clear(engine);
        LoadModels.clearEdges(engine);
        run(engine, "INSERT INTO rl_users (id, name) VALUES (2, 'bob'), (1, 'alice')");
        run(engine, "INSERT INTO rl_posts (id, user_id, title) VALUES (12, NULL, 'orphan'), (11, 1, 'b'), (10, 1, 'a')");
        run(engine, "INSERT INTO rl_tags (id, name) VALUES (2, 't1'), (1, 't0')");
        run(engine, "INSERT INTO rl_post_tags (post_id, tag_id) VALUES (11, 1), (10, 2), (10, 1)");
        LoadModels.seedShops(engine);
        LoadModels.seedTree(engine);
        log.clear();
    }

    @AfterEach
    void close() {
        log.close();
    }

    /**
     * The objects of {@code query} with {@code path} loaded the given way: as the query's option
     * (selectin or joined: the option's steps are rebuilt with that strategy), or by
     * {@code session.load(object, path)} for each object after a plain query.
     */
    private <T> List<T> load(SessionFactory sessions, Way way, EntitySelect<T> query, Relation<T, ?> first,
            Relation<?, ?>... more) {
        return sessions.withSession(s -> loaded(s, way, query, first, more)).block();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> Mono<List<T>> loaded(Session s, Way way, EntitySelect<T> query, Relation<T, ?> first, Relation<?, ?>... more) {
        LoadOption option = way == Way.JOINED ? joinedload(first) : selectinload(first);
        for (Relation<?, ?> next : more) {
            option = way == Way.JOINED ? option.joinedload((Relation) next) : option.selectinload((Relation) next);
        }
        if (way != Way.SESSION_LOAD) {
            return s.execute(query.options(option)).all();
        }
        LoadOption<T, ?> path = option;
        return s.execute(query).all().flatMap(found -> Flux.fromIterable(found)
                .concatMap(object -> more.length == 0 ? s.load(object, first) : s.load(object, path))
                .then(Mono.just(found)));
    }

    private int selects() {
        return log.count("SELECT");
    }

    // ---- empty collections -------------------------------------------------------------------------

    @Test
    void emptyOneToManyLoadsAsAnEmptyList() {
        for (Way way : Way.values()) {
            List<User> users = load(blog, way, select(User.class).orderBy(USER_ID), POSTS);
            User alice = users.get(0);
            User bob = users.get(1);
            assertThat(bob.posts.isLoaded()).as(way.name()).isTrue();
            assertThat(bob.posts).as(way.name()).isEmpty();
            assertThat(alice.posts).as(way.name()).extracting(post -> post.title).containsExactly("a", "b");
        }
    }

    @Test
    void emptyManyToManyLoadsAsAnEmptyList() {
        for (Way way : Way.values()) {
            List<Post> posts = load(blog, way, select(Post.class).orderBy(POST_ID), TAGS);
            assertThat(posts).extracting(post -> post.id).containsExactly(10L, 11L, 12L);
            assertThat(posts.get(2).tags.isLoaded()).as(way.name()).isTrue();
            assertThat(posts.get(2).tags).as(way.name()).isEmpty();
            assertThat(posts.get(0).tags).as(way.name()).extracting(tag -> tag.name).containsExactly("t0", "t1");
        }
    }

    @Test
    void sessionLoadOfAnEmptyCollectionIsOneStatementAndThenNone() {
        List<Integer> counts = blog.withSession(s -> s.get(User.class, 2L).flatMap(bob -> {
            int before = selects();
            return s.load(bob, POSTS).map(loaded -> {
                assertThat(loaded.posts).isEmpty();
                return selects() - before;
            }).flatMap(first -> s.load(bob, POSTS).map(again -> List.of(first, selects() - before - first)));
        })).block();
        assertThat(counts).containsExactly(1, 0);
    }

    // ---- NULL foreign keys ---------------------------------------------------------------------------

    @Test
    void manyToOneWithANullForeignKeyIsNullWithoutAStatement() {
        for (Way way : Way.values()) {
            log.clear();
            List<Post> posts = load(blog, way, select(Post.class).where(POST_ID.eq(12L)), USER);
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).user.get()).as(way.name()).isNull();
            // selectin and session.load need no statement for a NULL key; joined has the LEFT OUTER JOIN in its only statement
            assertThat(selects()).as(way.name()).isEqualTo(1);
            if (way == Way.JOINED) {
                assertThat(log.statements("SELECT").get(0)).contains("LEFT OUTER JOIN rl_users AS rl_users_1");
            }
        }
    }

    @Test
    void nullForeignKeyReadsAsNullEvenUnloaded() {
        Post orphan = blog.withSession(s -> s.get(Post.class, 12L)).block();
        assertThat(orphan.user.isLoaded()).as("get() can be called").isTrue();
        assertThat(orphan.user.get()).isNull();
        assertThat(log.count("SELECT")).isEqualTo(1);
    }

    @Test
    void selectinOfOnlyNullKeysSendsNothing() {
        List<Post> posts = blog.withSession(s -> s.execute(select(Post.class).where(POST_ID.eq(12L))
                .options(selectinload(USER).selectinload(POSTS))).all()).block();
        assertThat(posts.get(0).user.get()).isNull();
        assertThat(log.statements("SELECT")).hasSize(1);
    }

    // ---- shared children -----------------------------------------------------------------------------

    @Test
    void aTagOnTwoPostsIsOneInstanceInBothCollections() {
        for (Way way : Way.values()) {
            log.clear();
            List<Post> posts = load(blog, way, select(Post.class).where(POST_ID.in(List.of(10L, 11L))).orderBy(POST_ID), TAGS);
            Tag t0 = posts.get(0).tags.get(0);
            assertThat(t0.name).isEqualTo("t0");
            assertThat(posts.get(1).tags).as(way.name()).containsExactly(t0);
            assertThat(posts.get(1).tags.get(0)).as(way.name()).isSameAs(t0);
            if (way == Way.SELECTIN) {
                assertThat(log.statements("SELECT").get(1)).isEqualTo("SELECT rl_tags.id, rl_tags.name, rl_post_tags.post_id"
                        + " FROM rl_tags JOIN rl_post_tags ON rl_tags.id = rl_post_tags.tag_id WHERE rl_post_tags.post_id IN (?, ?)"
                        + " ORDER BY rl_tags.name");
            }
        }
    }

    @Test
    void twoPostsOfOneUserShareTheUserInstance() {
        for (Way way : Way.values()) {
            log.clear();
            List<Post> posts = load(blog, way, select(Post.class).where(POST_ID.in(List.of(10L, 11L))).orderBy(POST_ID), USER);
            assertThat(posts.get(0).user.get().name).isEqualTo("alice");
            assertThat(posts.get(1).user.get()).as(way.name()).isSameAs(posts.get(0).user.get());
            List<String> selects = log.statements("SELECT");
            switch (way) {
                case SELECTIN -> assertThat(selects).containsExactly(
                        "SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts WHERE rl_posts.id IN (?, ?) ORDER BY rl_posts.id",
                        // two posts, one distinct user id
                        "SELECT rl_users.id, rl_users.name FROM rl_users WHERE rl_users.id IN (?)");
                case JOINED -> assertThat(selects).hasSize(1);
                // the first load fetches alice; the second post's user is in the identity map already
                case SESSION_LOAD -> assertThat(selects).hasSize(2);
            }
        }
    }

    // ---- composite keys --------------------------------------------------------------------------

    private static void assertShops(List<Shop> shops, Way way) {
        assertThat(shops).extracting(shop -> shop.name).containsExactly("Berlin", "Paris", "Boston", "Empty");
        assertThat(shops).extracting(shop -> shop.orders.stream().map(order -> order.id).toList()).as(way.name())
                .containsExactly(List.of(1L, 2L), List.of(4L), List.of(3L), List.of());
        for (Shop shop : shops) {
            for (Order order : shop.orders) {
                assertThat(order.shop.get()).as(way.name()).isSameAs(shop);
            }
        }
    }

    @Test
    void compositeOneToManyEachWay() {
        for (Way way : Way.values()) {
            log.clear();
            List<Shop> shops = load(edges, way, select(Shop.class).orderBy(SHOP_REGION, SHOP_NUMBER), ORDERS);
            assertShops(shops, way);
            List<String> selects = log.statements("SELECT");
            switch (way) {
                case SELECTIN -> assertThat(selects.get(1)).isEqualTo("SELECT ld_orders.id, ld_orders.shop_region,"
                        + " ld_orders.shop_number FROM ld_orders WHERE (ld_orders.shop_region, ld_orders.shop_number) IN "
                        + rows(4, 2) + " ORDER BY ld_orders.id");
                case JOINED -> assertThat(selects).containsExactly("SELECT ld_shops.region, ld_shops.number, ld_shops.name,"
                        + " ld_orders_1.id, ld_orders_1.shop_region, ld_orders_1.shop_number FROM ld_shops"
                        + " LEFT OUTER JOIN ld_orders AS ld_orders_1 ON ld_orders_1.shop_region = ld_shops.region"
                        + " AND ld_orders_1.shop_number = ld_shops.number ORDER BY ld_shops.region, ld_shops.number, ld_orders_1.id");
                case SESSION_LOAD -> assertThat(selects.get(1)).isEqualTo("SELECT ld_orders.id, ld_orders.shop_region,"
                        + " ld_orders.shop_number FROM ld_orders WHERE (ld_orders.shop_region, ld_orders.shop_number) IN ((?, ?))"
                        + " ORDER BY ld_orders.id");
            }
        }
    }

    @Test
    void compositeManyToOneEachWay() {
        for (Way way : Way.values()) {
            log.clear();
            List<Order> orders = load(edges, way, select(Order.class).orderBy(ORDER_ID), SHOP);
            assertThat(orders).extracting(order -> order.id).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(orders).extracting(order -> order.shop.get() == null ? null : order.shop.get().name).as(way.name())
                    .containsExactly("Berlin", "Berlin", "Boston", "Paris", null);
            assertThat(orders.get(1).shop.get()).isSameAs(orders.get(0).shop.get());
            List<String> selects = log.statements("SELECT");
            switch (way) {
                // three distinct non-NULL keys (orders 1 and 2 share eu/1; order 5 has none)
                case SELECTIN -> assertThat(selects.get(1)).isEqualTo("SELECT ld_shops.region, ld_shops.number, ld_shops.name"
                        + " FROM ld_shops WHERE (ld_shops.region, ld_shops.number) IN " + rows(3, 2));
                case JOINED -> assertThat(selects).containsExactly("SELECT ld_orders.id, ld_orders.shop_region,"
                        + " ld_orders.shop_number, ld_shops_1.region, ld_shops_1.number, ld_shops_1.name FROM ld_orders"
                        + " LEFT OUTER JOIN ld_shops AS ld_shops_1 ON ld_shops_1.region = ld_orders.shop_region"
                        + " AND ld_shops_1.number = ld_orders.shop_number ORDER BY ld_orders.id");
                // one statement per distinct shop: order 2's shop and order 5's NULL key need none
                case SESSION_LOAD -> assertThat(selects).hasSize(1 + 3).last().isEqualTo("SELECT ld_shops.region,"
                        + " ld_shops.number, ld_shops.name FROM ld_shops WHERE (ld_shops.region, ld_shops.number) IN ((?, ?))");
            }
        }
    }

    @Test
    void compositeManyToManyEachWay() {
        for (Way way : Way.values()) {
            log.clear();
            List<Shop> shops = load(edges, way, select(Shop.class).orderBy(SHOP_REGION, SHOP_NUMBER), SUPPLIERS);
            assertThat(shops).extracting(shop -> shop.suppliers.stream().map(supplier -> supplier.name).toList()).as(way.name())
                    .containsExactly(List.of("acme"), List.of(), List.of("acme", "globex"), List.of());
            Supplier acme = shops.get(0).suppliers.get(0);
            assertThat(shops.get(2).suppliers.get(0)).as(way.name()).isSameAs(acme);
            if (way == Way.SELECTIN) {
                assertThat(log.statements("SELECT").get(1)).isEqualTo("SELECT ld_suppliers.id, ld_suppliers.name,"
                        + " ld_shop_suppliers.shop_region, ld_shop_suppliers.shop_number FROM ld_suppliers"
                        + " JOIN ld_shop_suppliers ON ld_suppliers.id = ld_shop_suppliers.supplier_id"
                        + " WHERE (ld_shop_suppliers.shop_region, ld_shop_suppliers.shop_number) IN " + rows(4, 2)
                        + " ORDER BY ld_suppliers.name");
            }
        }
    }

    @Test
    void manyToManyFromTheSingleColumnSideToTheCompositeSideEachWay() {
        for (Way way : Way.values()) {
            log.clear();
            List<Supplier> suppliers = load(edges, way, select(Supplier.class).orderBy(Metamodel.column(Supplier.class, "id")),
                    LoadModels.SUPPLIER_SHOPS);
            // every key column of the target takes part in the join (eu/1 and us/1 share number 1, eu/1 and eu/2 region eu)
            assertThat(suppliers).extracting(supplier -> supplier.shops.stream().map(shop -> shop.name).toList()).as(way.name())
                    .containsExactly(List.of("Berlin", "Boston"), List.of("Boston"));
            if (way == Way.JOINED) {
                assertThat(log.statements("SELECT")).containsExactly("SELECT ld_suppliers.id, ld_suppliers.name,"
                        + " ld_shops_1.region, ld_shops_1.number, ld_shops_1.name FROM ld_suppliers"
                        + " LEFT OUTER JOIN ld_shop_suppliers AS ld_shop_suppliers_2 ON ld_shop_suppliers_2.supplier_id = ld_suppliers.id"
                        + " LEFT OUTER JOIN ld_shops AS ld_shops_1 ON ld_shops_1.region = ld_shop_suppliers_2.shop_region"
                        + " AND ld_shops_1.number = ld_shop_suppliers_2.shop_number ORDER BY ld_suppliers.id, ld_shops_1.name");
            }
        }
    }

    @Test
    void compositeKeysStreamInKeysetPages() {
        SessionFactory pagesOfTwo = SessionFactory.of(log.engine(), LoadModels.EDGES,
                dev.retort.orm.session.SessionOptions.DEFAULTS.withBatchSize(2));
        List<Shop> shops = pagesOfTwo.withSessionMany(s -> s.scalars(select(Shop.class).options(selectinload(ORDERS))))
                .collectList().block();

        assertShops(shops, Way.SELECTIN);
        List<String> pages = log.statements("SELECT").stream().filter(sql -> sql.startsWith("SELECT ld_shops.")).toList();
        assertThat(pages).containsExactly(
                "SELECT ld_shops.region, ld_shops.number, ld_shops.name FROM ld_shops ORDER BY ld_shops.region, ld_shops.number"
                        + " LIMIT 2",
                "SELECT ld_shops.region, ld_shops.number, ld_shops.name FROM ld_shops WHERE (ld_shops.region, ld_shops.number)"
                        + " > (?, ?) ORDER BY ld_shops.region, ld_shops.number LIMIT 2",
                "SELECT ld_shops.region, ld_shops.number, ld_shops.name FROM ld_shops WHERE (ld_shops.region, ld_shops.number)"
                        + " > (?, ?) ORDER BY ld_shops.region, ld_shops.number LIMIT 2");
    }

    @Test
    void compositeKeysDoNotMatchOnOneColumnAlone() {
        // eu/1 and us/1 share number 1; the orders of each must stay apart in every loader
        for (Way way : Way.values()) {
            List<Shop> shops = load(edges, way, select(Shop.class).where(SHOP_NUMBER.eq(1)).orderBy(SHOP_REGION), ORDERS);
            assertThat(shops).extracting(shop -> shop.region + "/" + shop.number).containsExactly("eu/1", "us/1");
            assertThat(shops.get(0).orders).as(way.name()).extracting(order -> order.id).containsExactly(1L, 2L);
            assertThat(shops.get(1).orders).as(way.name()).extracting(order -> order.id).containsExactly(3L);
        }
    }

    // ---- adjacency list ------------------------------------------------------------------------------

    @Test
    void adjacencyListTwoLevelsDownEachWay() {
        for (Way way : Way.values()) {
            log.clear();
            List<Node> roots = load(edges, way, select(Node.class).where(NODE_ID.eq(1L)), CHILDREN, CHILDREN);
            Node root = roots.get(0);
            assertThat(root.children).as(way.name()).extracting(node -> node.name).containsExactly("a", "b", "c");
            Node a = root.children.get(0);
            assertThat(a.children).as(way.name()).extracting(node -> node.name).containsExactly("a1", "a2", "a3");
            assertThat(root.children.get(1).children).as(way.name()).isEmpty();
            assertThat(root.children.get(2).children).as(way.name()).isEmpty();
            assertThat(a.parent.get()).isSameAs(root);
            assertThat(a.children.get(0).parent.get()).isSameAs(a);
            assertThat(root.parent.get()).isNull();
            // the third level was not asked for
            assertThatThrownBy(() -> a.children.get(0).children.size()).isInstanceOf(NotLoadedException.class)
                    .hasMessageContaining("Node.children");
            List<String> selects = log.statements("SELECT");
            switch (way) {
                case SELECTIN -> assertThat(selects).containsExactly(
                        "SELECT ld_nodes.id, ld_nodes.parent_id, ld_nodes.name FROM ld_nodes WHERE ld_nodes.id = ?",
                        "SELECT ld_nodes.id, ld_nodes.parent_id, ld_nodes.name FROM ld_nodes WHERE ld_nodes.parent_id IN (?)"
                                + " ORDER BY ld_nodes.name",
                        "SELECT ld_nodes.id, ld_nodes.parent_id, ld_nodes.name FROM ld_nodes WHERE ld_nodes.parent_id IN (?, ?, ?)"
                                + " ORDER BY ld_nodes.name");
                case JOINED -> assertThat(selects).containsExactly("SELECT ld_nodes.id, ld_nodes.parent_id, ld_nodes.name,"
                        + " ld_nodes_1.id, ld_nodes_1.parent_id, ld_nodes_1.name, ld_nodes_2.id, ld_nodes_2.parent_id,"
                        + " ld_nodes_2.name FROM ld_nodes LEFT OUTER JOIN ld_nodes AS ld_nodes_1 ON ld_nodes_1.parent_id = ld_nodes.id"
                        + " LEFT OUTER JOIN ld_nodes AS ld_nodes_2 ON ld_nodes_2.parent_id = ld_nodes_1.id WHERE ld_nodes.id = ?"
                        + " ORDER BY ld_nodes_1.name, ld_nodes_2.name");
                case SESSION_LOAD -> assertThat(selects).hasSize(3);
            }
        }
    }

    @Test
    void adjacencyListParentsUpEachWay() {
        for (Way way : Way.values()) {
            log.clear();
            List<Node> leaves = load(edges, way, select(Node.class).where(NODE_ID.in(List.of(5L, 6L))).orderBy(NODE_ID),
                    PARENT, PARENT);
            Node a = leaves.get(0).parent.get();
            assertThat(a.name).isEqualTo("a");
            assertThat(leaves.get(1).parent.get()).as(way.name()).isSameAs(a);
            assertThat(a.parent.get().name).as(way.name()).isEqualTo("root");
            assertThat(a.parent.get().parent.get()).isNull();
        }
    }

    @Test
    void wholeTreeInOneQueryWithChildrenJoined() {
        // every node is both a root row and somebody's child: each collection still gets exactly its children
        List<Node> nodes = edges.withSession(s -> s.execute(select(Node.class).orderBy(NODE_ID).options(joinedload(CHILDREN)))
                .all()).block();
        assertThat(nodes).extracting(node -> node.name).containsExactly("root", "c", "a", "b", "a3", "a1", "a2");
        assertThat(nodes).extracting(node -> node.children.size()).containsExactly(3, 0, 3, 0, 0, 0, 0);
        assertThat(nodes.get(0).children).extracting(node -> node.name).containsExactly("a", "b", "c");
        assertThat(nodes.get(0).children.get(0)).isSameAs(nodes.get(2));
    }

    // ---- mixing ------------------------------------------------------------------------------------

    @Test
    void selectinLeavesOutParentsWhoseCollectionIsLoaded() {
        List<Object> seen = blog.withSession(s -> s.get(User.class, 1L).flatMap(alice -> s.load(alice, POSTS)).flatMap(alice -> {
            List<Post> before = List.copyOf(alice.posts);
            log.clear();
            return s.execute(select(User.class).orderBy(USER_ID).options(selectinload(POSTS))).all()
                    .map(users -> List.<Object>of(users.get(0) == alice, users.get(0).posts.equals(before),
                            users.get(1).posts.size(), log.statements("SELECT")));
        })).block();
        // alice's posts were loaded: only bob's id is in the IN list, and alice keeps the same instances
        assertThat(seen).containsExactly(true, true, 0, List.of(
                "SELECT rl_users.id, rl_users.name FROM rl_users ORDER BY rl_users.id",
                "SELECT rl_posts.id, rl_posts.user_id, rl_posts.title FROM rl_posts WHERE rl_posts.user_id IN (?) ORDER BY rl_posts.id"));
    }

    @Test
    void upToTheUserAndDownToAllItsPostsReusesTheLoadedPost() {
        List<Post> posts = blog.withSession(s -> s.execute(select(Post.class).where(POST_ID.eq(11L))
                .options(selectinload(USER).selectinload(POSTS))).all()).block();
        Post b = posts.get(0);
        User alice = b.user.get();
        assertThat(alice.posts).extracting(post -> post.title).containsExactly("a", "b");
        assertThat(alice.posts.get(1)).isSameAs(b);
    }

    @Test
    void joinedThenSelectinBelowIt() {
        for (boolean joinedFirst : new boolean[] {true, false}) {
            log.clear();
            List<User> users = blog.withSession(s -> s.execute(select(User.class).orderBy(USER_ID).options(joinedFirst
                    ? joinedload(POSTS).selectinload(TAGS) : selectinload(POSTS).joinedload(TAGS))).all()).block();
            assertThat(users.get(0).posts).extracting(post -> post.tags.stream().map(tag -> tag.name).toList())
                    .containsExactly(List.of("t0", "t1"), List.of("t0"));
            assertThat(users.get(1).posts).isEmpty();
            assertThat(log.statements("SELECT")).hasSize(2);
        }
    }

    // ---- orderBy honoured by each loader ------------------------------------------------------------

    @Test
    void orderByIsHonouredByEachLoaderOverScrambledRows() {
        run(engine, "INSERT INTO rl_tags (id, name) VALUES (3, 'zeta'), (4, 'alpha'), (5, 'mid')");
        run(engine, "INSERT INTO rl_post_tags (post_id, tag_id) VALUES (12, 3), (12, 4), (12, 5)");
        for (Way way : Way.values()) {
            List<Post> posts = load(blog, way, select(Post.class).where(POST_ID.eq(12L)), TAGS);
            assertThat(posts.get(0).tags).as(way.name()).extracting(tag -> tag.name).containsExactly("alpha", "mid", "zeta");
            List<Node> roots = load(edges, way, select(Node.class).where(NODE_ID.eq(1L)), CHILDREN);
            // ids 2, 3, 4 are c, a, b: id order is not name order
            assertThat(roots.get(0).children).as(way.name()).extracting(node -> node.name).containsExactly("a", "b", "c");
        }
    }

    @Test
    void withoutOrderByTheRowsWouldComeInIdOrder() {
        // the control for the test above: the same rows read without ORDER BY come in id order here
        List<String> names = engine.execute(dev.retort.core.sql.Sql.text("SELECT name FROM ld_nodes WHERE parent_id = 1"))
                .scalars(String.class).collectList().block();
        assertThat(names).containsExactly("c", "a", "b");
    }

    @Test
    void queriesJoinAlongAManyToManyWhoseSidesHaveKeysOfDifferentWidths() {
        log.clear();
        List<String> shops = edges.withSession(s -> s.execute(select(Shop.class).join(SUPPLIERS)
                        .where(Metamodel.<String>column(Supplier.class, "name").eq("acme")).orderBy(SHOP_REGION, SHOP_NUMBER))
                .all()).block().stream().map(shop -> shop.name).toList();
        assertThat(shops).containsExactly("Berlin", "Boston");
        assertThat(log.statements("SELECT").get(0)).endsWith(" FROM ld_shops JOIN ld_shop_suppliers"
                + " ON ld_shop_suppliers.shop_region = ld_shops.region AND ld_shop_suppliers.shop_number = ld_shops.number"
                + " JOIN ld_suppliers ON ld_suppliers.id = ld_shop_suppliers.supplier_id WHERE ld_suppliers.name = ?"
                + " ORDER BY ld_shops.region, ld_shops.number");
    }
}
