package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.backend;
import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.to;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket upgrades bridged client - proxy - echo backend: text, binary, close. */
class WebSocketBridgeTest {

    private static EchoServer echo;
    private static ForwardTestServer proxy;
    private static WebSocketClient webSockets;

    /** Collects what the client receives. */
    public static final class Collector implements Session.Listener.AutoDemanding {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile int closeCode;

        @Override
        public void onWebSocketText(String message) {
            messages.add(message);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            messages.add(bytes);
            callback.succeed();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closeCode = statusCode;
            closed.countDown();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("ws-pod", "infra"));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        BackendConfig down = new BackendConfig("infra/down:80", List.of(new Endpoint("127.0.0.1", closedPort)),
                BackendProtocol.WS, null, null);
        proxy = ForwardTestServer.start(config(
                rule("/ws-down", List.of(), to(down)),
                rule("/ws", List.of(), to(backend("infra/ws:3000", BackendProtocol.WS, echo)))));
        webSockets = new WebSocketClient();
        webSockets.start();
    }

    @AfterAll
    static void stop() throws Exception {
        webSockets.stop();
        proxy.close();
        echo.close();
    }

    @Test
    void textAndBinaryFramesRoundTripAndCloseIsPropagated() throws Exception {
        Collector collector = new Collector();
        Session session = webSockets.connect(collector, URI.create("ws://127.0.0.1:" + proxy.port(80) + "/ws/echo"))
                .get(5, TimeUnit.SECONDS);
        session.sendText("hello through the proxy", Callback.NOOP);
        assertEquals("hello through the proxy", collector.messages.poll(5, TimeUnit.SECONDS));
        byte[] payload = {0, 1, 2, (byte) 0xff};
        session.sendBinary(ByteBuffer.wrap(payload), Callback.NOOP);
        assertArrayEquals(payload, (byte[]) collector.messages.poll(5, TimeUnit.SECONDS));
        session.close(1000, "bye", Callback.NOOP);
        assertTrue(collector.closed.await(5, TimeUnit.SECONDS));
        assertEquals(1000, collector.closeCode);
    }

    @Test
    void unreachableBackendRefusesTheUpgradeWith502() {
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> webSockets.connect(new Collector(), URI.create("ws://127.0.0.1:" + proxy.port(80) + "/ws-down"))
                        .get(15, TimeUnit.SECONDS));
        assertTrue(String.valueOf(failure.getCause()).contains("502"), String.valueOf(failure.getCause()));
    }
}
