package dev.retort.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every error status of the API with its exact JSON body: 400 naming the fields, 404, 409 with the
 * message the service gives a constraint violation, 500 that hides what went wrong, and the
 * statuses WebFlux itself chooses — one shape for all.
 */
class BlogErrorsTest {

    private static BlogTestApp app;
    private static WebTestClient client;

    @BeforeAll
    static void start() {
        app = BlogTestApp.start("errors");
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

    // ---- 400 -------------------------------------------------------------------------------------------

    @Test
    void invalidBodyNamesEveryField() {
        post("/users", Map.of("username", "A!", "displayName", " "))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo("{\"status\":400,\"error\":\"Bad Request\","
                        + "\"message\":\"Validation failed: displayName, username\",\"path\":\"/users\",\"fieldErrors\":["
                        + "{\"field\":\"displayName\",\"message\":\"must not be blank\"},"
                        + "{\"field\":\"username\",\"message\":\"must contain only lowercase letters, digits and underscores\"},"
                        + "{\"field\":\"username\",\"message\":\"size must be between 3 and 30\"}]}");
        post("/posts", Map.of("body", "text", "authorId", -1, "tagIds", List.of(0)))
                .expectStatus().isBadRequest()
                .expectBody(ApiError.class).isEqualTo(new ApiError(400, "Bad Request", "Validation failed: authorId, tagIds[0], title",
                        "/posts", List.of(new ApiError.FieldError("authorId", "must be greater than 0"),
                                new ApiError.FieldError("tagIds[0]", "must be greater than 0"),
                                new ApiError.FieldError("title", "must not be blank"))));
        post("/tags", Map.of("name", "Not A Slug"))
                .expectStatus().isBadRequest()
                .expectBody(ApiError.class).isEqualTo(new ApiError(400, "Bad Request", "Validation failed: name", "/tags",
                        List.of(new ApiError.FieldError("name", "must contain only lowercase letters, digits and hyphens"))));
        assertThat(app.count("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM posts) + (SELECT COUNT(*) FROM tags)")).isZero();
    }

    @Test
    void invalidPagingNamesPageAndSize() {
        client.get().uri("/users?page=-1&size=500").exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo("{\"status\":400,\"error\":\"Bad Request\","
                        + "\"message\":\"Validation failed: page, size\",\"path\":\"/users\",\"fieldErrors\":["
                        + "{\"field\":\"page\",\"message\":\"must be greater than or equal to 0\"},"
                        + "{\"field\":\"size\",\"message\":\"must be less than or equal to 100\"}]}");
        client.get().uri("/posts?size=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody(ApiError.class).isEqualTo(new ApiError(400, "Bad Request", "Validation failed: size", "/posts",
                        List.of(new ApiError.FieldError("size", "must be greater than or equal to 1"))));
        client.get().uri("/tags?page=abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody(ApiError.class).isEqualTo(new ApiError(400, "Bad Request", "Validation failed: page", "/tags",
                        List.of(new ApiError.FieldError("page", "must be a number"))));
    }

    @Test
    void wrongTypesAndUnreadableBodies() {
        client.get().uri("/users/abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).isEqualTo("{\"status\":400,\"error\":\"Bad Request\",\"message\":\"id must be a number\","
                        + "\"path\":\"/users/abc\",\"fieldErrors\":[{\"field\":\"id\",\"message\":\"must be a number\"}]}");
        post("/posts", Map.of("title", "T", "body", "b", "authorId", "x"))
                .expectStatus().isBadRequest()
                .expectBody(ApiError.class).isEqualTo(new ApiError(400, "Bad Request", "Invalid value for authorId", "/posts",
                        List.of(new ApiError.FieldError("authorId", "has the wrong type or format"))));
        client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(ApiError.class).isEqualTo(new ApiError(400, "Bad Request", "the request body is not valid JSON", "/users", List.of()));
        client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody(ApiError.class).isEqualTo(new ApiError(400, "Bad Request", "a JSON request body is required", "/users", List.of()));
    }

    // ---- 404 -------------------------------------------------------------------------------------------

    @Test
    void missingRowsAre404() {
        client.get().uri("/users/4242").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"message\":\"user 4242 not found\","
                        + "\"path\":\"/users/4242\",\"fieldErrors\":[]}");
        client.delete().uri("/tags/7").exchange()
                .expectStatus().isNotFound()
                .expectBody(ApiError.class).isEqualTo(new ApiError(404, "Not Found", "tag 7 not found", "/tags/7", List.of()));
        client.put().uri("/posts/9").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "T", "body", "b", "authorId", 1))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody(ApiError.class).isEqualTo(new ApiError(404, "Not Found", "post 9 not found", "/posts/9", List.of()));
        int user = createUser("ada");
        int post = createPost(user, List.of());
        client.put().uri("/posts/{id}/tags/{tag}", post, 77).exchange()
                .expectStatus().isNotFound()
                .expectBody(ApiError.class).isEqualTo(new ApiError(404, "Not Found", "tag 77 not found", "/posts/" + post + "/tags/77", List.of()));
        client.get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectBody(ApiError.class).isEqualTo(new ApiError(404, "Not Found", "no endpoint GET /nowhere", "/nowhere", List.of()));
    }

    // ---- 409 -------------------------------------------------------------------------------------------

    @Test
    void duplicateUniqueValuesAre409() {
        int ada = createUser("ada");
        post("/users", Map.of("username", "ada", "displayName", "Another Ada"))
                .expectStatus().isEqualTo(409)
                .expectBody(String.class).isEqualTo("{\"status\":409,\"error\":\"Conflict\",\"message\":\"username 'ada' is already taken\","
                        + "\"path\":\"/users\",\"fieldErrors\":[]}");
        int bob = createUser("bob");
        client.put().uri("/users/{id}", bob).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "ada", "displayName", "Bob"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody(ApiError.class).isEqualTo(new ApiError(409, "Conflict", "username 'ada' is already taken", "/users/" + bob, List.of()));
        assertThat(app.count("SELECT COUNT(*) FROM users WHERE username = 'bob' AND id = " + bob)).as("rolled back").isOne();

        createTag("java");
        post("/tags", Map.of("name", "java"))
                .expectStatus().isEqualTo(409)
                .expectBody(ApiError.class).isEqualTo(new ApiError(409, "Conflict", "tag 'java' already exists", "/tags", List.of()));
        assertThat(app.count("SELECT COUNT(*) FROM users") + app.count("SELECT COUNT(*) FROM tags")).isEqualTo(3);
        assertThat(ada).isNotEqualTo(bob);
    }

    @Test
    void foreignKeyViolationsAre409() {
        int ada = createUser("ada");
        int tag = createTag("java");
        createPost(ada, List.of(tag));

        // the posts' foreign key to users, checked by the database
        client.delete().uri("/users/{id}", ada).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody(String.class).isEqualTo("{\"status\":409,\"error\":\"Conflict\",\"message\":\"user " + ada
                        + " still has posts; delete them first\",\"path\":\"/users/" + ada + "\",\"fieldErrors\":[]}");
        assertThat(app.count("SELECT COUNT(*) FROM users")).isOne();

        post("/posts", Map.of("title", "Orphan", "body", "b", "authorId", 4242, "tagIds", List.of(tag)))
                .expectStatus().isEqualTo(409)
                .expectBody(ApiError.class).isEqualTo(new ApiError(409, "Conflict", "authorId 4242 does not refer to an existing user",
                        "/posts", List.of()));
        post("/posts", Map.of("title", "Tagged", "body", "b", "authorId", ada, "tagIds", List.of(tag, 98, 99)))
                .expectStatus().isEqualTo(409)
                .expectBody(ApiError.class).isEqualTo(new ApiError(409, "Conflict", "tags 98, 99 do not exist", "/posts", List.of()));
        // nothing of the failed requests was written: one post, one link
        assertThat(app.count("SELECT COUNT(*) FROM posts")).isOne();
        assertThat(app.count("SELECT COUNT(*) FROM post_tags")).isOne();
    }

    // ---- 500 and the rest ---------------------------------------------------------------------------------

    @Test
    void unexpectedErrorsAre500WithoutInternals() {
        createTag("java");
        app.sql("RENAME TABLE tags TO tags_elsewhere");
        try {
            String body = client.get().uri("/tags").exchange()
                    .expectStatus().isEqualTo(500)
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).matches("\\{\"status\":500,\"error\":\"Internal Server Error\","
                    + "\"message\":\"an unexpected error occurred \\(reference [0-9a-f-]{36}\\)\",\"path\":\"/tags\",\"fieldErrors\":\\[]}");
            assertThat(body).doesNotContainIgnoringCase("select").doesNotContain("tags_elsewhere").doesNotContain("Exception")
                    .doesNotContain("retort").doesNotContain(app.database);
        } finally {
            app.sql("RENAME TABLE tags_elsewhere TO tags");
        }
        client.get().uri("/tags").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).startsWith("{\"items\":["));
    }

    @Test
    void frameworkStatusesKeepTheShape() {
        client.patch().uri("/users/1").exchange()
                .expectStatus().isEqualTo(405)
                .expectBody(ApiError.class).isEqualTo(new ApiError(405, "Method Not Allowed", "Request method 'PATCH' is not supported.",
                        "/users/1", List.of()));
        client.post().uri("/users").contentType(MediaType.TEXT_PLAIN).bodyValue("ada")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody(ApiError.class).isEqualTo(new ApiError(415, "Unsupported Media Type",
                        "Content-Type 'text/plain' is not supported; send application/json", "/users", List.of()));
    }

    private static WebTestClient.ResponseSpec post(String uri, Object body) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static int createUser(String username) {
        return BlogRequests.createUser(client, username);
    }

    private static int createTag(String name) {
        return BlogRequests.createTag(client, name);
    }

    private static int createPost(int authorId, List<Integer> tagIds) {
        return BlogRequests.createPost(client, "Title", authorId, tagIds);
    }
}
