package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.routing.RouteMatch;
import dev.portolan.proxy.routing.RouteRequest;
import dev.portolan.proxy.routing.RouteTable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A stand-in for the listening side in tests: one loopback connector (HTTP/1.1 and h2c) per listener spec port of
 * the config's first gateway, a route lookup, and the forwarder under test. The real listener lives in
 * {@code dev.portolan.proxy.listen}.
 */
final class ForwardTestServer implements AutoCloseable {

    private final Server server;
    private final HttpForwarder forwarder;
    private final Map<Integer, ServerConnector> connectorsBySpecPort;

    private ForwardTestServer(Server server, HttpForwarder forwarder, Map<Integer, ServerConnector> connectors) {
        this.server = server;
        this.forwarder = forwarder;
        this.connectorsBySpecPort = connectors;
    }

    static ForwardTestServer start(ProxyConfig config) throws Exception {
        GatewayConfig gateway = config.gateways().get(0);
        Map<Integer, RouteTable> tables = RouteTable.compilePorts(gateway);
        HttpForwarder forwarder = new HttpForwarder();
        forwarder.prepare(config);
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE);
        Map<Integer, ServerConnector> connectors = new TreeMap<>();
        for (int specPort : tables.keySet()) {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http),
                    new HTTP2CServerConnectionFactory(http));
            connector.setHost("127.0.0.1");
            connector.setName(String.valueOf(specPort));
            server.addConnector(connector);
            connectors.put(specPort, connector);
        }
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                int specPort = Integer.parseInt(request.getConnectionMetaData().getConnector().getName());
                String host = request.getHeaders().get(HttpHeader.HOST);
                if (host == null) {
                    host = request.getHttpURI().getAuthority();
                }
                Optional<RouteMatch> match = tables.get(specPort).match(new RouteRequest(host, request.getMethod(),
                        request.getHttpURI().getPath(), request.getHeaders()::getValuesList,
                        request.getHttpURI().getQuery()));
                if (match.isEmpty()) {
                    dev.portolan.proxy.edge.GatewayAnswer.NOT_FOUND.write(response, callback);
                    return true;
                }
                forwarder.forward(request, response, callback,
                        new MatchedRule(config.version(), gateway, match.get(), specPort, false));
                return true;
            }
        });
        server.start();
        return new ForwardTestServer(server, forwarder, connectors);
    }

    int port(int specPort) {
        return connectorsBySpecPort.get(specPort).getLocalPort();
    }

    /** e.g. http://127.0.0.1:41234 for the listener declared on specPort */
    String url(int specPort) {
        return "http://127.0.0.1:" + port(specPort);
    }

    HttpForwarder forwarder() {
        return forwarder;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        forwarder.close();
    }
}
