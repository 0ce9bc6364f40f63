package dev.retort.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Create, read, update and delete of each resource through HTTP, against the real database, with
 * the exact JSON bodies and what the database holds afterwards; tag and untag; paging.
 */
class BlogCrudTest {

    private static BlogTestApp app;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        app = BlogTestApp.start("crud");
        client = app.client;
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void clean() throws InterruptedException {
        app.afterTest();
    }

    @Test
    void usersCrud() {
        int id = client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "ada", "displayName", "Ada Lovelace"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(UserView.class).returnResult().getResponseBody().id();
        assertThat(app.count("SELECT COUNT(*) FROM users WHERE id = " + id + " AND username = 'ada' AND display_name = 'Ada Lovelace'"))
                .isOne();

        client.get().uri("/users/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"id\":" + id + ",\"username\":\"ada\",\"displayName\":\"Ada Lovelace\"}");

        client.put().uri("/users/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "ada_l", "displayName", "Augusta Ada King"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"id\":" + id + ",\"username\":\"ada_l\",\"displayName\":\"Augusta Ada King\"}");
        client.get().uri("/users/{id}", id).exchange()
                .expectBody(String.class).isEqualTo("{\"id\":" + id + ",\"username\":\"ada_l\",\"displayName\":\"Augusta Ada King\"}");

        client.delete().uri("/users/{id}", id).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();
        assertThat(app.count("SELECT COUNT(*) FROM users")).isZero();
        client.get().uri("/users/{id}", id).exchange().expectStatus().isNotFound()
                .expectBody(ApiError.class).value(error -> assertThat(error.status()).isEqualTo(404));
    }

    @Test
    void createdUserHasLocation() {
        client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "grace", "displayName", "Grace Hopper"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "/users/\\d+")
                // read the body: WebTestClient leaves one nobody reads in the connection, unreleased
                .expectBody(UserView.class).value(user -> assertThat(user.username()).isEqualTo("grace"));
    }

    @Test
    void tagsCrud() {
        TagView tag = client.post().uri("/tags").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "math"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/tags/" + lastId("tags"))
                .expectBody(TagView.class).returnResult().getResponseBody();
        assertThat(tag.name()).isEqualTo("math");

        client.get().uri("/tags/{id}", tag.id()).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"id\":" + tag.id() + ",\"name\":\"math\"}");
        client.put().uri("/tags/{id}", tag.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "mathematics"))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"id\":" + tag.id() + ",\"name\":\"mathematics\"}");
        assertThat(app.count("SELECT COUNT(*) FROM tags WHERE name = 'mathematics'")).isOne();

        client.delete().uri("/tags/{id}", tag.id()).exchange().expectStatus().isNoContent()
                .expectBody().isEmpty();
        assertThat(app.count("SELECT COUNT(*) FROM tags")).isZero();
        client.get().uri("/tags/{id}", tag.id()).exchange().expectStatus().isNotFound()
                .expectBody(ApiError.class).value(error -> assertThat(error.status()).isEqualTo(404));
    }

    @Test
    void postsCrudWithAuthorAndTags() {
        int ada = createUser("ada", "Ada");
        int bob = createUser("bob", "Bob");
        int math = createTag("math");
        int history = createTag("history");
        int poetry = createTag("poetry");

        PostView created = client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Notes", "body", "On the analytical engine", "authorId", ada, "tagIds", List.of(math, history)))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(PostView.class).returnResult().getResponseBody();
        int id = created.id();
        Instant createdAt = created.createdAt();
        assertThat(createdAt).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));
        // tags by name, as the relationship's orderBy says
        String expected = "{\"id\":" + id + ",\"title\":\"Notes\",\"body\":\"On the analytical engine\","
                + "\"author\":{\"id\":" + ada + ",\"username\":\"ada\",\"displayName\":\"Ada\"},"
                + "\"tags\":[{\"id\":" + history + ",\"name\":\"history\"},{\"id\":" + math + ",\"name\":\"math\"}],"
                + "\"createdAt\":\"" + createdAt + "\"}";
        client.get().uri("/posts/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(expected);
        assertThat(app.count("SELECT COUNT(*) FROM post_tags WHERE post_id = " + id)).isEqualTo(2);

        // replace everything: new author, tags {poetry} only
        client.put().uri("/posts/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Notes, revised", "body", "Second thoughts", "authorId", bob, "tagIds", List.of(poetry)))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"id\":" + id + ",\"title\":\"Notes, revised\",\"body\":\"Second thoughts\","
                        + "\"author\":{\"id\":" + bob + ",\"username\":\"bob\",\"displayName\":\"Bob\"},"
                        + "\"tags\":[{\"id\":" + poetry + ",\"name\":\"poetry\"}],\"createdAt\":\"" + createdAt + "\"}");
        assertThat(app.count("SELECT COUNT(*) FROM posts WHERE id = " + id + " AND author_id = " + bob + " AND title = 'Notes, revised'")).isOne();
        assertThat(app.count("SELECT COUNT(*) FROM post_tags WHERE post_id = " + id)).isOne();

        // without tagIds an update keeps the tags
        client.put().uri("/posts/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Notes", "body", "Third thoughts", "authorId", bob))
                .exchange()
                .expectStatus().isOk()
                .expectBody(PostView.class).value(post -> assertThat(post.tags()).containsExactly(new TagView(poetry, "poetry")));

        client.delete().uri("/posts/{id}", id).exchange().expectStatus().isNoContent()
                .expectBody().isEmpty();
        assertThat(app.count("SELECT COUNT(*) FROM posts")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM post_tags")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM tags")).isEqualTo(3);
        client.get().uri("/posts/{id}", id).exchange().expectStatus().isNotFound()
                .expectBody(ApiError.class).value(error -> assertThat(error.status()).isEqualTo(404));
    }

    @Test
    void tagAndUntagAPost() {
        int ada = createUser("ada", "Ada");
        int math = createTag("math");
        int art = createTag("art");
        int id = createPost("Notes", ada, List.of());

        client.put().uri("/posts/{id}/tags/{tag}", id, math).exchange()
                .expectStatus().isOk()
                .expectBody(PostView.class).value(post -> assertThat(post.tags()).containsExactly(new TagView(math, "math")));
        client.put().uri("/posts/{id}/tags/{tag}", id, art).exchange()
                .expectStatus().isOk()
                .expectBody(PostView.class).value(post -> assertThat(post.tags())
                        .containsExactly(new TagView(art, "art"), new TagView(math, "math")));
        // tagging twice changes nothing
        client.put().uri("/posts/{id}/tags/{tag}", id, art).exchange()
                .expectStatus().isOk()
                .expectBody(PostView.class).value(post -> assertThat(post.tags()).hasSize(2));
        assertThat(app.count("SELECT COUNT(*) FROM post_tags WHERE post_id = " + id)).isEqualTo(2);

        client.delete().uri("/posts/{id}/tags/{tag}", id, math).exchange()
                .expectStatus().isOk()
                .expectBody(PostView.class).value(post -> assertThat(post.tags()).containsExactly(new TagView(art, "art")));
        assertThat(app.count("SELECT COUNT(*) FROM post_tags WHERE post_id = " + id + " AND tag_id = " + art)).isOne();
        assertThat(app.count("SELECT COUNT(*) FROM post_tags")).isOne();

        // deleting a tag takes it off its posts (ON DELETE CASCADE of post_tags)
        client.delete().uri("/tags/{id}", art).exchange().expectStatus().isNoContent()
                .expectBody().isEmpty();
        client.get().uri("/posts/{id}", id).exchange()
                .expectBody(PostView.class).value(post -> assertThat(post.tags()).isEmpty());
        assertThat(app.count("SELECT COUNT(*) FROM post_tags")).isZero();
    }

    @Test
    void listsArePagedInKeyOrder() {
        for (int i = 1; i <= 45; i++) {
            createUser("user_%02d".formatted(i), "User " + i);
        }
        long first = app.count("SELECT MIN(id) FROM users");

        PageView<?> defaults = client.get().uri("/users").exchange()
                .expectStatus().isOk()
                .expectBody(PageView.class).returnResult().getResponseBody();
        assertThat(defaults.page()).isZero();
        assertThat(defaults.size()).isEqualTo(20);
        assertThat(defaults.totalItems()).isEqualTo(45);
        assertThat(defaults.totalPages()).isEqualTo(3);
        assertThat(defaults.items()).hasSize(20);

        client.get().uri("/users?page=2&size=20").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"items\":["
                        + userJson(first + 40, 41) + "," + userJson(first + 41, 42) + "," + userJson(first + 42, 43) + ","
                        + userJson(first + 43, 44) + "," + userJson(first + 44, 45)
                        + "],\"page\":2,\"size\":20,\"totalItems\":45,\"totalPages\":3}");
        client.get().uri("/users?page=1&size=2").exchange()
                .expectBody(String.class).isEqualTo("{\"items\":[" + userJson(first + 2, 3) + "," + userJson(first + 3, 4)
                        + "],\"page\":1,\"size\":2,\"totalItems\":45,\"totalPages\":23}");
        client.get().uri("/users?page=9&size=100").exchange()
                .expectBody(String.class).isEqualTo("{\"items\":[],\"page\":9,\"size\":100,\"totalItems\":45,\"totalPages\":1}");

        // tags are listed by name, posts by key, with author and tags
        createTag("zebra");
        createTag("apple");
        client.get().uri("/tags?size=1").exchange()
                .expectBody(PageView.class).value(page -> {
                    assertThat(page.items()).containsExactly(Map.of("id", (int) lastId("tags"), "name", "apple"));
                    assertThat(page.totalItems()).isEqualTo(2);
                });
        int author = (int) first;
        int p1 = createPost("One", author, List.of());
        int p2 = createPost("Two", author, List.of());
        createPost("Three", author, List.of());
        client.get().uri("/posts?page=0&size=2").exchange()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<PageView<PostView>>() { })
                .value(page -> {
                    assertThat(page.items()).extracting(PostView::id).containsExactly(p1, p2);
                    assertThat(page.items()).extracting(post -> post.author().username()).containsOnly("user_01");
                    assertThat(page.totalItems()).isEqualTo(3);
                    assertThat(page.totalPages()).isEqualTo(2);
                });
    }

    private static String userJson(long id, int n) {
        return "{\"id\":" + id + ",\"username\":\"user_%02d\",\"displayName\":\"User %d\"}".formatted(n, n);
    }

    private static long lastId(String table) {
        return app.count("SELECT COALESCE(MAX(id), 0) FROM " + table);
    }

    private static int createUser(String username, String displayName) {
        return BlogRequests.createUser(client, username, displayName);
    }

    private static int createTag(String name) {
        return BlogRequests.createTag(client, name);
    }

    private static int createPost(String title, int authorId, List<Integer> tagIds) {
        return BlogRequests.createPost(client, title, authorId, tagIds);
    }
}
