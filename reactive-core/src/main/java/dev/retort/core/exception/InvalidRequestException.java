package dev.retort.core.exception;

/**
 * The API was used the wrong way: a missing bind value, a connection used after release, a
 * transaction committed twice. Raised at call time where the mistake can be seen then, otherwise
 * as the error signal of the publisher that detected it. The message names the mistake.
 */
public class InvalidRequestException extends RetortException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
