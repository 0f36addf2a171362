package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.edge.EdgeProxy.Rule;
import dev.portolan.proxy.listen.ProxyServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 5: edge limits are settings with tested defaults; a client that hits one gets the right status
 * (or its connection closed) while a well-behaved client is served at the same time.
 */
class EdgeLimitsTest {

    @Test
    void defaultsAreEnvoyLike() {
        EdgeSettings defaults = EdgeSettings.defaults();
        assertEquals(10_000, defaults.headerReadTimeoutMillis());
        assertEquals(16 * 1024, defaults.maxRequestHeaderBytes());
        assertEquals(100, defaults.maxRequestHeaders());
        assertEquals(0, defaults.maxRequestBodyBytes(), "no body limit unless set");
        assertEquals(512, defaults.maxConnectionsPerClient());
        assertEquals(100, defaults.maxConcurrentStreams());
        assertEquals(0, defaults.trustedHops());
        assertEquals(false, defaults.mergeSlashes());
        assertEquals(30_000, ProxyServerOptions.defaults().idleTimeoutMillis());
    }

    @Test
    void slowlorisIsCutWith408WhileOthersAreServed() throws Exception {
        ProxyServerOptions options = ProxyServerOptions.defaults()
                .withEdge(EdgeSettings.defaults().withHeaderReadTimeoutMillis(600));
        try (EdgeProxy proxy = EdgeProxy.start(options, Rule.prefix("all", "/"));
             Socket slow = new Socket(EdgeProxy.ADDRESS, proxy.port)) {
            slow.setSoTimeout(100);
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: edge.example\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            String answer = null;
            // a header byte every 100 ms keeps the idle timeout (30 s) from ever firing
            for (int i = 0; i < 50 && answer == null; i++) {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                answer = readSome(slow.getInputStream());
                assertEquals(200, RawClient.get(proxy.port, "/well-behaved").status());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer != null && answer.startsWith("HTTP/1.1 408 "), "answer: " + answer);
            assertTrue(answer.endsWith(GatewayAnswer.REQUEST_TIMEOUT.body()), answer);
            assertTrue(millis >= 600 && millis < 3_000, "cut after " + millis + " ms");
        }
    }

    @Test
    void aSlowBodyAfterCompleteHeadersIsNotCut() throws Exception {
        ProxyServerOptions options = ProxyServerOptions.defaults()
                .withEdge(EdgeSettings.defaults().withHeaderReadTimeoutMillis(300));
        Server reader = bodyReader();
        BackendConfig readsWholeBody = backendOf(reader);
        try (EdgeProxy proxy = EdgeProxy.start(options, readsWholeBody, null, Rule.prefix("all", "/"));
             Socket upload = new Socket(EdgeProxy.ADDRESS, proxy.port)) {
            upload.setSoTimeout(10_000);
            OutputStream out = upload.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: edge.example\r\nContent-Length: 8\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 8; i++) {
                out.write('b');
                out.flush();
                Thread.sleep(150); // 1.2 s in all: four header read timeouts
            }
            RawClient.Reply reply = RawClient.read(upload.getInputStream());
            assertEquals(200, reply.status());
            assertEquals("read 8 bytes", reply.body());
        } finally {
            reader.stop();
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        try (EdgeProxy proxy = EdgeProxy.start(ProxyServerOptions.defaults().withIdleTimeoutMillis(400),
                Rule.prefix("all", "/"));
             Socket idle = new Socket(EdgeProxy.ADDRESS, proxy.port)) {
            idle.setSoTimeout(5_000);
            long start = System.nanoTime();
            assertEquals(-1, idle.getInputStream().read(), "closed without an answer");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 300 && millis < 3_000, "closed after " + millis + " ms");
        }
    }

    @Test
    void headerSizeAndCountBeyondTheDefaultsGet431() throws Exception {
        try (EdgeProxy proxy = EdgeProxy.start(ProxyServerOptions.defaults(), Rule.prefix("all", "/"))) {
            assertEquals(200, RawClient.get(proxy.port, "/", "X-Big: " + "x".repeat(15_000)).status());
            RawClient.Reply big = RawClient.get(proxy.port, "/", "X-Big: " + "x".repeat(17_000));
            assertEquals(431, big.status());
            assertEquals(GatewayAnswer.HEADERS_TOO_LARGE.body(), big.body());
            assertEquals(200, RawClient.get(proxy.port, "/", lines(90)).status());
            RawClient.Reply many = RawClient.get(proxy.port, "/", lines(101));
            assertEquals(431, many.status());
            assertEquals(GatewayAnswer.HEADERS_TOO_LARGE.body(), many.body());
        }
    }

    private static String[] lines(int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = "X-Line-" + i + ": v";
        }
        return out;
    }

    @Test
    void bodiesBeyondTheLimitGet413WithOrWithoutContentLength() throws Exception {
        ProxyServerOptions options = ProxyServerOptions.defaults()
                .withEdge(EdgeSettings.defaults().withMaxRequestBodyBytes(1024));
        Server reader = bodyReader();
        try (EdgeProxy proxy = EdgeProxy.start(options, backendOf(reader), null, Rule.prefix("all", "/"))) {
            assertEquals(200, post(proxy.port, "x".repeat(1000), false).status());
            RawClient.Reply declared = post(proxy.port, "x".repeat(2000), false);
            assertEquals(413, declared.status());
            assertEquals(GatewayAnswer.PAYLOAD_TOO_LARGE.body(), declared.body());
            RawClient.Reply chunked = post(proxy.port, "x".repeat(5000), true);
            assertEquals(413, chunked.status(), chunked.body());
            assertEquals("read 1000 bytes", post(proxy.port, "x".repeat(1000), true).body());
        } finally {
            reader.stop();
        }
    }

    /** A backend that reads the whole request body before it answers "read N bytes". */
    private static Server bodyReader() throws Exception {
        Server reader = new Server();
        ServerConnector connector = new ServerConnector(reader);
        connector.setHost(EdgeProxy.ADDRESS);
        reader.addConnector(connector);
        reader.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.US_ASCII);
                Content.Sink.write(response, true, "read " + body.length() + " bytes", callback);
                return true;
            }
        });
        reader.start();
        return reader;
    }

    private static BackendConfig backendOf(Server reader) {
        int port = ((ServerConnector) reader.getConnectors()[0]).getLocalPort();
        return new BackendConfig("infra/reader:80", List.of(new Endpoint(EdgeProxy.ADDRESS, port)),
                BackendProtocol.HTTP1, null, null);
    }

    private static RawClient.Reply post(int port, String body, boolean chunked) throws IOException {
        String head = "POST /upload HTTP/1.1\r\nHost: edge.example\r\nConnection: close\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n"
                + body + "\r\n0\r\n\r\n" : "Content-Length: " + body.length() + "\r\n\r\n" + body);
        return RawClient.send(port, head.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void connectionsBeyondTheLimitPerClientAddressAreClosedOtherAddressesServed() throws Exception {
        ProxyServerOptions options = ProxyServerOptions.defaults()
                .withEdge(EdgeSettings.defaults().withMaxConnectionsPerClient(4));
        List<Socket> held = new ArrayList<>();
        try (EdgeProxy proxy = EdgeProxy.start(options, Rule.prefix("all", "/"))) {
            for (int i = 0; i < 4; i++) {
                Socket socket = connectFrom("127.0.0.1", proxy.port);
                held.add(socket);
                assertEquals(200, keepAliveGet(socket).status(), "connection " + i + " is within the limit");
            }
            try (Socket fifth = connectFrom("127.0.0.1", proxy.port)) {
                fifth.setSoTimeout(5_000);
                assertEquals(-1, fifth.getInputStream().read(), "the fifth connection is closed at once");
            }
            try (Socket other = connectFrom("127.0.0.2", proxy.port)) {
                assertEquals(200, keepAliveGet(other).status(), "another client address is served");
            }
            assertEquals(200, keepAliveGet(held.get(0)).status(), "the held connections keep working");
            held.remove(0).close();
            assertEquals(200, eventuallyServed(proxy.port), "a closed connection frees its place");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket connectFrom(String source, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress(EdgeProxy.ADDRESS, port), 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static RawClient.Reply keepAliveGet(Socket socket) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: edge.example\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return RawClient.read(socket.getInputStream());
    }

    private static int eventuallyServed(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket socket = connectFrom("127.0.0.1", port)) {
                return keepAliveGet(socket).status();
            } catch (IOException closedBecauseTheCountIsNotDownYet) {
                if (System.nanoTime() > deadline) {
                    throw closedBecauseTheCountIsNotDownYet;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void http2AdvertisesTheStreamLimitAndServesWithinIt() throws Exception {
        ProxyServerOptions options = ProxyServerOptions.defaults()
                .withEdge(EdgeSettings.defaults().withMaxConcurrentStreams(5));
        HTTP2Client client = new HTTP2Client();
        client.start();
        try (EdgeProxy proxy = EdgeProxy.start(options, Rule.prefix("all", "/"))) {
            CompletableFuture<Map<Integer, Integer>> settings = new CompletableFuture<>();
            Session session = client.connect(new InetSocketAddress(EdgeProxy.ADDRESS, proxy.port),
                    new Session.Listener() {
                        @Override
                        public void onSettings(Session s, SettingsFrame frame) {
                            settings.complete(frame.getSettings());
                        }
                    }).get(5, TimeUnit.SECONDS);
            assertEquals(5, settings.get(5, TimeUnit.SECONDS).get(SettingsFrame.MAX_CONCURRENT_STREAMS));
            CountDownLatch answered = new CountDownLatch(5);
            AtomicInteger ok = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                MetaData.Request request = new MetaData.Request("GET", HttpURI.from("http", "edge.example", -1,
                        "/h2/" + i), HttpVersion.HTTP_2, HttpFields.EMPTY);
                session.newStream(new HeadersFrame(request, null, true), new Stream.Listener() {
                    @Override
                    public void onHeaders(Stream stream, HeadersFrame frame) {
                        if (frame.getMetaData() instanceof MetaData.Response response && response.getStatus() == 200) {
                            ok.incrementAndGet();
                        }
                        answered.countDown();
                        stream.demand();
                    }

                    @Override
                    public void onDataAvailable(Stream stream) {
                        Stream.Data data = stream.readData();
                        if (data != null) {
                            data.release();
                            if (!data.frame().isEndStream()) {
                                stream.demand();
                            }
                        } else {
                            stream.demand();
                        }
                    }
                }).get(5, TimeUnit.SECONDS);
            }
            assertTrue(answered.await(10, TimeUnit.SECONDS));
            assertEquals(5, ok.get());
        } finally {
            client.stop();
        }
    }

    /** What arrived within the socket's read timeout, or null. */
    private static String readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        StringBuilder out = new StringBuilder();
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
        } catch (SocketTimeoutException nothingMore) {
            // fine: read what there was
        } catch (IOException reset) {
            return out.length() == 0 ? "closed: " + reset : out.toString();
        }
        return out.length() == 0 ? null : out.toString();
    }
}
