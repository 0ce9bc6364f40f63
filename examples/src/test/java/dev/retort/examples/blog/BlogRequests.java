package dev.retort.examples.blog;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Set-up requests the tests share: each must succeed (201) and returns the new row's id. */
final class BlogRequests {

    private BlogRequests() {
    }

    static int createUser(WebTestClient client, String username) {
        return createUser(client, username, username.toUpperCase());
    }

    static int createUser(WebTestClient client, String username, String displayName) {
        return client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "displayName", displayName))
                .exchange().expectStatus().isCreated()
                .expectBody(UserView.class).returnResult().getResponseBody().id();
    }

    static int createTag(WebTestClient client, String name) {
        return client.post().uri("/tags").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name))
                .exchange().expectStatus().isCreated()
                .expectBody(TagView.class).returnResult().getResponseBody().id();
    }

    static int createPost(WebTestClient client, String title, int authorId, List<Integer> tagIds) {
        return client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", title, "body", "Body of " + title, "authorId", authorId, "tagIds", tagIds))
                .exchange().expectStatus().isCreated()
                .expectBody(PostView.class).returnResult().getResponseBody().id();
    }
}
