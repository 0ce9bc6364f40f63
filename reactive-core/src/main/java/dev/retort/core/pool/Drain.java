package dev.retort.core.pool;

import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Waiting, without blocking, for a disposed pool's last connection to close. */
final class Drain {

    private static final Duration CHECK_EVERY = Duration.ofMillis(10);

    private Drain() {
    }

    /** Completes once {@code source} reports no open connection, checking every 10 ms. */
    static Mono<Void> whenEmpty(ConnectionSource source) {
        return Flux.interval(Duration.ZERO, CHECK_EVERY)
                .filter(tick -> source.status().size() == 0)
                .next()
                .then();
    }
}
