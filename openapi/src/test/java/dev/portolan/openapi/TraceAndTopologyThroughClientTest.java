package dev.portolan.openapi;

import static dev.portolan.openapi.RunningPortolan.json;
import static dev.portolan.openapi.RunningPortolan.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.client.api.DefaultApi;
import dev.portolan.client.invoker.ApiClient;
import dev.portolan.client.invoker.ApiException;
import dev.portolan.client.model.ProxyConfig;
import dev.portolan.client.model.Summary;
import dev.portolan.client.model.Topology;
import dev.portolan.client.model.TopologyNode;
import dev.portolan.client.model.Trace;
import dev.portolan.client.model.TraceBackend;
import dev.portolan.client.model.TraceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The tracer and the topology (JSON and DOT) through the generated DefaultApi only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAndTopologyThroughClientTest {
    private RunningPortolan portolan;
    private DefaultApi api;
    /** Proxy configs hold private keys: they need a token even from loopback. */
    private DefaultApi withToken;

    @BeforeAll
    void start() throws Exception {
        portolan = RunningPortolan.start("");
        api = portolan.api();
        withToken = portolan.writes();
    }

    @AfterAll
    void stop() throws Exception {
        if (portolan != null) {
            portolan.close();
        }
    }

    @Test
    void tracesAuthExampleComToTheBackendWithTls() throws ApiException {
        Trace trace = api.tracePost(new TraceRequest().gateway("default/example-gateway")
                .host("auth.example.com").path("/login"));
        assertTrue(trace.getMatched(), trace.toString());
        assertEquals("auth", trace.getRoute().getName());
        assertEquals("http", trace.getListener().getName());
        TraceBackend backend = trace.getBackends().get(0);
        assertEquals("default/auth-service:443", backend.getName());
        assertEquals("auth.example.com", backend.getTls().getSni());
        assertEquals("BackendTLSPolicy/default/tls-upstream-auth", backend.getTls().getPolicy());
        assertTrue(trace.getConfigVersion().matches("[0-9a-f]{16}"), trace.toString());
    }

    @Test
    void tracesTheTimeoutExampleWithItsRuleTimeouts() throws ApiException {
        Trace trace = api.tracePost(new TraceRequest().gateway("default/example-gateway").method("GET")
                .path("/timeout/slow").headers(Map.of("X-Debug", List.of("1"))));
        assertEquals("timeout-example", trace.getRoute().getName());
        assertEquals("10s", trace.getTimeouts().getRequest().getValue());
        assertEquals("2s", trace.getTimeouts().getBackendRequest().getValue());
    }

    @Test
    void traceGetAnswersLikePost() throws ApiException {
        Trace trace = api.traceGet("default/example-gateway", null, "80", null, "store.example.com",
                "GET", "/cart", List.of("X-User:alice"));
        assertEquals("store", trace.getRoute().getName());
    }

    @Test
    void traceOfAnUnknownGatewayIsAProblem() {
        ApiException e = assertThrows(ApiException.class,
                () -> api.tracePost(new TraceRequest().gateway("default/nope").path("/")));
        assertEquals(400, e.getCode());
        assertTrue(e.getResponseHeaders().firstValue("Content-Type").orElse("").contains("problem+json"));
        assertFalse(problem(e).path("detail").asText().isEmpty());
    }

    @Test
    void topologyLinksClassGatewaysRoutesBackendsAndPolicies() throws ApiException {
        Topology typed = api.topology(null, null, null);
        List<String> ids = typed.getNodes().stream().map(TopologyNode::getId).toList();
        JsonNode topology = json(typed);
        assertTrue(ids.containsAll(List.of("GatewayClass/portolan", "Gateway/default/hello-world",
                "HTTPRoute/default/timeout-example", "Service/default/timeout-svc")), ids.toString());
        assertTrue(hasEdge(topology, "TimeoutPolicy/default/hello-world-cap", "Gateway/default/hello-world",
                "policy"), topology.path("edges").toString());
        assertTrue(hasEdge(topology, "HTTPRoute/default/timeout-example", "Service/default/timeout-svc",
                "backend"), topology.path("edges").toString());

        JsonNode around = json(api.topology(null, "httproute/default/timeout-example", null));
        List<String> near = new ArrayList<>();
        around.path("nodes").forEach(n -> near.add(n.path("id").asText()));
        assertTrue(near.contains("Gateway/default/example-gateway"));
        assertFalse(near.contains("HTTPRoute/default/auth"), near.toString());
    }

    @Test
    void topologyAsDotThroughTheClientsResponseHook() throws ApiException {
        // The generated method parses every 200 body as JSON; DOT is read in the response interceptor, which
        // runs first and leaves an empty body, so the method returns null.
        ApiClient client = portolan.reader();
        AtomicReference<String> dot = new AtomicReference<>();
        AtomicReference<String> type = new AtomicReference<>();
        client.setResponseInterceptor(response -> {
            type.set(response.headers().firstValue("Content-Type").orElse(""));
            try {
                dot.set(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertNull(new DefaultApi(client).topology("default", null, "dot"));
        assertTrue(type.get().startsWith("text/vnd.graphviz"), type.get());
        assertTrue(dot.get().startsWith("digraph"), dot.get());
        assertTrue(dot.get().contains("\"HTTPRoute/default/timeout-example\""), dot.get());
    }

    @Test
    void summaryAndProxyConfigAnswer() throws ApiException {
        Summary summary = api.summary();
        assertEquals("Portolan", summary.getName());
        assertTrue(summary.getCounts().get("HTTPRoute") > 0, summary.getCounts().toString());
        ProxyConfig config = withToken.config(null, "0s", null);
        assertEquals(summary.getConfigVersion(), config.getVersion());
    }

    @Test
    void aProxyCanAskForItsGatewaysConfigOnly() throws ApiException {
        ProxyConfig whole = withToken.config(null, "0s", null);
        assertTrue(whole.getGateways().size() > 1, "the demo has several Gateways: " + whole);
        ProxyConfig one = withToken.config(null, "0s", "default/hello-world");
        assertEquals(1, one.getGateways().size(), one.toString());
        assertEquals("hello-world", one.getGateways().get(0).getName());
    }

    private static boolean hasEdge(JsonNode topology, String from, String to, String type) {
        for (JsonNode edge : topology.path("edges")) {
            if (edge.path("from").asText().equals(from) && edge.path("to").asText().equals(to)
                    && edge.path("type").asText().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
