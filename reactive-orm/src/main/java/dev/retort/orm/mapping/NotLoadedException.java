package dev.retort.orm.mapping;

import dev.retort.core.exception.InvalidRequestException;

/**
 * A relationship was read (or an unloaded collection changed) before anything loaded it. Nothing
 * loads on access in Retort; the message names the attribute and the ways to load it.
 */
public class NotLoadedException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public NotLoadedException(String message) {
        super(message);
    }
}
