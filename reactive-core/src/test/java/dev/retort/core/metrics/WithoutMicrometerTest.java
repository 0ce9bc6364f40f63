package dev.retort.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.core.engine.Engine;
import dev.retort.core.testing.DatabaseTest;
import dev.retort.core.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: only {@code dev.retort.core.metrics} may use it, and an
 * application without it on the class path runs the engine.
 */
@DatabaseTest
class WithoutMicrometerTest {

    private static final byte[] MICROMETER = "io/micrometer/".getBytes(StandardCharsets.US_ASCII);

    private final TestDatabase db;

    WithoutMicrometerTest(TestDatabase db) {
        this.db = db;
    }

    /** Every main class of reactive-core, by its path under the classes directory. */
    private static List<Path> mainClasses() throws IOException {
        Path classes;
        try {
            classes = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(classes).isDirectory();
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class")).toList();
        }
    }

    /** Whether a class file names a Micrometer type anywhere in its constant pool (class, field or method descriptors). */
    private static boolean referencesMicrometer(Path classFile) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i <= bytes.length - MICROMETER.length; i++) {
                for (int j = 0; j < MICROMETER.length; j++) {
                    if (bytes[i + j] != MICROMETER[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void onlyTheMetricsPackageReferencesMicrometer() throws IOException {
        List<Path> classes = mainClasses();
        String metricsPackage = "dev" + File.separator + "retort" + File.separator + "core" + File.separator + "metrics"
                + File.separator;
        List<Path> users = classes.stream().filter(WithoutMicrometerTest::referencesMicrometer).toList();
        assertThat(users).isNotEmpty() // the scan finds what it looks for
                .allSatisfy(user -> assertThat(user.toString()).contains(metricsPackage));
        assertThat(users).anySatisfy(user -> assertThat(user.getFileName().toString()).isEqualTo("RetortMetrics.class"));
        assertThat(classes).hasSizeGreaterThan(100);
    }

    @Test
    void theEngineRunsWithoutMicrometerOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : testClassPath()) {
            String path = entry.replace(File.separatorChar, '/');
            if (!path.contains("/io/micrometer/") && !isNettyNative(path)) {
                urls.add(toUrl(entry));
            }
        }
        // parent: the platform loader, so nothing of the test's own class path leaks in
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, isolated))
                    .isInstanceOf(ClassNotFoundException.class);

            Class<?> engineType = Class.forName("dev.retort.core.engine.Engine", true, isolated);
            assertThat(engineType).isNotSameAs(Engine.class);
            Class<?> executable = Class.forName("dev.retort.core.sql.Executable", true, isolated);
            Class<?> resultType = Class.forName("dev.retort.core.result.Result", true, isolated);
            Class<?> monoType = Class.forName("reactor.core.publisher.Mono", true, isolated);
            Object engine = engineType.getMethod("create", String.class).invoke(null, db.url());
            try {
                Object statement = Class.forName("dev.retort.core.sql.Sql", true, isolated)
                        .getMethod("text", String.class).invoke(null, "SELECT 41 + 1");
                Object result = engineType.getMethod("execute", executable).invoke(engine, statement);
                Object mono = resultType.getMethod("scalar", Class.class).invoke(result, Long.class);
                Object answer = block(monoType, mono);
                assertThat(answer).isEqualTo(42L);
            } finally {
                block(monoType, engineType.getMethod("dispose").invoke(engine));
                // stop the isolated copies' threads before the loader closes under them
                block(monoType, Class.forName("reactor.netty.tcp.TcpResources", true, isolated)
                        .getMethod("disposeLoopsAndConnectionsLater", Duration.class, Duration.class)
                        .invoke(null, Duration.ZERO, Duration.ofSeconds(5)));
                Class.forName("reactor.core.scheduler.Schedulers", true, isolated).getMethod("shutdownNow").invoke(null);
            }

            // the binder itself needs Micrometer, and says so only when used
            Class<?> metrics = Class.forName("dev.retort.core.metrics.RetortMetrics", false, isolated);
            assertThatThrownBy(() -> metrics.getMethods()).isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("io/micrometer");
        }
    }

    private static Object block(Class<?> monoType, Object mono) throws ReflectiveOperationException {
        Method block = monoType.getMethod("block", Duration.class);
        try {
            return block.invoke(mono, Duration.ofSeconds(30));
        } catch (InvocationTargetException e) {
            throw new AssertionError("the isolated engine failed", e.getCause());
        }
    }

    /** The forked test JVM's class path as surefire gives it. */
    private static List<String> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = List.of(path.split(File.pathSeparator));
        assertThat(entries).anySatisfy(entry -> assertThat(entry).contains("micrometer-core"));
        return entries;
    }

    /**
     * Netty's native transports (epoll and friends) stay out of the isolated loader: a second copy
     * of a JNI library in one JVM broke the test JVM's own epoll sockets afterwards
     * ({@code UnsatisfiedLinkError} in every later test). Reactor Netty then uses NIO.
     */
    private static boolean isNettyNative(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        // unix-common holds only Java classes (its native half is inside the epoll library) and is needed
        return file.startsWith("netty-") && !file.startsWith("netty-transport-native-unix-common")
                && (file.contains("-native-") || file.contains("-classes-") || file.startsWith("netty-tcnative"));
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
