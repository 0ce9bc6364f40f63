package dev.retort.examples.blog;

import jakarta.validation.Validator;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Loads Hibernate Validator's message bundles at startup, on the main thread. The validator reads
 * them from its jar the first time a constraint fails, and requests are validated on Netty's event
 * loops, where that read would be a blocking call (BlockHound reports it in the tests). Validating
 * invalid values of every request type here, after the beans are created and before the server
 * listens, loads the bundles and resolves the message of every constraint the requests carry.
 * (Messages are resolved for the default locale: WebFlux validates without a request locale.)
 */
@Component
class ValidationWarmUp implements SmartInitializingSingleton {

    private final Validator validator;

    ValidationWarmUp(Validator validator) {
        this.validator = validator;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Object> invalid = List.of(
                new UserRequest("", ""),
                new UserRequest("x!", "x".repeat(101)),
                new TagRequest(""),
                new TagRequest("X!".repeat(20)),
                new PostRequest("", null, -1, List.of(-1)),
                new PostRequest("t".repeat(201), "b".repeat(20_001), null, null),
                new PageParams(-1, 0),
                new PageParams(PageParams.MAX_PAGE + 1, PageParams.MAX_SIZE + 1));
        for (Object value : invalid) {
            if (validator.validate(value).isEmpty()) {
                throw new IllegalStateException("warm-up value unexpectedly valid: " + value);
            }
        }
    }
}
