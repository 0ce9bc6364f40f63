package dev.retort.examples.blog;

/** A resource named in the request does not exist: 404. */
final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
        super(message, null, false, false);
    }
}
