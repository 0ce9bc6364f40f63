package dev.retort.examples.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /tags} and {@code PUT /tags/{id}}. */
public record TagRequest(
        @NotBlank @Size(max = 30)
        @Pattern(regexp = "[a-z0-9-]*", message = "must contain only lowercase letters, digits and hyphens")
        String name) {
}
