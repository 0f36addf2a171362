package dev.portolan.proxy.bench;

import dev.portolan.proxy.admin.GatewayMetrics;
import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ApplyResult;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Load-test processes for {@code bench/proxy-vs-nginx.sh}; each runs until killed, in its own JVM so that the
 * script can read the CPU time of the proxy alone from /proc.
 * <ul>
 *   <li>{@code backend HOST PORT}: a fixed-body HTTP/1.1 server ({@link FixedBodyBackend}).</li>
 *   <li>{@code proxy HOST PORT BACKEND_HOST BACKEND_PORT}: a {@link ProxyServer} with {@link HttpForwarder} and
 *       one route (PathPrefix /, any host) to the backend, with the default {@link ProxyServerOptions}.</li>
 * </ul>
 * Prints {@code READY} on stdout once the socket accepts requests.
 */
public final class LoadTarget {

    private LoadTarget() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("backend")) {
            FixedBodyBackend backend = FixedBodyBackend.start(args[1], port(args[2]));
            Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "backend-shutdown"));
        } else if (args.length == 5 && args[0].equals("proxy")) {
            ProxyServer proxy = startProxy(args[1], port(args[2]), args[3], port(args[4]));
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "proxy-shutdown"));
        } else {
            System.err.println("usage: LoadTarget backend HOST PORT | proxy HOST PORT BACKEND_HOST BACKEND_PORT");
            System.exit(2);
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static ProxyServer startProxy(String host, int port, String backendHost, int backendPort) throws Exception {
        ProxyServer proxy = new ProxyServer(new HttpForwarder(), ProxyServerOptions.defaults(), new GatewayMetrics());
        proxy.start();
        ApplyResult result = proxy.apply(oneRoute(host, port, backendHost, backendPort));
        if (!result.openFailures().isEmpty()) {
            proxy.close();
            throw new IllegalStateException("proxy socket " + host + ":" + port + " did not open: "
                    + result.openFailures());
        }
        return proxy;
    }

    /** One gateway on host:port, one listener, one route: PathPrefix / to the backend. */
    static ProxyConfig oneRoute(String host, int port, String backendHost, int backendPort) {
        BackendConfig backend = new BackendConfig("bench/backend:" + backendPort,
                List.of(new Endpoint(backendHost, backendPort)), BackendProtocol.HTTP1, null, null);
        RuleConfig rule = new RuleConfig(0, null, List.of(new MatchConfig(PathMatch.prefix("/"), List.of(), List.of(),
                null)), List.of(), List.of(new WeightedBackend(1, backend, List.of())), null, null);
        RouteConfig route = new RouteConfig("bench", "route", Instant.parse("2024-01-01T00:00:00Z"), List.of(),
                List.of(rule));
        ListenerConfig listener = new ListenerConfig("http", port, Protocol.HTTP, null, List.of(), List.of(route));
        GatewayConfig gateway = new GatewayConfig("bench", "gw", host, null, null, List.of(listener));
        return new ProxyConfig("1", List.of(gateway));
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text + "' is not a number");
        }
    }
}
