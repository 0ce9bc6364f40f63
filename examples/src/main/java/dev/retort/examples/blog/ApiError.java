package dev.retort.examples.blog;

import java.util.List;

/**
 * The body of every error response: the HTTP status and its reason phrase, a message meant for the
 * client, the request path, and, for validation errors, one entry per offending field (empty
 * otherwise).
 */
public record ApiError(int status, String error, String message, String path, List<FieldError> fieldErrors) {

    /** A field (body property, query parameter or path variable) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
