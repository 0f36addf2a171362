package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.to;
import static dev.portolan.proxy.forward.Configs.withTimeouts;
import static dev.portolan.proxy.forward.ScriptedBackend.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.proxy.listen.ApplyResult;
import dev.portolan.proxy.listen.ListenFixtures;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lean HTTP/1.1 upstream, behind the real listener, against backends that misbehave on purpose (plain loopback
 * sockets scripted byte by byte): connection reuse counted at the backend, closed keep-alive connections,
 * Connection: close, answers larger than any buffer, a slow client holding back the backend, request bodies
 * streamed, malformed and oversized answer heads, stalls, the per-endpoint connection cap and its queue,
 * Expect: 100-continue and HTTP/1.0 clients.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeanUpstreamTest {

    private ScriptedBackend backend;
    private ProxyServer proxy;
    private int port;
    private HttpClient client;

    @BeforeEach
    void startClient() throws Exception {
        client = new HttpClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        if (proxy != null) {
            proxy.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** The real listener (its selector carries the upstream connections) in front of a scripted backend. */
    private void start(ScriptedBackend.Script script, TimeoutsConfig timeouts, UpstreamSettings upstream)
            throws Exception {
        start(script, upstream, config -> new RuleConfig[] {withTimeouts(rule("/", List.of(), to(config)), timeouts)});
    }

    /** The rules built for the scripted backend's config. */
    private void start(ScriptedBackend.Script script, UpstreamSettings upstream,
                       java.util.function.Function<BackendConfig, RuleConfig[]> rules) throws Exception {
        backend = new ScriptedBackend(script);
        BackendConfig config = new BackendConfig("test/scripted:" + backend.port(),
                List.of(new Endpoint("127.0.0.1", backend.port())), BackendProtocol.HTTP1, null, null);
        int offset = ListenFixtures.freeOffset(List.of(Configs.SPEC_PORT), "127.0.0.1");
        proxy = new ProxyServer(new HttpForwarder(upstream), ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        ApplyResult applied = proxy.apply(config(rules.apply(config)));
        assertTrue(applied.ok(), applied.toString());
        port = Configs.SPEC_PORT + offset;
    }

    private void start(ScriptedBackend.Script script, TimeoutsConfig timeouts) throws Exception {
        start(script, timeouts, UpstreamSettings.defaults());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void start(ScriptedBackend.Script script) throws Exception {
        start(script, null);
    }

    private ContentResponse get(String path) throws Exception {
        var request = client.newRequest(url(path)).timeout(20, TimeUnit.SECONDS);
        return new org.eclipse.jetty.client.CompletableResponseListener(request, 16 * 1024 * 1024).send()
                .get(30, TimeUnit.SECONDS);
    }

    private static boolean ok(OutputStream out, String body) throws IOException {
        write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        return true;
    }

    @Test
    void sequentialRequestsShareOneBackendConnection() throws Exception {
        start((request, out) -> ok(out, "hello"));
        for (int i = 0; i < 5; i++) {
            ContentResponse answer = get("/reuse/" + i);
            assertEquals(200, answer.getStatus());
            assertEquals("hello", answer.getContentAsString());
        }
        assertEquals(1, backend.connections(), "one keep-alive connection carried all five requests: "
                + backend.received.stream().map(r -> r.requestLine() + " on " + r.connection()).toList());
        assertEquals(5, backend.received.size());
    }

    @Test
    void aKeepAliveConnectionTheBackendClosedIsReplaced() throws Exception {
        // answers as if keeping the connection, then closes it (no Connection: close header)
        start((request, out) -> ok(out, "once") && false);
        for (int i = 0; i < 4; i++) {
            ContentResponse answer = get("/closing/" + i);
            assertEquals(200, answer.getStatus(), "request " + i);
            assertEquals("once", answer.getContentAsString());
        }
        assertEquals(4, backend.connections());
    }

    @Test
    void connectionCloseFromTheBackendIsHonoured() throws Exception {
        // says close but keeps the socket open: reusing it would put the second request on connection 1
        start((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
            return true;
        });
        assertEquals(200, get("/a").getStatus());
        assertEquals(200, get("/b").getStatus());
        assertEquals(2, backend.connections());
        assertEquals(List.of(1, 2), backend.received.stream().map(ScriptedBackend.Received::connection).toList());
    }

    @Test
    void answersLargerThanAnyBufferArriveWhole() throws Exception {
        byte[] large = pattern(3 * 1024 * 1024 + 7);
        start((request, out) -> {
            if (request.requestLine().contains("/chunked")) {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (int at = 0; at < large.length; at += 50_000) {
                    int n = Math.min(50_000, large.length - at);
                    write(out, Integer.toHexString(n) + "\r\n");
                    out.write(large, at, n);
                    write(out, "\r\n");
                }
                write(out, "0\r\n\r\n");
            } else {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + large.length + "\r\n\r\n");
                out.write(large);
            }
            return true;
        });
        assertArrayEquals(large, get("/length").getContent());
        assertArrayEquals(large, get("/chunked").getContent());
        assertEquals(1, backend.connections());
    }

    @Test
    void aSlowClientHoldsBackTheBackend() throws Exception {
        long total = 64L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        start((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + total + "\r\n\r\n");
            byte[] piece = new byte[64 * 1024];
            for (long at = 0; at < total; at += piece.length) {
                out.write(piece);
                written.addAndGet(piece.length);
            }
            return true;
        });
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            write(socket.getOutputStream(), "GET /big HTTP/1.1\r\nHost: test\r\n\r\n");
            Thread.sleep(1500);
            long early = written.get();
            assertTrue(early < total / 2, "the backend wrote " + early + " of " + total
                    + " bytes while the client read nothing: the proxy buffered instead of pushing back");
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            long read = 0;
            byte[] buffer = new byte[256 * 1024];
            while (read < total) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            assertEquals(total, read);
        }
    }

    @Test
    void requestBodiesAreStreamedNotBuffered() throws Exception {
        start((request, out) -> ok(out, "got " + request.body().length));
        byte[] first = pattern(1024);
        byte[] second = pattern(1024);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            write(out, "POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 2048\r\n\r\n");
            out.write(first);
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (backend.heads.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, backend.heads.size(), "the backend saw the request before its body was complete");
            out.write(second);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertEquals("got 2048", new String(in.readNBytes(8), StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(first);
        both.write(second);
        assertArrayEquals(both.toByteArray(), backend.received.get(0).body());
    }

    @Test
    void aBodyOfUnknownLengthGoesOutChunked() throws Exception {
        start((request, out) -> ok(out, "got " + request.body().length));
        byte[] piece = pattern(100_000);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            write(out, "POST /chunked-upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                write(out, Integer.toHexString(piece.length) + "\r\n");
                out.write(piece);
                write(out, "\r\n");
                out.flush();
            }
            write(out, "0\r\n\r\n");
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertEquals("got 500000", new String(in.readNBytes(10), StandardCharsets.US_ASCII));
        }
        String sent = backend.received.get(0).head().toLowerCase(java.util.Locale.ROOT);
        assertTrue(sent.contains("transfer-encoding: chunked") && !sent.contains("content-length"), sent);
    }

    @Test
    void aMalformedStatusLineIs502() throws Exception {
        start((request, out) -> {
            write(out, "HTTP/1.1 2x0 Fine\r\nContent-Length: 2\r\n\r\nok");
            return true;
        });
        assertEquals(502, get("/malformed").getStatus());
    }

    @Test
    void anInterimAnswerIsSkipped() throws Exception {
        start((request, out) -> {
            write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone");
            return true;
        });
        ContentResponse answer = get("/interim");
        assertEquals(201, answer.getStatus());
        assertEquals("done", answer.getContentAsString());
    }

    @Test
    void headNoContentAndNotModifiedCarryNoBody() throws Exception {
        start((request, out) -> {
            String line = request.requestLine();
            if (line.startsWith("HEAD")) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
            } else if (line.contains("/204")) {
                write(out, "HTTP/1.1 204 No Content\r\n\r\n");
            } else if (line.contains("/304")) {
                write(out, "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");
            } else {
                ok(out, "body");
            }
            return true;
        });
        ContentResponse head = client.newRequest(url("/head")).method("HEAD")
                .timeout(20, TimeUnit.SECONDS).send();
        assertEquals(200, head.getStatus());
        assertEquals("10", head.getHeaders().get("Content-Length"));
        assertEquals(0, head.getContent().length);
        assertEquals(204, get("/204").getStatus());
        assertEquals(304, get("/304").getStatus());
        assertEquals("body", get("/after").getContentAsString());
        assertEquals(1, backend.connections(), "answers without bodies leave the connection reusable");
    }

    @Test
    void aBackendThatStallsMidBodyIsCutAtTheBackendTimeout() throws Exception {
        start((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            out.flush();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }, new TimeoutsConfig(Duration.ofSeconds(5), Duration.ofMillis(500)));
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            write(socket.getOutputStream(), "GET /stall HTTP/1.1\r\nHost: test\r\n\r\n");
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            byte[] rest = in.readAllBytes(); // ends when the proxy aborts the client connection
            assertTrue(rest.length < 100, "only the bytes the backend sent arrive, got " + rest.length);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis < 4_000, "cut after " + millis + " ms");
    }

    @Test
    void aBackendThatClosesMidAnswerFailsOnlyThatRequest() throws Exception {
        start((request, out) -> {
            if (request.requestLine().contains("/cut")) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
                return false;
            }
            return ok(out, "fine");
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            write(socket.getOutputStream(), "GET /cut HTTP/1.1\r\nHost: test\r\n\r\n");
            InputStream in = socket.getInputStream();
            assertTrue(readHead(in).startsWith("HTTP/1.1 200"));
            assertTrue(in.readAllBytes().length < 100);
        }
        assertEquals("fine", get("/next").getContentAsString());
        assertEquals(2, backend.connections(), "the cut connection was not reused");
    }

    @Test
    void aHeaderBlockBeyondTheLimitIs502AndTheNextRequestIsServed() throws Exception {
        start((request, out) -> {
            if (request.requestLine().contains("/huge")) {
                // ~130 KiB of header lines and never the blank line that ends the head; the socket stays open
                write(out, "HTTP/1.1 200 OK\r\n");
                String line = "X-Filler: " + "f".repeat(118) + "\r\n";
                for (int i = 0; i < 1040; i++) {
                    write(out, line);
                }
                out.flush();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            return ok(out, "after");
        });
        long started = System.nanoTime();
        ContentResponse huge = get("/huge");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(502, huge.getStatus());
        assertTrue(millis < 5_000, "502 after " + millis + " ms");
        ContentResponse after = get("/after");
        assertEquals(200, after.getStatus());
        assertEquals("after", after.getContentAsString());
        assertEquals(2, backend.connections(), "the connection with the oversized head was not reused");
    }

    @Test
    void aHeadThatTricklesInForeverIsCutAtTheBackendTimeout() throws Exception {
        start((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\n");
            out.flush();
            try {
                for (int i = 0; i < 200; i++) {
                    write(out, "X-Slow-" + i + ": x\r\n");
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }, new TimeoutsConfig(Duration.ofSeconds(5), Duration.ofMillis(700)));
        long started = System.nanoTime();
        ContentResponse answer = get("/trickle");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(504, answer.getStatus());
        assertTrue(millis < 4_000, "504 after " + millis + " ms");
    }

    /** Answers /hold/... only once {@code release} opens; everything else at once. */
    private static ScriptedBackend.Script holding(CountDownLatch release) {
        return (request, out) -> {
            if (request.requestLine().contains("/hold")) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ok(out, "done");
        };
    }

    private void awaitHeads(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backend.heads.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, backend.heads.size(), "requests that reached the backend");
    }

    @Test
    void connectionsToOneEndpointAreCappedAndFurtherRequestsWaitForOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(holding(release), null, new UpstreamSettings(2, 100, 30_000));
        List<CompletableFuture<ContentResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var request = client.newRequest(url("/hold/" + i)).timeout(20, TimeUnit.SECONDS);
            answers.add(new org.eclipse.jetty.client.CompletableResponseListener(request).send());
        }
        awaitHeads(2);
        Thread.sleep(300);
        assertEquals(2, backend.heads.size(), "only two requests may be at the backend at once");
        assertEquals(2, backend.connections());
        release.countDown();
        for (CompletableFuture<ContentResponse> answer : answers) {
            ContentResponse done = answer.get(20, TimeUnit.SECONDS);
            assertEquals(200, done.getStatus());
            assertEquals("done", done.getContentAsString());
        }
        assertEquals(5, backend.received.size());
        assertEquals(2, backend.connections(), "the waiting requests took the freed connections");
    }

    @Test
    void aRequestBeyondTheQueueIs503AtOnceAndOneWaitingTooLongIs503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(holding(release), null, new UpstreamSettings(1, 1, 1_000));
        var holder = client.newRequest(url("/hold/a")).timeout(20, TimeUnit.SECONDS);
        CompletableFuture<ContentResponse> first = new org.eclipse.jetty.client.CompletableResponseListener(holder)
                .send();
        awaitHeads(1);
        var waiter = client.newRequest(url("/hold/b")).timeout(20, TimeUnit.SECONDS);
        long queuedAt = System.nanoTime();
        CompletableFuture<ContentResponse> queued = new org.eclipse.jetty.client.CompletableResponseListener(waiter)
                .send();
        Thread.sleep(200);
        ContentResponse overflow = get("/third");
        assertEquals(503, overflow.getStatus());
        assertEquals("503 upstream connection limit\n", overflow.getContentAsString());
        ContentResponse expired = queued.get(20, TimeUnit.SECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queuedAt);
        assertEquals(503, expired.getStatus());
        assertTrue(waited >= 900 && waited < 5_000, "the queued request waited " + waited + " ms");
        release.countDown();
        assertEquals(200, first.get(20, TimeUnit.SECONDS).getStatus());
        assertEquals(200, get("/after").getStatus());
        assertEquals(1, backend.connections());
    }

    @Test
    void waitersWhoseRequestsTimedOutPassTheFreedConnectionOnWithoutClosingIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // /hold has no timeout; everything else gives up after 300 ms: the queued requests die while waiting
        start(holding(release), new UpstreamSettings(1, 100, 30_000), config -> new RuleConfig[] {
            rule("/hold", List.of(), to(config)),
            withTimeouts(rule("/", List.of(), to(config)), new TimeoutsConfig(Duration.ofMillis(300), null))});
        var holder = client.newRequest(url("/hold/first")).timeout(20, TimeUnit.SECONDS);
        CompletableFuture<ContentResponse> first = new org.eclipse.jetty.client.CompletableResponseListener(holder)
                .send();
        awaitHeads(1);
        List<CompletableFuture<ContentResponse>> queued = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var request = client.newRequest(url("/queued/" + i)).timeout(20, TimeUnit.SECONDS);
            queued.add(new org.eclipse.jetty.client.CompletableResponseListener(request).send());
        }
        for (CompletableFuture<ContentResponse> answer : queued) {
            assertEquals(504, answer.get(20, TimeUnit.SECONDS).getStatus(), "timed out while waiting");
        }
        release.countDown(); // the connection frees: it passes through waiters whose requests are gone
        assertEquals(200, first.get(20, TimeUnit.SECONDS).getStatus());
        assertEquals(200, get("/after").getStatus());
        assertEquals(1, backend.connections(), "the freed connection was kept, not closed by the dead waiters");
        assertEquals(2, backend.received.size(), "no queued request reached the backend after giving up");
    }

    @Test
    void expectContinueGetsTheClientIts100AndTheBodyReachesTheBackend() throws Exception {
        start((request, out) -> ok(out, "got " + new String(request.body(), StandardCharsets.US_ASCII)));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            write(out, "POST /upload HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n");
            out.flush();
            InputStream in = socket.getInputStream();
            String interim = readHead(in);
            assertTrue(interim.startsWith("HTTP/1.1 100"), "before sending its body the client waits for 100: "
                    + interim);
            write(out, "hello world");
            out.flush();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertEquals("got hello world", new String(in.readNBytes(15), StandardCharsets.US_ASCII));
        }
        ScriptedBackend.Received received = backend.received.get(0);
        assertEquals("hello world", new String(received.body(), StandardCharsets.US_ASCII));
        assertTrue(!received.head().toLowerCase(java.util.Locale.ROOT).contains("expect"),
                "the proxy answered the expectation itself: " + received.head());
    }

    @Test
    void http10ClientsGetWholeAnswersAndKeepAliveOnlyWhenAsked() throws Exception {
        start((request, out) -> {
            if (request.requestLine().contains("/chunked")) {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                return true;
            }
            return ok(out, "sized");
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            // no Host header: HTTP/1.0 does not require one
            write(socket.getOutputStream(), "GET /chunked HTTP/1.0\r\n\r\n");
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.matches("(?s)HTTP/1\\.[01] 200 .*"), head);
            assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding"), head);
            assertEquals("hello world", new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                    "an HTTP/1.0 client gets the body unchunked, delimited by the end of the connection");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                write(out, "GET /sized/" + i + " HTTP/1.0\r\nHost: test\r\nConnection: keep-alive\r\n\r\n");
                out.flush();
                String head = readHead(in);
                assertTrue(head.matches("(?s)HTTP/1\\.[01] 200 .*"), head);
                assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("content-length: 5"), head);
                assertEquals("sized", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
            }
        }
        for (ScriptedBackend.Received received : backend.received) {
            assertTrue(received.requestLine().endsWith(" HTTP/1.1"), received.requestLine());
            assertTrue(received.head().toLowerCase(java.util.Locale.ROOT).contains("\r\nhost: "), received.head());
        }
        assertEquals(3, backend.received.size());
        assertEquals(1, backend.connections(), "the upstream connection is kept whatever the client speaks");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        start((request, out) -> ok(out, request.requestLine().contains("/first") ? "one" : "two"));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            // both requests in one write: the second waits in the listener's buffer while the first is relayed
            write(socket.getOutputStream(), "GET /first HTTP/1.1\r\nHost: test\r\n\r\n"
                    + "GET /second HTTP/1.1\r\nHost: test\r\n\r\n");
            InputStream in = socket.getInputStream();
            assertTrue(readHead(in).startsWith("HTTP/1.1 200"));
            assertEquals("one", new String(in.readNBytes(3), StandardCharsets.US_ASCII));
            assertTrue(readHead(in).startsWith("HTTP/1.1 200"));
            assertEquals("two", new String(in.readNBytes(3), StandardCharsets.US_ASCII));
            // and the connection still takes a third request afterwards
            write(socket.getOutputStream(), "GET /first HTTP/1.1\r\nHost: test\r\n\r\n");
            assertTrue(readHead(in).startsWith("HTTP/1.1 200"));
            assertEquals("one", new String(in.readNBytes(3), StandardCharsets.US_ASCII));
        }
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 11));
        }
        return bytes;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
