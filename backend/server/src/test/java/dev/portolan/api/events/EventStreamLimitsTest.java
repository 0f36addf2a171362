package dev.portolan.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11's finding 7: 1,000 idle event-stream clients were all accepted (the summary slowed to 1.4 s) and a slow
 * client's buffer had no bound. Real connections on loopback: plain sockets that send the request and stop.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamLimitsTest implements TestPropertyProvider {
    private static final int ATTEMPTED = 1_000;
    private static final int MAX_STREAMS = 100;
    private static final int CLIENT_BUFFER = 50;

    @Inject
    EmbeddedServer server;
    @Inject
    StreamSlots slots;
    @Inject
    ChangeFeed feed;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-events-limits");
            try (Stream<Path> files = Files.list(Path.of("../../deploy/examples/demo"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            return Map.of("portolan.manifests", folder.toString(), "portolan.proxy.enabled", "false",
                    "portolan.api.events.max-streams", Integer.toString(MAX_STREAMS),
                    "portolan.api.events.client-buffer", Integer.toString(CLIENT_BUFFER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a stream and reads its head only (status line and headers, up to the blank line). */
    private Socket openStream(int receiveBuffer, StringBuilder head) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 2_000);
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        head.append(bytes.toString(StandardCharsets.US_ASCII));
        return socket;
    }

    private static long summaryMillis(HttpClient http, URI summary) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(summary).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aThousandIdleStreamsLeaveTheSummaryFast() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        String refusal = null;
        try {
            for (int i = 0; i < ATTEMPTED; i++) {
                StringBuilder head = new StringBuilder();
                sockets.add(openStream(0, head));
                if (head.toString().startsWith("HTTP/1.1 200")) {
                    accepted++;
                } else if (head.toString().startsWith("HTTP/1.1 503")) {
                    refused++;
                    refusal = head.toString();
                }
            }
            assertEquals(MAX_STREAMS, accepted, "streams accepted of " + ATTEMPTED);
            assertEquals(ATTEMPTED - MAX_STREAMS, refused, "streams refused");
            assertTrue(refusal.toLowerCase().contains("retry-after: 5"), refusal);
            assertTrue(refusal.toLowerCase().contains("content-type: application/problem+json"), refusal);
            assertEquals(MAX_STREAMS, slots.open());

            HttpClient http = HttpClient.newHttpClient();
            URI summary = URI.create(server.getURL() + "/api/v1/summary");
            summaryMillis(http, summary); // connection set up
            long[] millis = new long[5];
            for (int i = 0; i < millis.length; i++) {
                millis[i] = summaryMillis(http, summary);
            }
            Arrays.sort(millis);
            System.out.println("summary with " + accepted + " open and " + refused + " refused streams: "
                    + Arrays.toString(millis) + " ms");
            assertTrue(millis[millis.length - 1] < 100, "summary took " + Arrays.toString(millis) + " ms");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await(() -> slots.open() == 0, "closed streams give their slots back");
        await(() -> feed.buffer().subscribers() == 0, "closed streams stop listening");
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithABoundedBuffer() throws Exception {
        await(() -> slots.open() == 0, "no stream is open");
        int listenersBefore = feed.buffer().subscribers();
        StringBuilder head = new StringBuilder();
        try (Socket stalled = openStream(1024, head)) {
            assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
            await(() -> feed.buffer().subscribers() == listenersBefore + 1, "the stream listens");
            // far more than socket buffers hold: the client reads none of it
            for (int i = 0; i < 200_000 && feed.buffer().subscribers() > listenersBefore; i++) {
                feed.buffer().append(ChangeEvent.SNAPSHOT, null, "", 0, 1_000_000L + i);
            }
            await(() -> feed.buffer().subscribers() == listenersBefore, "the stalled client is let go");
            await(() -> slots.open() == 0, "its slot is free again");
        }
    }
}
