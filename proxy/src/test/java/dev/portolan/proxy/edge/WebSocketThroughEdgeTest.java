package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.proxy.edge.EdgeProxy.Rule;
import dev.portolan.proxy.listen.ProxyServerOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket upgrade whose request the edge rewrote (normalized path, forged forwarding header dropped) is still
 * bridged: the upgrade runs on the edge's view of the request.
 */
class WebSocketThroughEdgeTest {

    /** Collects text frames. */
    public static final class Texts implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @Override
        public void onWebSocketText(String message) {
            messages.add(message);
        }
    }

    @Test
    void anUpgradeWithANormalizedPathAndAForgedHeaderIsBridged() throws Exception {
        EchoServer echo = EchoServer.start(EchoOptions.of("ws-backend", "infra"));
        BackendConfig ws = new BackendConfig("infra/ws:3000", List.of(new Endpoint(echo.host(), echo.httpPort())),
                BackendProtocol.WS, null, null);
        WebSocketClient client = new WebSocketClient();
        client.start();
        try (EdgeProxy proxy = EdgeProxy.start(ProxyServerOptions.defaults(), ws, echo, Rule.prefix("chat", "/ws"))) {
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
            upgrade.setHeader("X-Forwarded-Proto", "https");
            Texts texts = new Texts();
            Session session = client.connect(texts, URI.create("ws://127.0.0.1:" + proxy.port + "/x/../ws/./echo"),
                    upgrade).get(5, TimeUnit.SECONDS);
            session.sendText("through the edge", Callback.NOOP);
            assertEquals("through the edge", texts.messages.poll(5, TimeUnit.SECONDS));
            session.close();
        } finally {
            client.stop();
        }
    }
}
