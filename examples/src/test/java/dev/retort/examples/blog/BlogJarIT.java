package dev.retort.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's command on the shaded jar, after {@code package} (run by failsafe): {@code java -jar
 * retort-examples.jar blog} with no database given starts Spring Boot from the flat jar on an
 * embedded MariaDB, on the port named by {@code PORT}, answers requests, and stops on SIGTERM.
 */
class BlogJarIT {

    private static final Pattern READY = Pattern.compile("Blog API ready on http://localhost:(\\d+)");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theBlogCommandServesFromTheShadedJar() throws Exception {
        Path jar = Path.of(System.getProperty("blog.jar", "target/retort-examples.jar"));
        assertThat(jar).exists();
        int port = freePort();
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "blog").redirectErrorStream(true);
        command.environment().remove("RETORT_URL");
        command.environment().put("PORT", String.valueOf(port));
        Process process = command.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the process ended before it was ready"));
        }, "blog-jar-output");
        reader.start();
        try {
            int served = ready.get(180, TimeUnit.SECONDS);
            assertThat(served).as("port from PORT").isEqualTo(port);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://localhost:" + port;
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ada\",\"displayName\":\"Ada Lovelace\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).isEqualTo("{\"id\":1,\"username\":\"ada\",\"displayName\":\"Ada Lovelace\"}");

            HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(URI.create(base + "/users?size=0")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("\"field\":\"size\"");

            HttpResponse<String> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/posts/stream")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        } finally {
            process.destroy(); // SIGTERM: Spring closes the context, the engine, the embedded server
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            reader.join(10_000);
            Files.write(Path.of(System.getProperty("blog.jar.log", "target/blog-jar-it.log")), output);
            assertThat(exited).as("stopped within 60 s of SIGTERM; output:%n%s", String.join("\n", output)).isTrue();
        }
        assertThat(output).as("output").noneMatch(line -> line.contains("APPLICATION FAILED TO START"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
