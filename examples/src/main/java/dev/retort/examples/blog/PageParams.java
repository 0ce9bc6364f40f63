package dev.retort.examples.blog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/**
 * {@code ?page=&size=} of the list endpoints: page from 0 (default 0, at most 100,000), size 1 to
 * 100 (default 20). Bound from the query string and validated like a body, so a bad value is a 400
 * naming {@code page} or {@code size}.
 */
public record PageParams(
        @Min(0) @Max(MAX_PAGE) Integer page,
        @Min(1) @Max(MAX_SIZE) Integer size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 100_000;

    public PageParams(@Nullable Integer page, @Nullable Integer size) {
        this.page = page == null ? 0 : page;
        this.size = size == null ? DEFAULT_SIZE : size;
    }

    /** Rows to skip. */
    int offset() {
        return page * size;
    }
}
