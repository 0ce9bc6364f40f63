package dev.retort.examples.blog;

/**
 * The request conflicts with the data: a unique value taken, a reference to a row that does not
 * exist, a row still referenced. 409 with this message. The service raises it from the
 * {@code IntegrityException} the database's constraint produced, adding what the request was about.
 */
final class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
