package dev.retort.core.exception;

import java.time.Duration;

/**
 * No connection could be checked out of the pool within the engine's {@code poolTimeout}. The
 * message names the pool's size, how many connections were checked out and how long the caller
 * waited, so an exhausted pool can be told apart from a slow server.
 */
public class PoolTimeoutException extends RetortException {

    private static final long serialVersionUID = 1L;

    private final Duration waited;

    public PoolTimeoutException(String message, Duration waited, Throwable cause) {
        super(message, cause);
        this.waited = waited;
    }

    /** How long the caller waited before giving up. */
    public Duration waited() {
        return waited;
    }
}
