package dev.portolan.proxy.forward;

import dev.portolan.proxy.edge.GatewayAnswer;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges a client's WebSocket upgrade to a backend: connects to the backend first (so a refused backend answers
 * 502 instead of an upgrade that closes at once), then accepts the client's upgrade with the backend's
 * subprotocol and relays frames both ways.
 */
final class WebSocketBridge {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketBridge.class);

    static final long CONNECT_TIMEOUT_SECONDS = 10;

    private WebSocketBridge() {
    }

    static boolean isUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** @param proxyToServerHeaders headers to send upstream (hop-by-hop and WebSocket handshake ones are skipped) */
    static void bridge(Request clientToProxyRequest, Response response, Callback callback, WebSocketClient client,
                       URI backendUri, HttpFields proxyToServerHeaders) {
        Server server = clientToProxyRequest.getConnectionMetaData().getConnector().getServer();
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        boolean upgrading = container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            WebSocketRelay toClient = new WebSocketRelay("client");
            WebSocketRelay toServer = new WebSocketRelay("backend");
            WebSocketRelay.pair(toClient, toServer);
            ClientUpgradeRequest proxyToServer = new ClientUpgradeRequest();
            for (HttpField field : proxyToServerHeaders) {
                if (!field.getLowerCaseName().startsWith("sec-websocket-")) {
                    proxyToServer.setHeader(field.getName(), proxyToServerHeaders.getValuesList(field.getName()));
                }
            }
            List<String> subProtocols = upgradeRequest.getSubProtocols();
            if (!subProtocols.isEmpty()) {
                proxyToServer.setSubProtocols(subProtocols);
            }
            Session backend;
            try {
                backend = client.connect(toServer, backendUri, proxyToServer)
                        .get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                LOG.warn("WebSocket backend {} refused the upgrade: {}", backendUri, cause.toString());
                GatewayAnswer.UPSTREAM_ERROR.write(upgradeResponse, upgradeCallback);
                return null;
            }
            String accepted = backend.getUpgradeResponse().getAcceptedSubProtocol();
            if (accepted != null) {
                upgradeResponse.setAcceptedSubProtocol(accepted);
            }
            return toClient;
        }, clientToProxyRequest, response, callback);
        if (!upgrading) {
            GatewayAnswer.BAD_REQUEST.write(response, callback);
        }
    }
}
