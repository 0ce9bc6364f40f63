package dev.retort.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.core.testing.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The examples' tests run under the same watch as the library's: BlockHound (installed by the
 * {@code blockhound-junit-platform} listener) and reactive-core's {@link LeakCheck} after every
 * class, applied through JUnit's extension auto-detection.
 */
class TestHarnessTest {

    @Test
    void blockingOnANonBlockingThreadFails() {
        Throwable error = Mono.fromRunnable(() -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .subscribeOn(Schedulers.parallel())
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(10));
        assertThat(error).isInstanceOf(BlockingOperationError.class).hasMessageContaining("java.lang.Thread.sleep");
    }

    @Test
    void everyClassIsCheckedForLeakedBuffers() throws IOException {
        Properties junit = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("junit-platform.properties")) {
            assertThat(in).as("junit-platform.properties on the test class path").isNotNull();
            junit.load(in);
        }
        assertThat(junit.getProperty("junit.jupiter.extensions.autodetection.enabled")).isEqualTo("true");
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .as("auto-detected extensions").contains(LeakCheck.class);
    }
}
