package dev.retort.examples.blog;

/** A tag as the API returns it. */
public record TagView(int id, String name) {

    static TagView of(Tag tag) {
        return new TagView(tag.id, tag.name);
    }
}
