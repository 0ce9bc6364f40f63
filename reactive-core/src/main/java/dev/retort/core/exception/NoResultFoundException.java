package dev.retort.core.exception;

/** {@code Result.one()} or {@code Result.scalarOne()} found no row. */
public class NoResultFoundException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public NoResultFoundException(String message) {
        super(message);
    }
}
