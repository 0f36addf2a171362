package dev.portolan.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.proxy.admin.AdminServer;
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
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ListenFixtures;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Metrics, access log and request ids through the real proxy (ProxyServer + HttpForwarder on a loopback port, real
 * echo backend, the admin server's /metrics). Gateway infra/edge has two listeners on port 80 (www.test with
 * routes apps/shop and apps/api, other.test with apps/other); apps/shop and apps/other share backend
 * apps/shop:8080.
 */
class ObservabilityTest {
    private static final String ADDRESS = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GATEWAY_LABELS = "gateway=\"edge\",gateway_namespace=\"infra\","
            + "label_app_kubernetes_io_name=\"edge\",label_team=\"blue\"";

    private static EchoServer echo;
    private static ProxyServer proxy;
    private static AdminServer admin;
    private static int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ListAppender<ILoggingEvent> accessLines;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("obs-backend", "apps"));
        int offset = ListenFixtures.freeOffset(List.of(80), ADDRESS);
        port = 80 + offset;
        proxy = new ProxyServer(new HttpForwarder(), ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        admin = new AdminServer(proxy, "127.0.0.1", 0);
        admin.start();
        BackendConfig shop = backend("apps/shop:8080");
        BackendConfig api = backend("apps/api:8080");
        GatewayConfig gateway = new GatewayConfig("infra", "edge", ADDRESS,
                Map.of("team", "blue", "app.kubernetes.io/name", "edge"), Map.of(), List.of(
                new ListenerConfig("www", 80, Protocol.HTTP, "www.test", List.of(),
                        List.of(route("shop", "/shop", shop), route("api", "/api", api))),
                new ListenerConfig("other", 80, Protocol.HTTP, "other.test", List.of(),
                        List.of(route("other", "/", shop)))));
        proxy.apply(new ProxyConfig("1", List.of(gateway)));
    }

    @AfterAll
    static void stop() throws Exception {
        admin.close();
        proxy.close();
        echo.close();
    }

    @BeforeEach
    void captureAccessLog() {
        accessLines = new ListAppender<>();
        accessLines.start();
        ((Logger) LoggerFactory.getLogger("portolan.access")).addAppender(accessLines);
    }

    @AfterEach
    void releaseAccessLog() {
        ((Logger) LoggerFactory.getLogger("portolan.access")).detachAppender(accessLines);
    }

    private static BackendConfig backend(String name) {
        return new BackendConfig(name, List.of(new Endpoint(echo.host(), echo.httpPort())), BackendProtocol.HTTP1,
                null, null);
    }

    private static RouteConfig route(String name, String prefix, BackendConfig backend) {
        RuleConfig rule = new RuleConfig(0, null,
                List.of(new MatchConfig(PathMatch.prefix(prefix), List.of(), List.of(), null)), List.of(),
                List.of(new WeightedBackend(1, backend, List.of())), null, null);
        return new RouteConfig("apps", name, Instant.parse("2024-01-01T00:00:00Z"), List.of(), List.of(rule));
    }

    @Test
    void metricsCountRequestsPerListenerRouteAndBackendWithHistogramsAndInfrastructureLabels() throws Exception {
        String before = metrics();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("www.test", "/shop/item").status());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(200, get("www.test", "/api/v1").status());
        }
        assertEquals(200, get("other.test", "/x").status());
        assertEquals(404, get("www.test", "/nothing").status());
        assertEquals(404, get("nowhere.test", "/shop").status());

        String shop = "portolan_route_requests_total{code_class=\"2xx\"," + GATEWAY_LABELS
                + ",listener=\"www\",route=\"apps/shop\"}";
        String shopBackend = "portolan_backend_requests_total{backend=\"apps/shop:8080\",code_class=\"2xx\","
                + GATEWAY_LABELS + "}";
        String wwwListener = "portolan_gateway_requests_total{code_class=\"2xx\"," + GATEWAY_LABELS
                + ",listener=\"www\"}";
        String unmatched = "portolan_gateway_unmatched_requests_total{code_class=\"4xx\"," + GATEWAY_LABELS
                + ",port=\"80\"}";
        // Counting happens when the exchange completes, which may be just after the client has its answer.
        String after = awaitMetrics(text -> value(text, shop) - value(before, shop) == 3
                && value(text, shopBackend) - value(before, shopBackend) == 4
                && value(text, unmatched) - value(before, unmatched) == 1);

        assertEquals(3, value(after, shop) - value(before, shop), after);
        assertEquals(2, delta(before, after, "portolan_route_requests_total{code_class=\"2xx\"," + GATEWAY_LABELS
                + ",listener=\"www\",route=\"apps/api\"}"));
        assertEquals(1, delta(before, after, "portolan_route_requests_total{code_class=\"2xx\"," + GATEWAY_LABELS
                + ",listener=\"other\",route=\"apps/other\"}"));
        assertEquals(4, delta(before, after, shopBackend), "apps/shop and apps/other share the backend");
        assertEquals(2, delta(before, after, "portolan_backend_requests_total{backend=\"apps/api:8080\","
                + "code_class=\"2xx\"," + GATEWAY_LABELS + "}"));
        assertEquals(5, delta(before, after, wwwListener));
        assertEquals(1, delta(before, after, "portolan_gateway_requests_total{code_class=\"4xx\","
                + GATEWAY_LABELS + ",listener=\"www\"}"), "no route matched, but the listener did");
        assertEquals(1, delta(before, after, unmatched));

        // the histogram: cumulative buckets ending in +Inf == _count == the requests counted
        String series = GATEWAY_LABELS + ",listener=\"www\",route=\"apps/shop\"}";
        String bucketPrefix = "portolan_route_request_duration_seconds_bucket{" + GATEWAY_LABELS + ",le=\"";
        List<Long> buckets = new ArrayList<>();
        for (String le : List.of("0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5",
                "10", "30", "60", "+Inf")) {
            buckets.add(delta(before, after, bucketPrefix + le + "\",listener=\"www\",route=\"apps/shop\"}"));
        }
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue(buckets.get(i) >= buckets.get(i - 1), "buckets must be cumulative: " + buckets);
        }
        assertEquals(3, buckets.get(buckets.size() - 1), after);
        assertEquals(3, delta(before, after, "portolan_route_request_duration_seconds_count{" + series));
        assertTrue(doubleValue(after, "portolan_route_request_duration_seconds_sum{" + series)
                > doubleValue(before, "portolan_route_request_duration_seconds_sum{" + series));
        assertEquals(4, delta(before, after, "portolan_backend_request_duration_seconds_count{"
                + "backend=\"apps/shop:8080\"," + GATEWAY_LABELS + "}"));
        assertTrue(after.contains("# TYPE portolan_route_request_duration_seconds histogram\n"), after);
        assertTrue(after.contains("# TYPE portolan_backend_request_duration_seconds histogram\n"), after);

        assertFalse(after.contains("listener=\"\""), "every listener series names a real listener:\n" + after);
        for (String line : after.split("\n")) {
            if (line.startsWith("portolan_gateway_requests_total")) {
                assertTrue(line.contains("listener=\"www\"") || line.contains("listener=\"other\""), line);
            }
        }
    }

    @Test
    void accessLogHasOneJsonLinePerRequestWithoutSecrets() throws Exception {
        Reply shop = get("www.test", "/shop/a/../b?token=query-secret", "Authorization: Bearer header-secret",
                "Cookie: session=cookie-secret", "X-Request-Id: shop-1");
        Reply unrouted = get("nowhere.test", "/x", "X-Request-Id: unmatched-1");
        assertEquals(200, shop.status());
        assertEquals(404, unrouted.status());

        List<JsonNode> lines = awaitAccessLines(2);
        assertEquals(1, lines.stream().filter(l -> "shop-1".equals(l.path("request_id").asText())).count(),
                "one line per request: " + lines);
        assertEquals(1, lines.stream().filter(l -> "unmatched-1".equals(l.path("request_id").asText())).count(),
                "one line per request: " + lines);
        JsonNode first = byRequestId(lines, "shop-1");
        assertEquals(List.of("time", "gateway", "listener", "route", "rule", "method", "path", "status",
                "duration_ms", "bytes", "upstream", "request_id", "client"), fieldNames(first));
        assertTrue(Duration.between(Instant.parse(first.get("time").asText()), Instant.now()).abs().toMinutes() < 1);
        assertEquals("infra/edge", first.get("gateway").asText());
        assertEquals("www", first.get("listener").asText());
        assertEquals("apps/shop", first.get("route").asText());
        assertEquals(0, first.get("rule").asInt());
        assertEquals("GET", first.get("method").asText());
        assertEquals("/shop/b", first.get("path").asText(), "the normalized path, without the query");
        assertEquals(200, first.get("status").asInt());
        assertTrue(first.get("duration_ms").asDouble() > 0, first.toString());
        assertEquals(shop.body().getBytes(StandardCharsets.UTF_8).length, first.get("bytes").asLong());
        assertEquals("apps/shop:8080", first.get("upstream").asText());
        assertTrue(first.get("client").asText().matches("127\\.0\\.0\\.1:\\d+"), first.toString());

        JsonNode second = byRequestId(lines, "unmatched-1");
        assertEquals("infra/edge", second.get("gateway").asText());
        assertTrue(second.get("listener").isNull(), second.toString());
        assertTrue(second.get("route").isNull(), second.toString());
        assertTrue(second.get("upstream").isNull(), second.toString());
        assertEquals(404, second.get("status").asInt());

        for (ILoggingEvent event : accessLines.list) {
            String line = event.getFormattedMessage();
            assertFalse(line.contains("secret"), "no header or query values in the access log: " + line);
            assertFalse(line.contains("\n"), line);
        }
    }

    @Test
    void requestIdIsGeneratedWhenAbsentAndReachesBackendAndClient() throws Exception {
        Reply first = get("www.test", "/shop/id");
        Reply second = get("www.test", "/shop/id");
        String id = first.header("X-Request-Id");
        assertTrue(id != null && id.matches("[0-9a-f]{32}"), "a 128-bit hex id: " + id);
        assertEquals(List.of(id), first.echoed("X-Request-Id"), "the backend saw the same id");
        assertNotEquals(id, second.header("X-Request-Id"));
    }

    @Test
    void wellFormedRequestIdIsKept() throws Exception {
        String sent = "0f8fad5b-d9cb-469f-a165-70867728950e";
        Reply reply = get("www.test", "/shop/id", "X-Request-Id: " + sent);
        assertEquals(sent, reply.header("X-Request-Id"));
        assertEquals(List.of(sent), reply.echoed("X-Request-Id"));
    }

    @Test
    void hostileRequestIdsAreReplaced() throws Exception {
        List<String[]> attacks = List.of(
                new String[] {"X-Request-Id: <script>alert(1)</script>"},
                new String[] {"X-Request-Id: a\",\"status\":200,\"x\":\""},
                new String[] {"X-Request-Id: " + "a".repeat(129)},
                new String[] {"X-Request-Id: "},
                new String[] {"X-Request-Id: one", "X-Request-Id: two"});
        for (String[] headers : attacks) {
            Reply reply = get("www.test", "/shop/id", headers);
            String id = reply.header("X-Request-Id");
            assertTrue(id != null && id.matches("[0-9a-f]{32}"), String.join(" | ", headers) + " -> " + id);
            assertEquals(List.of(id), reply.echoed("X-Request-Id"), "the backend sees only the replacement");
        }
    }

    @Test
    void answersTheProxyGivesItselfCarryTheRequestId() throws Exception {
        Reply notFound = get("www.test", "/nothing", "X-Request-Id: lost-1");
        assertEquals(404, notFound.status());
        assertEquals("lost-1", notFound.header("X-Request-Id"));
    }

    @Test
    void requestsRefusedBeforeRoutingAreLoggedToo() throws Exception {
        List<String> lines = new ArrayList<>(List.of("X-Request-Id: probe-1"));
        for (int i = 0; i < 110; i++) {
            lines.add("X-Pad-" + i + ": x"); // over the 100 header lines the edge allows
        }
        Reply refused = get("www.test", "/shop/x", lines.toArray(String[]::new));
        assertEquals(431, refused.status());
        assertEquals("probe-1", refused.header("X-Request-Id"));
        JsonNode line = byRequestId(awaitAccessLines(1), "probe-1");
        assertEquals(431, line.get("status").asInt());
        assertEquals("www", line.get("listener").asText());
        assertTrue(line.get("route").isNull(), line.toString());
    }

    // --- helpers ---

    private record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        List<String> echoed(String canonicalName) throws IOException {
            List<String> out = new ArrayList<>();
            JSON.readTree(body).path("headers").path(canonicalName).forEach(v -> out.add(v.asText()));
            return out;
        }
    }

    /** GET with a chosen Host header (the routes are per host name), byte for byte on a new connection. */
    private static Reply get(String host, String target, String... headerLines) throws IOException {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(ADDRESS, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String text = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + admin.port() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private String awaitMetrics(Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String text = metrics();
        while (!done.test(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            text = metrics();
        }
        return text;
    }

    private List<JsonNode> awaitAccessLines(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (accessLines.list.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(100); // a surplus line would show up now
        List<JsonNode> out = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(accessLines.list)) {
            out.add(JSON.readTree(event.getFormattedMessage()));
        }
        return out;
    }

    private static JsonNode byRequestId(List<JsonNode> lines, String id) {
        return lines.stream().filter(l -> id.equals(l.path("request_id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no access line with request_id " + id + ": " + lines));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The value of the series line starting with {@code series} (labels included), 0 when absent. */
    private static long value(String text, String series) {
        return Math.round(doubleValue(text, series));
    }

    private static double doubleValue(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return 0;
    }

    private static long delta(String before, String after, String series) {
        assertTrue(after.contains(series + " "), "no series " + series + " in\n" + after);
        return value(after, series) - value(before, series);
    }
}
