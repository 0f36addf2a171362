package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * {@code websocket}: an RFC 6455 upgrade to {@code target} + {@code path} with the step's {@code Origin} ({@code
 * <test name>} replaced by the case name), then {@code exchange} in order: send each text or binary message and,
 * with {@code expectEcho}, expect the same message, of the same type, back within 5 s.
 */
final class WebSocketStep {
    static final Duration ECHO_WITHIN = Duration.ofSeconds(5);

    private final GatewayClients clients;
    private final RunnerOptions options;
    private final String caseName;

    WebSocketStep(GatewayClients clients, RunnerOptions options, String caseName) {
        this.clients = clients;
        this.options = options;
        this.caseName = caseName;
    }

    /** What came back: a text message is a String, a binary one a byte[]. */
    public static final class Received implements Session.Listener.AutoDemanding {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

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
    }

    void run(JsonNode step) {
        GatewayRequest request = GatewayRequest.from(step).withPath(step.path("path").asText("/"));
        String scheme = request.https() ? "wss" : "ws";
        try (GatewayClient gateway = clients.open(request)) {
            URI uri = gateway.uri(request, scheme);
            HttpClient http = gateway.start(request);
            WebSocketClient webSockets = new WebSocketClient(http);
            try {
                start(webSockets);
                ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
                String origin = step.path("origin").asText("");
                if (!origin.isEmpty()) {
                    upgrade.setHeader("Origin", origin.replace("<test name>", caseName));
                }
                Received received = new Received();
                Session session = connect(webSockets, received, uri, upgrade);
                try {
                    int i = 0;
                    List<Object> unawaited = new ArrayList<>();
                    for (JsonNode entry : step.path("exchange")) {
                        exchange(session, received, entry, i++, unawaited);
                    }
                } finally {
                    session.close(1000, "done", Callback.NOOP);
                }
            } finally {
                stop(webSockets);
                stop(http);
            }
        } catch (IOException e) {
            throw new AssertionError("websocket: " + e.getMessage(), e);
        }
    }

    private Session connect(WebSocketClient webSockets, Received received, URI uri, ClientUpgradeRequest upgrade) {
        try {
            return webSockets.connect(received, uri, upgrade).get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("websocket: the upgrade to " + uri + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new AssertionError("websocket: no upgrade answer from " + uri + " within "
                    + options.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new AssertionError("websocket: cannot connect to " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("websocket: interrupted", e);
        }
    }

    /**
     * Sends one message; with {@code expectEcho}, waits for it to come back. Echoes of earlier messages sent without
     * {@code expectEcho} ({@code unawaited}) may arrive meanwhile and are passed over, once each.
     */
    private static void exchange(Session session, Received received, JsonNode entry, int index, List<Object> unawaited) {
        JsonNode send = entry.path("send");
        Object sent;
        if (send.has("text")) {
            sent = send.get("text").asText();
            session.sendText((String) sent, Callback.NOOP);
        } else if (send.path("binary").isArray()) {
            sent = bytes(send.get("binary"), index);
            session.sendBinary(ByteBuffer.wrap((byte[]) sent), Callback.NOOP);
        } else {
            throw new AssertionError("websocket: exchange[" + index + "].send has neither text nor binary");
        }
        if (!entry.path("expectEcho").asBoolean(false)) {
            unawaited.add(sent);
            return;
        }
        long deadline = System.nanoTime() + ECHO_WITHIN.toNanos();
        while (true) {
            Object back;
            try {
                back = received.messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("websocket: interrupted", e);
            }
            if (back == null) {
                throw new AssertionError("websocket: exchange[" + index + "]: no echo of " + describe(sent) + " within "
                        + ECHO_WITHIN.toSeconds() + " s");
            }
            if (same(sent, back)) {
                return;
            }
            Object earlier = unawaited.stream().filter(m -> same(m, back)).findFirst()
                    .orElseThrow(() -> new AssertionError("websocket: exchange[" + index + "]: sent " + describe(sent)
                            + ", got back " + describe(back)));
            unawaited.remove(earlier);
        }
    }

    private static boolean same(Object sent, Object back) {
        return sent instanceof byte[] bytes ? back instanceof byte[] b && Arrays.equals(bytes, b) : sent.equals(back);
    }

    private static byte[] bytes(JsonNode array, int index) {
        byte[] out = new byte[array.size()];
        for (int i = 0; i < array.size(); i++) {
            int value = array.get(i).asInt(-1);
            if (!array.get(i).isIntegralNumber() || value < 0 || value > 255) {
                throw new AssertionError("websocket: exchange[" + index + "].send.binary[" + i + "] must be a byte"
                        + " (0-255), got " + array.get(i));
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static String describe(Object message) {
        return message instanceof byte[] bytes ? "binary " + Arrays.toString(bytes)
                : "text \"" + message + "\"";
    }

    private static void start(WebSocketClient webSockets) {
        try {
            webSockets.start();
        } catch (Exception e) {
            throw new AssertionError("websocket: cannot start the WebSocket client: " + e.getMessage(), e);
        }
    }

    private static void stop(org.eclipse.jetty.util.component.LifeCycle component) {
        try {
            component.stop();
        } catch (Exception e) {
            // nothing left to do with a client that will not stop
        }
    }
}
