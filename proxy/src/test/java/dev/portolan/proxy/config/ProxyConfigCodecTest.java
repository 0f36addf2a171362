package dev.portolan.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyConfigCodecTest {

    static ProxyConfig fullConfig() {
        UpstreamTls tls = new UpstreamTls("backend.internal", List.of("-----BEGIN CERTIFICATE-----\nCA\n"), false,
                List.of("backend.internal", "spiffe://cluster/ns/app"), null);
        BackendConfig secure = new BackendConfig("app/secure:443", List.of(new Endpoint("10.0.0.2", 8443)),
                BackendProtocol.HTTP1, tls, null);
        BackendConfig missing = new BackendConfig("app/missing:80", List.of(), BackendProtocol.H2C, null,
                "Service app/missing not found");
        BackendConfig ws = new BackendConfig("app/ws:80", List.of(new Endpoint("10.0.0.3", 80)), BackendProtocol.WS,
                null, null);
        List<FilterConfig> filters = List.of(
                new FilterConfig.RequestHeaderModifier(List.of(new HeaderValue("x-set", "1")),
                        List.of(new HeaderValue("x-add", "2")), List.of("x-remove")),
                new FilterConfig.ResponseHeaderModifier(List.of(), List.of(new HeaderValue("x-resp", "3")), List.of()),
                new FilterConfig.RequestRedirect("https", "secure.example.com",
                        new PathModifier(PathModifier.Type.PREFIX, "/new"), 8443, 301),
                new FilterConfig.UrlRewrite("rewritten.example.com", new PathModifier(PathModifier.Type.FULL, "/x")),
                new FilterConfig.RequestMirror(ws, 1, 10),
                new FilterConfig.Cors(List.of("https://a.example"), List.of("GET"), List.of("x-h"), List.of("x-e"),
                        true, 600));
        RuleConfig rule = new RuleConfig(0, "main",
                List.of(new MatchConfig(PathMatch.prefix("/api"), List.of(HeaderMatch.regex("x-v", "v[0-9]")),
                        List.of(QueryParamMatch.exact("debug", "1")), "GET"), MatchConfig.any()),
                filters,
                List.of(new WeightedBackend(80, secure, List.of()), new WeightedBackend(20, missing,
                        List.of(new FilterConfig.RequestHeaderModifier(List.of(), List.of(), List.of("x-b"))))),
                new TimeoutsConfig(Duration.ofSeconds(10), Duration.ofMillis(1500)),
                new RetryConfig(List.of(502, 503), 2, Duration.ofMillis(100)));
        RouteConfig route = new RouteConfig("app", "web", Instant.parse("2024-05-01T12:00:00Z"),
                List.of("www.example.com", "*.example.org"), List.of(rule,
                new RuleConfig(1, null, List.of(), List.of(), List.of(), null, null)));
        ListenerConfig https = new ListenerConfig("https", 443, Protocol.HTTPS, "*.example.com",
                List.of(new CertificateConfig("-----BEGIN CERTIFICATE-----\nLEAF\n", "-----BEGIN PRIVATE KEY-----\nK\n")),
                List.of(route));
        ListenerConfig http = new ListenerConfig("http", 80, Protocol.HTTP, null, List.of(), List.of(route));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("z", "last");
        labels.put("a", "first");
        return new ProxyConfig("42", List.of(new GatewayConfig("infra", "gw", "0.0.0.0", labels,
                Map.of("note", "x"), List.of(http, https))));
    }

    @Test
    void roundTripIsExact() {
        ProxyConfig config = fullConfig();
        String json = ProxyConfigCodec.toJson(config);
        ProxyConfig back = ProxyConfigCodec.fromJson(json);
        assertEquals(config, back);
        assertEquals(json, ProxyConfigCodec.toJson(back));
    }

    @Test
    void assembledPerGatewayIsTheSameTextAsEncodingTheWholeConfig() {
        ProxyConfig full = fullConfig();
        GatewayConfig gateway = full.gateways().get(0);
        GatewayConfig other = new GatewayConfig("infra", "other", "127.0.0.2", Map.of(), Map.of(), List.of());
        for (ProxyConfig config : List.of(full, new ProxyConfig("7", List.of()),
                new ProxyConfig("a.b_c-d", List.of(gateway, other)), new ProxyConfig("8", List.of(other, gateway)))) {
            assertEquals(ProxyConfigCodec.toJsonWhole(config), ProxyConfigCodec.toJson(config));
            assertEquals(ProxyConfigCodec.toJsonWhole(config), ProxyConfigCodec.toJson(config), "from the cache");
        }
        // an equal Gateway under the same name, then a changed one: each encoded as it is
        GatewayConfig renamedListener = new GatewayConfig("infra", "other", "127.0.0.2", Map.of(), Map.of(),
                List.of(new ListenerConfig("l", 80, Protocol.HTTP, null, List.of(), List.of())));
        ProxyConfig changed = new ProxyConfig("9", List.of(gateway, renamedListener));
        assertEquals(ProxyConfigCodec.toJsonWhole(changed), ProxyConfigCodec.toJson(changed));
        assertTrue(ProxyConfigCodec.toJson(changed).contains("\"name\":\"l\""));
    }

    /** A changed Gateway reuses the JSON of its route configs that are the same objects; the text is the same. */
    @Test
    void aGatewayWithSomeRoutesChangedIsTheSameTextAsEncodingItWhole() {
        GatewayConfig gateway = fullConfig().gateways().get(0);
        ProxyConfig first = new ProxyConfig("1", List.of(gateway));
        assertEquals(ProxyConfigCodec.toJsonWhole(first), ProxyConfigCodec.toJson(first));
        ListenerConfig listener = gateway.listeners().get(0);
        RouteConfig route = listener.routes().get(0);
        RouteConfig renamed = new RouteConfig(route.namespace(), route.name() + "-2", route.creationTimestamp(),
                route.hostnames(), route.rules());
        List<RouteConfig> routes = new java.util.ArrayList<>(listener.routes());
        routes.add(renamed);
        List<ListenerConfig> listeners = new java.util.ArrayList<>(gateway.listeners());
        listeners.set(0, new ListenerConfig(listener.name(), listener.port(), listener.protocol(),
                listener.hostname(), listener.certificates(), routes));
        GatewayConfig changed = new GatewayConfig(gateway.namespace(), gateway.name(), gateway.address(),
                gateway.infrastructureLabels(), gateway.infrastructureAnnotations(), listeners);
        ProxyConfig second = new ProxyConfig("2", List.of(changed));
        assertEquals(ProxyConfigCodec.toJsonWhole(second), ProxyConfigCodec.toJson(second));
        assertTrue(ProxyConfigCodec.toJson(second).contains("\"name\":\"" + route.name() + "-2\""));
        assertEquals(ProxyConfigCodec.toJsonWhole(first), ProxyConfigCodec.toJson(first), "and back");
    }

    @Test
    void outputIsDeterministicAndReadable() {
        String json = ProxyConfigCodec.toJson(fullConfig());
        assertTrue(json.contains("\"infrastructureLabels\":{\"a\":\"first\",\"z\":\"last\"}"), json);
        assertTrue(json.contains("\"type\":\"RequestRedirect\""), json);
        assertTrue(json.contains("\"type\":\"URLRewrite\""), json);
        assertTrue(json.contains("\"request\":\"PT10S\",\"backendRequest\":\"PT1.5S\""), json);
        assertTrue(json.contains("\"creationTimestamp\":\"2024-05-01T12:00:00Z\""), json);
        assertFalse(json.contains("usable"), "derived accessors stay out of the wire format");
    }

    @Test
    void absentListsReadAsEmpty() {
        ProxyConfig config = ProxyConfigCodec.fromJson("{\"version\":1,\"gateways\":[{\"namespace\":\"n\","
                + "\"name\":\"g\",\"listeners\":[{\"name\":\"l\",\"port\":80,\"protocol\":\"HTTP\"}]}]}");
        ListenerConfig listener = config.gateways().get(0).listeners().get(0);
        assertEquals(List.of(), listener.routes());
        assertEquals(Map.of(), config.gateways().get(0).infrastructureLabels());
    }

    @Test
    void unknownFieldIsRejectedWithItsPath() {
        ProxyConfigException e = assertThrows(ProxyConfigException.class, () -> ProxyConfigCodec.fromJson(
                "{\"version\":1,\"gateways\":[{\"namespace\":\"n\",\"name\":\"g\",\"listeners\":"
                        + "[{\"name\":\"l\",\"port\":80,\"protocol\":\"HTTP\",\"hostnme\":\"x\"}]}]}"));
        assertEquals("$.gateways[0].listeners[0].hostnme", e.jsonPath());
        assertEquals("ProxyConfig JSON at $.gateways[0].listeners[0].hostnme: unknown field 'hostnme'",
                e.getMessage());
    }

    @Test
    void missingRequiredFieldNamesRecordAndField() {
        ProxyConfigException e = assertThrows(ProxyConfigException.class, () -> ProxyConfigCodec.fromJson(
                "{\"version\":1,\"gateways\":[{\"namespace\":\"n\",\"listeners\":[]}]}"));
        assertEquals("ProxyConfig JSON at $.gateways[0]: GatewayConfig.name is required and must not be blank",
                e.getMessage());
    }

    @Test
    void invalidValuesAreExplained() {
        ProxyConfigException port = assertThrows(ProxyConfigException.class, () -> ProxyConfigCodec.fromJson(
                "{\"version\":1,\"gateways\":[{\"namespace\":\"n\",\"name\":\"g\",\"listeners\":"
                        + "[{\"name\":\"l\",\"protocol\":\"HTTP\"}]}]}"));
        assertEquals("ProxyConfig JSON at $.gateways[0].listeners[0].port: required int is missing or null",
                port.getMessage());
        ProxyConfigException range = assertThrows(ProxyConfigException.class, () -> ProxyConfigCodec.fromJson(
                "{\"version\":1,\"gateways\":[{\"namespace\":\"n\",\"name\":\"g\",\"listeners\":"
                        + "[{\"name\":\"l\",\"port\":70000,\"protocol\":\"HTTP\"}]}]}"));
        assertEquals("ProxyConfig JSON at $.gateways[0].listeners[0]: ListenerConfig l.port must be 1..65535, "
                + "got 70000", range.getMessage());
        ProxyConfigException regex = assertThrows(ProxyConfigException.class, () -> ProxyConfigCodec.fromJson(
                "{\"version\":1,\"gateways\":[{\"namespace\":\"n\",\"name\":\"g\",\"listeners\":[{\"name\":\"l\","
                        + "\"port\":80,\"protocol\":\"HTTP\",\"routes\":[{\"namespace\":\"a\",\"name\":\"r\","
                        + "\"creationTimestamp\":\"2024-01-01T00:00:00Z\",\"rules\":[{\"index\":0,\"matches\":"
                        + "[{\"path\":{\"type\":\"REGEX\",\"value\":\"/(\"}}]}]}]}]}]}"));
        assertEquals("$.gateways[0].listeners[0].routes[0].rules[0].matches[0].path", regex.jsonPath());
        assertTrue(regex.getMessage().contains("PathMatch.value is not a valid RE2 regular expression: '/('"),
                regex.getMessage());
    }

    @Test
    void badDurationAndUnknownFilterTypeNameTheirPaths() {
        String prefix = "{\"version\":1,\"gateways\":[{\"namespace\":\"n\",\"name\":\"g\",\"listeners\":[{\"name\":"
                + "\"l\",\"port\":80,\"protocol\":\"HTTP\",\"routes\":[{\"namespace\":\"a\",\"name\":\"r\","
                + "\"creationTimestamp\":\"2024-01-01T00:00:00Z\",\"rules\":[{\"index\":0,";
        ProxyConfigException duration = assertThrows(ProxyConfigException.class, () -> ProxyConfigCodec.fromJson(
                prefix + "\"timeouts\":{\"request\":\"10s\"}}]}]}]}]}"));
        assertEquals("ProxyConfig JSON at $.gateways[0].listeners[0].routes[0].rules[0].timeouts.request: "
                + "expected an ISO-8601 duration, got '10s'", duration.getMessage());
        ProxyConfigException filter = assertThrows(ProxyConfigException.class, () -> ProxyConfigCodec.fromJson(
                prefix + "\"filters\":[{\"type\":\"Teleport\"}]}]}]}]}]}"));
        assertEquals("$.gateways[0].listeners[0].routes[0].rules[0].filters[0]", filter.jsonPath());
        assertTrue(filter.getMessage().contains("Teleport"), filter.getMessage());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ProxyConfigException e = assertThrows(ProxyConfigException.class,
                () -> ProxyConfigCodec.fromJson("{\"version\":1,\n\"gateways\":[}"));
        assertTrue(e.getMessage().startsWith("ProxyConfig JSON at line 2 column"), e.getMessage());
    }

    @Test
    void recordsAreImmutableAndDoNotPrintKeys() {
        ProxyConfig config = fullConfig();
        assertThrows(UnsupportedOperationException.class, () -> config.gateways().add(null));
        assertThrows(UnsupportedOperationException.class,
                () -> config.gateways().get(0).infrastructureLabels().put("k", "v"));
        CertificateConfig cert = config.gateways().get(0).listeners().get(1).certificates().get(0);
        assertFalse(cert.toString().contains("PRIVATE KEY"), cert.toString());
    }

    @Test
    void backendUsabilityReflectsProblems() {
        assertTrue(new BackendConfig("a", List.of(), BackendProtocol.HTTP1, null, null).isUsable());
        assertFalse(new BackendConfig("a", List.of(), BackendProtocol.HTTP1, null, "not found").isUsable());
        UpstreamTls broken = new UpstreamTls("a", List.of(), false, List.of(), "CA ConfigMap missing");
        assertFalse(new BackendConfig("a", List.of(), BackendProtocol.HTTP1, broken, null).isUsable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UpstreamTls("a", List.of(), false, List.of(), null));
        assertEquals("UpstreamTls a trusts nothing: set caPems or useSystemCAs, or set problem", e.getMessage());
    }
}
