package dev.portolan.api.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.problem.ApiException;
import dev.portolan.api.trace.PipelineFixtures.Pipeline;
import dev.portolan.proxy.config.ContentVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracer over the real pipeline's output for the demo manifests (the announcement's examples). */
class TraceBuilderTest {
    private static final Pipeline DEMO = PipelineFixtures.demo();

    private static ObjectNode trace(Pipeline pipeline, String gateway, String host, String method, String path,
                                    Map<String, List<String>> headers) {
        TraceRequest request = TraceRequests.of(gateway, null, null, null, host, method, path, headers);
        return TraceBuilder.trace(request, pipeline.compiled(), pipeline.computed(), TraceBuilder.DEFAULT_MISSES);
    }

    @Test
    void timeoutExampleGetsItsOwnRequestAndBackendRequestTimeouts() {
        ObjectNode trace = trace(DEMO, "default/example-gateway", "www.example.com", "GET", "/timeout/slow?x=1",
                Map.of());

        assertEquals(ContentVersion.of(DEMO.config().gateways()), trace.path("configVersion").asText());
        assertEquals("http", trace.at("/listener/name").asText());
        assertEquals(80, trace.at("/listener/port").asInt());
        assertTrue(trace.path("matched").asBoolean());
        assertEquals("timeout-example", trace.at("/route/name").asText());
        assertEquals(0, trace.at("/route/rule").asInt());
        assertEquals(0, trace.at("/route/matchIndex").asInt());
        assertEquals("PathPrefix /timeout", trace.at("/route/match").asText());
        assertEquals("/api/v1/httproutes/default/timeout-example", trace.at("/route/links/self").asText());
        assertEquals("10s", trace.at("/timeouts/request/value").asText());
        assertEquals("PT10S", trace.at("/timeouts/request/duration").asText());
        assertEquals("HTTPRoute default/timeout-example spec.rules[0].timeouts.request",
                trace.at("/timeouts/request/source").asText());
        assertEquals("2s", trace.at("/timeouts/backendRequest/value").asText());
        JsonNode backend = trace.at("/backends/0");
        assertEquals("default/timeout-svc:8080", backend.path("name").asText());
        assertEquals(1, backend.path("weight").asInt());
        assertEquals(100.0, backend.path("sharePercent").asDouble());
        assertEquals("127.0.0.1:9081", backend.at("/endpoints/0").asText());
        assertEquals("/timeout/slow?x=1", trace.at("/upstreamRequest/path").asText());
        assertEquals("forwarded to a backend", trace.path("outcome").asText());
        assertTrue(trace.path("steps").size() >= 5, trace.toPrettyString());
    }

    @Test
    void theTracerNormalizesThePathAsTheProxyDoes() {
        // issue 11 finding 1: "/x/../timeout" and "/%74imeout" are routed (and forwarded) as "/timeout"
        for (String sent : List.of("/x/../timeout/slow?x=1", "/%74imeout/slow?x=1")) {
            ObjectNode trace = trace(DEMO, "default/example-gateway", "www.example.com", "GET", sent, Map.of());
            assertEquals("timeout-example", trace.at("/route/name").asText(), trace.toPrettyString());
            assertEquals("/timeout/slow", trace.at("/request/path").asText());
            assertEquals(sent.substring(0, sent.indexOf('?')), trace.at("/request/receivedPath").asText());
            assertEquals("/timeout/slow?x=1", trace.at("/upstreamRequest/path").asText());
            assertTrue(trace.path("steps").get(0).asText().contains("normalized to '/timeout/slow'"),
                    trace.path("steps").toPrettyString());
        }
        ObjectNode refused = trace(DEMO, "default/example-gateway", "www.example.com", "GET", "/timeout%2Fslow",
                Map.of());
        assertFalse(refused.path("matched").asBoolean());
        assertEquals("400 Bad Request", refused.path("outcome").asText());
    }

    @Test
    void helloWorldsEchoRouteGetsBackendRequestFromTheGatewayOverride() {
        ObjectNode trace = trace(DEMO, "default/hello-world", "hello.example.org", "GET", "/", Map.of());

        assertEquals("echo", trace.at("/route/name").asText());
        assertEquals("5s", trace.at("/timeouts/backendRequest/value").asText());
        assertEquals("PT5S", trace.at("/timeouts/backendRequest/duration").asText());
        assertTrue(trace.at("/timeouts/backendRequest/override").asBoolean());
        assertEquals("TimeoutPolicy default/hello-world-cap spec.override.backendRequest (attached to Gateway "
                + "default/hello-world)", trace.at("/timeouts/backendRequest/source").asText());
        assertEquals("30s", trace.at("/timeouts/request/value").asText(), "class default");
        assertTrue(trace.at("/timeouts/request/source").asText().startsWith("TimeoutPolicy default/class-defaults"));
        assertTrue(trace.path("steps").toString().contains("backendRequest timeout 5s from TimeoutPolicy"),
                trace.path("steps").toPrettyString());
    }

    @Test
    void authHostGoesToAuthServiceOverTlsWithTheConfigMapCa() {
        ObjectNode trace = trace(DEMO, "default/example-gateway", "auth.example.com:80", "GET", "/login", Map.of());

        assertEquals("auth", trace.at("/route/name").asText());
        assertEquals("auth.example.com", trace.path("virtualHost").asText());
        JsonNode tls = trace.at("/backends/0/tls");
        assertEquals("default/auth-service:443", trace.at("/backends/0/name").asText());
        assertEquals("auth.example.com", tls.path("sni").asText());
        assertEquals("BackendTLSPolicy/default/tls-upstream-auth", tls.path("policy").asText());
        assertEquals("default/auth-cert", tls.at("/caSources/0/configMap").asText());
        assertEquals("ca.crt", tls.at("/caSources/0/key").asText());
        assertFalse(tls.path("useSystemCAs").asBoolean());
        assertFalse(tls.has("problem"));
        assertTrue(trace.path("steps").toString().contains("TLS with SNI auth.example.com"));
    }

    private static final String MATCHES = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: shop
            spec:
              parentRefs:
              - name: example-gateway
              hostnames: ["shop.example.com"]
              rules:
              - matches:
                - path: {type: PathPrefix, value: /api}
                  method: POST
                  headers:
                  - {name: x-env, value: canary}
                backendRefs:
                - {name: echo, port: 8080, weight: 1}
                - {name: timeout-svc, port: 8080, weight: 3}
              - matches:
                - path: {type: PathPrefix, value: /api}
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier:
                    set: [{name: x-stage, value: stable}]
                    add: [{name: x-trace, value: portolan}]
                    remove: [x-drop]
                - type: URLRewrite
                  urlRewrite:
                    path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}
                backendRefs:
                - {name: echo, port: 8080}
              - matches:
                - path: {type: Exact, value: /old}
                filters:
                - type: RequestRedirect
                  requestRedirect:
                    scheme: https
                    hostname: new.example.com
                    statusCode: 301
            """;

    @Test
    void headerAndMethodMatchesWinAndSplitByWeight() {
        Pipeline pipeline = PipelineFixtures.demoWith(MATCHES);
        ObjectNode trace = trace(pipeline, "default/example-gateway", "shop.example.com", "POST", "/api/items",
                Map.of("X-Env", List.of("canary")));

        assertEquals("shop", trace.at("/route/name").asText());
        assertEquals(0, trace.at("/route/rule").asInt());
        assertEquals("PathPrefix /api, method POST, header x-env Exact 'canary'", trace.at("/route/match").asText());
        assertEquals(25.0, trace.at("/backends/0/sharePercent").asDouble());
        assertEquals(75.0, trace.at("/backends/1/sharePercent").asDouble());
    }

    @Test
    void theCloseRuleSaysWhyNotAndTheFiltersShowTheirEffect() {
        Pipeline pipeline = PipelineFixtures.demoWith(MATCHES);
        ObjectNode trace = trace(pipeline, "default/example-gateway", "shop.example.com", "GET", "/api/items?q=1",
                Map.of("x-drop", List.of("secret"), "x-trace", List.of("client")));

        assertEquals(1, trace.at("/route/rule").asInt());
        // Fewest failed conditions first: rule 2 (Exact /old) fails one condition, rule 0 two.
        assertEquals(2, trace.at("/closestMisses/0/rule").asInt());
        JsonNode miss = trace.at("/closestMisses/1");
        assertEquals("default/shop", miss.path("route").asText());
        assertEquals(0, miss.path("rule").asInt());
        assertEquals(List.of("method GET is not POST", "header 'x-env' is missing (wanted Exact 'canary')"),
                List.of(miss.at("/reasons/0").asText(), miss.at("/reasons/1").asText()));
        assertEquals("RequestHeaderModifier", trace.at("/filters/0/type").asText());
        assertEquals("stable", trace.at("/filters/0/set/x-stage").asText());
        assertEquals("URLRewrite", trace.at("/filters/1/type").asText());
        assertEquals("/v2/items", trace.at("/filters/1/path").asText());
        JsonNode upstream = trace.path("upstreamRequest");
        assertEquals("/v2/items?q=1", upstream.path("path").asText());
        assertEquals("stable", upstream.at("/headers/x-stage/0").asText());
        assertEquals("client,portolan", upstream.at("/headers/x-trace/0").asText());
        assertFalse(upstream.path("headers").has("x-drop"));
        assertTrue(trace.path("steps").toString().contains("closest rule that did not match: default/shop rule 2"));
    }

    @Test
    void aRedirectAnswersWithTheLocationAndNoBackend() {
        Pipeline pipeline = PipelineFixtures.demoWith(MATCHES);
        ObjectNode trace = trace(pipeline, "default/example-gateway", "shop.example.com", "GET", "/old?a=b",
                Map.of());

        assertEquals(2, trace.at("/route/rule").asInt());
        assertEquals("https://new.example.com/old?a=b", trace.at("/filters/0/location").asText());
        assertEquals("301 redirect to https://new.example.com/old?a=b", trace.path("outcome").asText());
        assertEquals(0, trace.path("backends").size());
    }

    @Test
    void noRuleMatchingExplainsTheClosestMiss() {
        Pipeline pipeline = PipelineFixtures.demoWith(MATCHES);
        ObjectNode trace = trace(pipeline, "default/example-gateway", "shop.example.com", "GET", "/nothing",
                Map.of());

        assertFalse(trace.path("matched").asBoolean());
        assertEquals("404 Not Found", trace.path("outcome").asText());
        assertTrue(trace.path("closestMisses").size() >= 3);
        assertTrue(trace.at("/closestMisses/0/reasons/0").asText().startsWith("path '/nothing' does not match"));
    }

    @Test
    void aHostNoListenerAcceptsIsExplained() {
        Pipeline pipeline = PipelineFixtures.of("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: portolan}
                spec: {controllerName: portolan.dev/gateway-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: web, namespace: shop}
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - {name: http, protocol: HTTP, port: 8080, hostname: "*.example.com"}
                """);
        ObjectNode trace = trace(pipeline, "shop/web", "other.org", "GET", "/", Map.of());

        assertTrue(trace.path("listener").isNull());
        assertEquals("no listener on this port accepts host 'other.org'", trace.path("problem").asText());
        assertEquals(8080, trace.at("/request/port").asInt(), "the only port is taken when none is given");
    }

    @Test
    void badInputNamesTheField() {
        CompiledConfig compiled = DEMO.compiled();
        ApiException unknown = assertThrows(ApiException.class, () -> TraceBuilder.trace(
                TraceRequests.of("default/nope", null, null, null, "a", "GET", "/", Map.of()), compiled,
                DEMO.computed(), 5));
        assertEquals("gateway", unknown.field());
        assertTrue(unknown.reason().contains("default/nope"), unknown.reason());

        ApiException port = assertThrows(ApiException.class, () -> TraceBuilder.trace(
                TraceRequests.of("default/example-gateway", null, 8443, null, "a", "GET", "/", Map.of()), compiled,
                DEMO.computed(), 5));
        assertEquals("port", port.field());
        assertTrue(port.reason().contains("[80]"), port.reason());

        ApiException path = assertThrows(ApiException.class,
                () -> TraceRequests.of("default/example-gateway", null, null, null, "a", "GET", null, Map.of()));
        assertEquals("path", path.field());
    }

    @Test
    void routeTablesAreCompiledPerConfigAndFoundByAddress() {
        CompiledConfig compiled = DEMO.compiled();
        assertEquals(Map.of(80, true), Map.of(80, compiled.tables().get("default/example-gateway").containsKey(80)));
        String address = DEMO.config().gateways().stream().filter(g -> g.name().equals("hello-world"))
                .findFirst().orElseThrow().address();
        ObjectNode trace = TraceBuilder.trace(TraceRequests.of(null, address, 80, null, "x", "GET", "/", Map.of()),
                compiled, DEMO.computed(), 5);
        assertEquals("hello-world", trace.at("/gateway/name").asText());
    }
}
