package dev.retort.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.pool.PoolStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * 200 requests at once, reads and writes mixed, through a client that opens a connection for each:
 * every one succeeds (the application's 15 database connections are shared through the pool's
 * queue), the data is what they wrote, and afterwards no connection is checked out.
 */
class BlogConcurrencyTest {

    static final int REQUESTS = 200;

    private static BlogTestApp app;

    @BeforeAll
    static void start() {
        app = BlogTestApp.start("concurrency");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Outcome(int request, String what, int status, String body) {
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoHundredConcurrentMixedRequestsAllSucceed() throws InterruptedException {
        List<Integer> users = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        List<Integer> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(BlogRequests.createUser(app.client, "author_" + i));
            tags.add(BlogRequests.createTag(app.client, "topic-" + i));
        }
        for (int i = 0; i < 20; i++) {
            posts.add(BlogRequests.createPost(app.client, "Seed " + i, users.get(i % 10), List.of()));
        }

        ConnectionProvider connections = ConnectionProvider.builder("blog-concurrency")
                .maxConnections(REQUESTS).pendingAcquireMaxCount(-1).build();
        WebClient web = WebClient.builder().baseUrl(app.baseUrl())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        AtomicInteger maxCheckedOut = new AtomicInteger();
        AtomicInteger maxPending = new AtomicInteger();
        var sampler = Flux.interval(Duration.ofMillis(2)).subscribe(tick -> {
            PoolStatus status = app.engine.poolStatus();
            maxCheckedOut.accumulateAndGet(status.checkedOut(), Math::max);
            maxPending.accumulateAndGet(status.pending(), Math::max);
        });
        List<Outcome> outcomes;
        try {
            outcomes = Flux.range(0, REQUESTS)
                    .flatMap(i -> request(web, i, users, tags, posts).subscribeOn(Schedulers.parallel()), REQUESTS)
                    .collectList()
                    .block(Duration.ofMinutes(2));
        } finally {
            sampler.dispose();
            connections.disposeLater().block(Duration.ofSeconds(10));
        }

        assertThat(outcomes).hasSize(REQUESTS);
        assertThat(outcomes).as("requests that did not succeed").filteredOn(outcome -> outcome.status() / 100 != 2).isEmpty();
        PoolStatus after = app.awaitPoolIdle(Duration.ofSeconds(5));
        assertThat(after.checkedOut()).as("after the burst: %s", after).isZero();
        assertThat(after.pending()).isZero();
        System.out.printf("%d concurrent requests: at most %d connections checked out and %d callers waiting for one%n",
                REQUESTS, maxCheckedOut.get(), maxPending.get());
        assertThat(maxCheckedOut.get()).as("requests shared the pool at the same time").isGreaterThan(1);

        // what the writes wrote: 40 posts with one tag each, 40 tag links on seed posts, 40 users
        assertThat(app.count("SELECT COUNT(*) FROM posts")).isEqualTo(20 + 40);
        assertThat(app.count("SELECT COUNT(*) FROM post_tags")).isEqualTo(40 + 40);
        assertThat(app.count("SELECT COUNT(*) FROM users")).isEqualTo(10 + 40);
        assertThat(app.count("SELECT COUNT(*) FROM posts p JOIN post_tags pt ON pt.post_id = p.id WHERE p.title LIKE 'Seed %'"))
                .isEqualTo(40);
    }

    /** Request {@code i}: by {@code i % 5} a new post, a tag on a seed post, a page of posts, a user, a new user. */
    private static Mono<Outcome> request(WebClient web, int i, List<Integer> users, List<Integer> tags, List<Integer> posts) {
        int j = i / 5; // 0..39: distinct (post, tag) pairs for the tagging requests
        return switch (i % 5) {
            case 0 -> exchange(i, "create post", web.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("title", "Burst " + i, "body", "Written concurrently", "authorId", users.get(j % 10),
                            "tagIds", List.of(tags.get(j % 10)))));
            case 1 -> exchange(i, "tag post", web.put().uri("/posts/{id}/tags/{tag}", posts.get(j % 20), tags.get(j / 20)));
            case 2 -> exchange(i, "list posts", web.get().uri("/posts?page={page}&size=10", j % 3));
            case 3 -> exchange(i, "get user", web.get().uri("/users/{id}", users.get(j % 10)));
            default -> exchange(i, "create user", web.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "burst_" + i, "displayName", "Burst " + i)));
        };
    }

    private static Mono<Outcome> exchange(int i, String what, WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> new Outcome(i, what, response.statusCode().value(), body)));
    }
}
