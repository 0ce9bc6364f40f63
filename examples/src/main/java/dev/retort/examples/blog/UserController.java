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

/** {@code /users}: create, list (paged), read, replace, delete. */
@RestController
@RequestMapping("/users")
class UserController {

    private final BlogService blog;

    UserController(BlogService blog) {
        this.blog = blog;
    }

    @PostMapping
    Mono<ResponseEntity<UserView>> create(@Valid @RequestBody UserRequest request) {
        return blog.createUser(request).map(user -> ResponseEntity.created(URI.create("/users/" + user.id())).body(user));
    }

    @GetMapping
    Mono<PageView<UserView>> list(@Valid @ModelAttribute PageParams page) {
        return blog.listUsers(page);
    }

    @GetMapping("/{id}")
    Mono<UserView> get(@PathVariable int id) {
        return blog.getUser(id);
    }

    @PutMapping("/{id}")
    Mono<UserView> update(@PathVariable int id, @Valid @RequestBody UserRequest request) {
        return blog.updateUser(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable int id) {
        return blog.deleteUser(id);
    }
}
