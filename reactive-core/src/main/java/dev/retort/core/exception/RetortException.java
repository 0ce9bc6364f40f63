package dev.retort.core.exception;

/**
 * Root of every exception Retort raises. Unchecked, like every error that travels through a
 * Reactor {@code onError} signal.
 */
public class RetortException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RetortException(String message) {
        super(message);
    }

    public RetortException(String message, Throwable cause) {
        super(message, cause);
    }
}
