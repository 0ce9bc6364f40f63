package dev.retort.core.exception;

/**
 * An engine URL or option is invalid: unknown scheme, missing host, bad port, a negative pool
 * size. Raised synchronously by {@code Engine.create}. Messages never contain passwords.
 */
public class ConfigurationException extends RetortException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
