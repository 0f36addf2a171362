package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EchoServerWebSocketTest {

    private static EchoServer echo;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("ws-backend-1a2b-cd3e4", "gateway-conformance-infra"));
    }

    @AfterAll
    static void stop() throws Exception {
        echo.stop();
    }

    /** Collects whole messages: text as String, binary as byte[]. */
    private static final class Collector implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }
    }

    private static WebSocket connect(String path, Collector collector) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + echo.httpPort() + path), collector)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void echoesTextAndBinaryMessagesOnWs() throws Exception {
        Collector collector = new Collector();
        WebSocket socket = connect("/ws", collector);
        socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertEquals("hello", collector.messages.poll(10, TimeUnit.SECONDS));
        socket.sendBinary(ByteBuffer.wrap(new byte[]{1, 2, 3, 0, -1}), true).get(10, TimeUnit.SECONDS);
        byte[] echoed = (byte[]) collector.messages.poll(10, TimeUnit.SECONDS);
        assertEquals("[1, 2, 3, 0, -1]", java.util.Arrays.toString(echoed));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void upgradesOnAnyPathAndRecordsTheUpgrade() throws Exception {
        Collector collector = new Collector();
        WebSocket socket = connect("/any/path?room=1", collector);
        for (int i = 0; i < 20; i++) {
            socket.sendText("m" + i, true).get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("m" + i, collector.messages.poll(10, TimeUnit.SECONDS));
        }
        CompletableFuture<WebSocket> closed = socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        closed.get(10, TimeUnit.SECONDS);
        assertEquals(1, echo.recordedCount("/any/path?room=1"));
    }
}
