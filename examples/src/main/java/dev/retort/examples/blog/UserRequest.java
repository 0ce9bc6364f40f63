package dev.retort.examples.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /users} and {@code PUT /users/{id}}. */
public record UserRequest(
        @NotBlank @Size(min = 3, max = 30)
        @Pattern(regexp = "[a-z0-9_]*", message = "must contain only lowercase letters, digits and underscores")
        String username,
        @NotBlank @Size(max = 100) String displayName) {
}
