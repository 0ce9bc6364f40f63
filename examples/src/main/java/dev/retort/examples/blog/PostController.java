package dev.retort.examples.blog;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.Arrays;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /posts}: create, list (paged), read, replace, delete; {@code PUT}/{@code DELETE
 * /posts/{id}/tags/{tagId}} tag and untag; {@code GET /posts/stream} every post as NDJSON, one line
 * per post, written as the database delivers them.
 */
@RestController
@RequestMapping("/posts")
class PostController {

    private final BlogService blog;
    private final JsonMapper json;

    PostController(BlogService blog, JsonMapper json) {
        this.blog = blog;
        this.json = json;
    }

    @PostMapping
    Mono<ResponseEntity<PostView>> create(@Valid @RequestBody PostRequest request) {
        return blog.createPost(request).map(post -> ResponseEntity.created(URI.create("/posts/" + post.id())).body(post));
    }

    @GetMapping
    Mono<PageView<PostView>> list(@Valid @ModelAttribute PageParams page) {
        return blog.listPosts(page);
    }

    /**
     * One JSON object per line; the server reads from the database only as fast as the client reads
     * the response, and writes what it has whenever the database pauses.
     *
     * <p>The lines are encoded here, into heap buffers, rather than by returning {@code Flux<PostView>}:
     * for a streaming media type Spring wraps each encoded line in a {@code Mono.just(buffer)} and
     * Reactor Netty's {@code sendGroups} prefetches 32 of those into a {@code concatMap} queue. When
     * the client goes away mid-stream the queue is discarded as publishers, not as buffers, so up to
     * 32 pooled direct buffers are never released (the pattern of spring-framework#22107; seen as
     * Netty leak reports in {@code BlogStreamTest}). A {@code Flux<DataBuffer>} is written with
     * {@code send}, whose queue releases what it discards, and a heap buffer the framework loses
     * would cost only garbage.
     */
    @GetMapping(path = "/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<DataBuffer> stream() {
        return blog.streamPosts().map(this::line);
    }

    private DataBuffer line(PostView post) {
        byte[] value = json.writeValueAsBytes(post);
        byte[] line = Arrays.copyOf(value, value.length + 1);
        line[value.length] = '\n';
        return DefaultDataBufferFactory.sharedInstance.wrap(line);
    }

    @GetMapping("/{id}")
    Mono<PostView> get(@PathVariable int id) {
        return blog.getPost(id);
    }

    @PutMapping("/{id}")
    Mono<PostView> update(@PathVariable int id, @Valid @RequestBody PostRequest request) {
        return blog.updatePost(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable int id) {
        return blog.deletePost(id);
    }

    @PutMapping("/{id}/tags/{tagId}")
    Mono<PostView> tag(@PathVariable int id, @PathVariable int tagId) {
        return blog.tagPost(id, tagId);
    }

    @DeleteMapping("/{id}/tags/{tagId}")
    Mono<PostView> untag(@PathVariable int id, @PathVariable int tagId) {
        return blog.untagPost(id, tagId);
    }
}
