package dev.retort.examples.blog;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A post with its author and its tags (by name, as the relationship's {@code orderBy} loads them; a
 * collection changed in memory keeps its own order until reloaded, so the view sorts), as the API
 * returns it; built while both are loaded.
 */
public record PostView(int id, String title, String body, UserView author, List<TagView> tags, Instant createdAt) {

    private static final Comparator<TagView> BY_NAME = Comparator.comparing(TagView::name).thenComparing(TagView::id);

    /** Reads {@code post.author} and {@code post.tags}: both must be loaded (else {@code NotLoadedException}). */
    static PostView of(Post post) {
        return new PostView(post.id, post.title, post.body, UserView.of(post.author.get()),
                post.tags.stream().map(TagView::of).sorted(BY_NAME).toList(), post.createdAt);
    }
}
