package dev.retort.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server keeps reading a keep-alive connection after a pipelined request. Reactor Netty 1.3.7
 * stopped reading when a request that arrived while the previous one was still being answered was
 * itself answered at once: the next request on that connection stayed unread in the socket and its
 * client waited forever (reactor/reactor-netty#4361). The blog's tests hit it now and then in CI;
 * the build now pins reactor-netty 1.3.8, which has the fix, and this test fails on 1.3.7.
 *
 * <p>Raw sockets, because no HTTP client here pipelines: two requests go out in one write, the first
 * answered after a database query, the second ({@code /users/abc}, a 400 from the error handler)
 * without one; then a third request on the same connection must be answered.
 */
class BlogKeepAliveTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private static BlogTestApp app;

    @BeforeAll
    static void start() {
        app = BlogTestApp.start("keepalive");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aRequestAfterAPipelinedPairIsAnswered() throws IOException {
        for (int round = 0; round < 20; round++) {
            try (Socket socket = new Socket("127.0.0.1", app.port)) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write((request("/users?page=0&size=5") + request("/users/abc")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(in)).as("round %d, first pipelined response", round).startsWith("HTTP/1.1 200 ");
                assertThat(readResponse(in)).as("round %d, second pipelined response", round).startsWith("HTTP/1.1 400 ");

                out.write(request("/users/abc").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String third;
                try {
                    third = readResponse(in);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("round " + round + ": no answer in " + READ_TIMEOUT_MILLIS
                            + " ms to a request sent after a pipelined pair on the same connection", e);
                }
                assertThat(third).as("round %d, the request after the pipelined pair", round)
                        .startsWith("HTTP/1.1 400 ").contains("\"message\":\"id must be a number\"");
            }
        }
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n";
    }

    /** One HTTP/1.1 response: status line, headers and a body of {@code Content-Length} bytes or chunked. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int contentLength = 0;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            head.append(line).append('\n');
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0; size = Integer.parseInt(readLine(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
        } else {
            body.write(in.readNBytes(contentLength));
        }
        return head + "\n" + body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection; read so far: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
