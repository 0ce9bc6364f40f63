package dev.retort.examples.blog;

import jakarta.validation.Valid;
import java.net.URI;
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

/**
 * {@code /posts}: create, list (paged), read, replace, delete; {@code PUT}/{@code DELETE
 * /posts/{id}/tags/{tagId}} tag and untag; {@code GET /posts/stream} every post as NDJSON, one line
 * per post, written as the database delivers them.
 */
@RestController
@RequestMapping("/posts")
class PostController {

    private final BlogService blog;

    PostController(BlogService blog) {
        this.blog = blog;
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
     * One JSON object per line, flushed per post; the server reads from the database only as fast as
     * the client reads the response.
     */
    @GetMapping(path = "/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<PostView> stream() {
        return blog.streamPosts();
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
