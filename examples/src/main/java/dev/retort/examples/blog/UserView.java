package dev.retort.examples.blog;

/** A user as the API returns it. */
public record UserView(int id, String username, String displayName) {

    static UserView of(User user) {
        return new UserView(user.id, user.username, user.displayName);
    }
}
