package dev.retort.core.exception;

/** {@code Result.one()} or {@code Result.oneOrNone()} found more than one row. */
public class MultipleResultsFoundException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public MultipleResultsFoundException(String message) {
        super(message);
    }
}
