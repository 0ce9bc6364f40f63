package dev.retort.examples.blog;

import java.util.List;

/** One page of a list endpoint. */
public record PageView<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    static <T> PageView<T> of(List<T> items, PageParams params, long totalItems) {
        return new PageView<>(items, params.page(), params.size(), totalItems, (totalItems + params.size() - 1) / params.size());
    }
}
