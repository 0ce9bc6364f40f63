package dev.retort.examples.blog;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
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
import reactor.core.publisher.Mono;

/** {@code /tags}: create, list (paged, by name), read, rename, delete. */
@RestController
@RequestMapping("/tags")
class TagController {

    private final BlogService blog;

    TagController(BlogService blog) {
        this.blog = blog;
    }

    @PostMapping
    Mono<ResponseEntity<TagView>> create(@Valid @RequestBody TagRequest request) {
        return blog.createTag(request).map(tag -> ResponseEntity.created(URI.create("/tags/" + tag.id())).body(tag));
    }

    @GetMapping
    Mono<PageView<TagView>> list(@Valid @ModelAttribute PageParams page) {
        return blog.listTags(page);
    }

    @GetMapping("/{id}")
    Mono<TagView> get(@PathVariable int id) {
        return blog.getTag(id);
    }

    @PutMapping("/{id}")
    Mono<TagView> update(@PathVariable int id, @Valid @RequestBody TagRequest request) {
        return blog.updateTag(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable int id) {
        return blog.deleteTag(id);
    }
}
