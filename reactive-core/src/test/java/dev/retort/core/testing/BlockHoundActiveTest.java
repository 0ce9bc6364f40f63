package dev.retort.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves BlockHound is active in tests without any extension on the class: it is installed by the
 * {@code blockhound-junit-platform} launcher listener (and again, idempotently, by
 * {@link DatabaseExtension}).
 */
class BlockHoundActiveTest {

    @Test
    void sleepingOnTheParallelSchedulerFails() {
        StepVerifier.create(sleepOn(Schedulers.parallel()))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("java.lang.Thread.sleep"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void sleepingOnBoundedElasticIsAllowed() {
        StepVerifier.create(sleepOn(Schedulers.boundedElastic()))
                .verifyComplete();
    }

    private static Mono<Void> sleepOn(Scheduler scheduler) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).subscribeOn(scheduler);
    }
}
