package dev.portolan.proxy.forward;

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
import dev.portolan.proxy.config.RetryConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.echo.EchoServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short builders for forwarder tests: one gateway, one route, rules by path prefix. */
final class Configs {

    static final int SPEC_PORT = 80;

    private Configs() {
    }

    static ProxyConfig config(RuleConfig... rules) {
        return config(SPEC_PORT, rules);
    }

    static ProxyConfig config(int specPort, RuleConfig... rules) {
        RouteConfig route = new RouteConfig("default", "route", Instant.parse("2024-01-01T00:00:00Z"), List.of(),
                renumber(rules));
        ListenerConfig listener = new ListenerConfig("http", specPort, Protocol.HTTP, null, List.of(), List.of(route));
        GatewayConfig gateway = new GatewayConfig("default", "gw", "127.0.0.1", null, null, List.of(listener));
        return new ProxyConfig("1", List.of(gateway));
    }

    private static List<RuleConfig> renumber(RuleConfig[] rules) {
        List<RuleConfig> out = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            RuleConfig r = rules[i];
            out.add(new RuleConfig(i, r.name(), r.matches(), r.filters(), r.backends(), r.timeouts(), r.retry()));
        }
        return out;
    }

    static RuleConfig rule(String prefix, List<FilterConfig> filters, WeightedBackend... backends) {
        return new RuleConfig(0, null, List.of(prefix(prefix)), filters, Arrays.asList(backends), null, null);
    }

    static RuleConfig withTimeouts(RuleConfig rule, TimeoutsConfig timeouts) {
        return new RuleConfig(rule.index(), rule.name(), rule.matches(), rule.filters(), rule.backends(), timeouts,
                rule.retry());
    }

    static RuleConfig withRetry(RuleConfig rule, RetryConfig retry) {
        return new RuleConfig(rule.index(), rule.name(), rule.matches(), rule.filters(), rule.backends(),
                rule.timeouts(), retry);
    }

    static MatchConfig prefix(String prefix) {
        return new MatchConfig(PathMatch.prefix(prefix), List.of(), List.of(), null);
    }

    static WeightedBackend weighted(int weight, BackendConfig backend, FilterConfig... filters) {
        return new WeightedBackend(weight, backend, List.of(filters));
    }

    static WeightedBackend to(BackendConfig backend) {
        return weighted(1, backend);
    }

    static BackendConfig backend(String name, EchoServer... echoes) {
        return backend(name, BackendProtocol.HTTP1, echoes);
    }

    static BackendConfig backend(String name, BackendProtocol protocol, EchoServer... echoes) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (EchoServer echo : echoes) {
            int port = protocol == BackendProtocol.H2C ? echo.h2cPort().orElseThrow() : echo.httpPort();
            endpoints.add(new Endpoint(echo.host(), port));
        }
        return new BackendConfig(name, endpoints, protocol, null, null);
    }

    static BackendConfig tlsBackend(String name, EchoServer echo, UpstreamTls tls) {
        return new BackendConfig(name, List.of(new Endpoint(echo.host(), echo.httpsPort().orElseThrow())),
                BackendProtocol.HTTP1, tls, null);
    }

    static HeaderValue header(String name, String value) {
        return new HeaderValue(name, value);
    }
}
