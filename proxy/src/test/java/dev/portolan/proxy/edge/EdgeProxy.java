package dev.portolan.proxy.edge;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.HeaderValue;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ListenFixtures;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real proxy (ProxyServer + HttpForwarder on a loopback port) in front of a real echo backend. Each rule adds
 * {@code X-Route: <rule name>} to the request, so the echo answer shows which rule matched and what path the
 * backend received.
 */
final class EdgeProxy implements AutoCloseable {
    static final String ADDRESS = "127.0.0.1";
    static final int SPEC_PORT = 80;

    final EchoServer echo;
    final ProxyServer proxy;
    final int port;

    private EdgeProxy(EchoServer echo, ProxyServer proxy, int port) {
        this.echo = echo;
        this.proxy = proxy;
        this.port = port;
    }

    /**
     * A rule named {@code name} matching {@code path}, to {@code backend} (null: the echo backend) with optional
     * timeouts.
     */
    record Rule(String name, PathMatch path, BackendConfig backend, TimeoutsConfig timeouts) {
        static Rule prefix(String name, String prefix) {
            return new Rule(name, PathMatch.prefix(prefix), null, null);
        }

        static Rule regex(String name, String regex) {
            return new Rule(name, PathMatch.regex(regex), null, null);
        }

        Rule to(BackendConfig other) {
            return new Rule(name, path, other, timeouts);
        }

        Rule within(TimeoutsConfig limits) {
            return new Rule(name, path, backend, limits);
        }
    }

    static EdgeProxy start(ProxyServerOptions options, Rule... rules) throws Exception {
        EchoServer echo = EchoServer.start(EchoOptions.of("edge-backend", "infra"));
        return start(options, new BackendConfig("infra/echo:8080", List.of(new Endpoint(echo.host(),
                echo.httpPort())), BackendProtocol.HTTP1, null, null), echo, rules);
    }

    static EdgeProxy start(ProxyServerOptions options, BackendConfig backend, EchoServer echo, Rule... rules)
            throws Exception {
        int offset = ListenFixtures.freeOffset(List.of(SPEC_PORT), ADDRESS);
        ProxyServer proxy = new ProxyServer(new HttpForwarder(), options.withPortOffset(offset), new GatewayMetrics());
        proxy.start();
        proxy.apply(config(backend, rules));
        return new EdgeProxy(echo, proxy, SPEC_PORT + offset);
    }

    static ProxyConfig config(BackendConfig backend, Rule... rules) {
        List<RuleConfig> out = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            Rule rule = rules[i];
            FilterConfig tag = new FilterConfig.RequestHeaderModifier(List.of(new HeaderValue("X-Route", rule.name())),
                    List.of(), List.of());
            out.add(new RuleConfig(i, rule.name(), List.of(new MatchConfig(rule.path(), List.of(), List.of(), null)),
                    List.of(tag), List.of(new WeightedBackend(1, rule.backend() == null ? backend : rule.backend(),
                    List.of())), rule.timeouts(), null));
        }
        RouteConfig route = new RouteConfig("apps", "edge", Instant.parse("2024-01-01T00:00:00Z"), List.of(), out);
        ListenerConfig listener = new ListenerConfig("http", SPEC_PORT, Protocol.HTTP, null, List.of(),
                List.of(route));
        GatewayConfig gateway = new GatewayConfig("infra", "edge", ADDRESS, null, null, List.of(listener));
        return new ProxyConfig("1", List.of(gateway));
    }

    String url(String pathAndQuery) {
        return "http://" + ADDRESS + ":" + port + pathAndQuery;
    }

    @Override
    public void close() throws Exception {
        proxy.close();
        if (echo != null) {
            echo.close();
        }
    }
}
