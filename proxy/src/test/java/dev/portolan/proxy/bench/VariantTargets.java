package dev.portolan.proxy.bench;

import dev.portolan.proxy.bench.FixedBodyBackend.Wire;
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
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ApplyResult;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Load-test processes for {@code bench/proxy-vs-peers.sh}, one port per benchmark variant, each process running
 * until killed in its own JVM (so that the script reads the CPU time of the proxy alone from /proc):
 * <ul>
 *   <li>{@code backends HOST PORT:BODY_BYTES:WIRE[:PKCS12] ...}: one {@link FixedBodyBackend} per spec; WIRE is
 *       http1, h2c or tls (key store password {@value #KEY_STORE_PASSWORD}).</li>
 *   <li>{@code proxy HOST PORT:BACKEND_PORT:WIRE[:CA_PEM[:SNI]] ...}: one {@link ProxyServer} with
 *       {@link HttpForwarder} and the default {@link ProxyServerOptions}; per spec one Gateway with one listener
 *       and one route (PathPrefix /, any host) to the backend on HOST:BACKEND_PORT, spoken to in WIRE.</li>
 * </ul>
 * Prints {@code READY} on stdout once every socket accepts requests.
 */
public final class VariantTargets {

    static final String KEY_STORE_PASSWORD = "bench";

    private VariantTargets() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("backends")) {
            List<FixedBodyBackend> backends = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                String[] spec = fields(args[i], 3, 4);
                Wire wire = wire(spec[2]);
                Path keyStore = spec.length > 3 ? Path.of(spec[3]) : null;
                backends.add(FixedBodyBackend.start(args[1], port(spec[0]), number(spec[1], "body size"), wire,
                        keyStore, KEY_STORE_PASSWORD));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> backends.forEach(FixedBodyBackend::close),
                    "backends-shutdown"));
        } else if (args.length >= 3 && args[0].equals("proxy")) {
            ProxyServer proxy = startProxy(config(args[1], List.of(args).subList(2, args.length)));
            Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "proxy-shutdown"));
        } else {
            System.err.println("usage: VariantTargets backends HOST PORT:BODY_BYTES:http1|h2c|tls[:PKCS12] ..."
                    + " | proxy HOST PORT:BACKEND_PORT:http1|h2c|tls[:CA_PEM[:SNI]] ...");
            System.exit(2);
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static ProxyServer startProxy(ProxyConfig config) throws Exception {
        ProxyServer proxy = new ProxyServer(new HttpForwarder(), ProxyServerOptions.defaults(), new GatewayMetrics());
        proxy.start();
        ApplyResult result = proxy.apply(config);
        if (!result.openFailures().isEmpty()) {
            proxy.close();
            throw new IllegalStateException("proxy sockets did not open: " + result.openFailures());
        }
        return proxy;
    }

    /** Per spec one Gateway on HOST:PORT with one listener and one route (PathPrefix /) to the backend. */
    static ProxyConfig config(String host, List<String> specs) throws Exception {
        List<GatewayConfig> gateways = new ArrayList<>();
        for (String text : specs) {
            String[] spec = fields(text, 3, 5);
            int port = port(spec[0]);
            int backendPort = port(spec[1]);
            Wire wire = wire(spec[2]);
            UpstreamTls tls = null;
            if (wire == Wire.TLS) {
                if (spec.length < 4) {
                    throw new IllegalArgumentException("proxy spec '" + text + "': a tls backend needs CA_PEM");
                }
                String sni = spec.length > 4 ? spec[4] : "localhost";
                tls = new UpstreamTls(sni, List.of(Files.readString(Path.of(spec[3]))), false, List.of(), null);
            }
            BackendConfig backend = new BackendConfig("bench/backend:" + backendPort,
                    List.of(new Endpoint(host, backendPort)), wire == Wire.H2C ? BackendProtocol.H2C
                    : BackendProtocol.HTTP1, tls, null);
            RuleConfig rule = new RuleConfig(0, null, List.of(new MatchConfig(PathMatch.prefix("/"), List.of(),
                    List.of(), null)), List.of(), List.of(new WeightedBackend(1, backend, List.of())), null, null);
            RouteConfig route = new RouteConfig("bench", "route-" + port, Instant.parse("2024-01-01T00:00:00Z"),
                    List.of(), List.of(rule));
            ListenerConfig listener = new ListenerConfig("http", port, Protocol.HTTP, null, List.of(),
                    List.of(route));
            gateways.add(new GatewayConfig("bench", "gw-" + port, host, null, null, List.of(listener)));
        }
        return new ProxyConfig("1", gateways);
    }

    private static String[] fields(String spec, int min, int max) {
        String[] fields = spec.split(":");
        if (fields.length < min || fields.length > max) {
            throw new IllegalArgumentException("spec '" + spec + "' has " + fields.length + " fields, expected "
                    + min + " to " + max);
        }
        return fields;
    }

    private static Wire wire(String text) {
        try {
            return Wire.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wire '" + text + "' is not http1, h2c or tls");
        }
    }

    private static int port(String text) {
        int port = number(text, "port");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        return port;
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number");
        }
    }
}
