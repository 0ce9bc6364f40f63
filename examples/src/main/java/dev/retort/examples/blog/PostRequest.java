package dev.retort.examples.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /posts} and {@code PUT /posts/{id}}. {@code tagIds} is optional: when given it
 * is the post's whole set of tags (on update it replaces them), when left out an update keeps them.
 */
public record PostRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull @Size(max = 20_000) String body,
        @NotNull @Positive Integer authorId,
        @Nullable @Size(max = 20) List<@NotNull @Positive Integer> tagIds) {
}
