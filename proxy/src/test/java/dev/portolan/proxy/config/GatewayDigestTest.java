package dev.portolan.proxy.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A Gateway's digest is streamed from its parts, and its text assembled from its routes' kept JSON: both must stay
 * byte for byte the old definition, SHA-256 of the UTF-8 bytes of the Gateway's text as Jackson writes it in one go
 * ({@link ProxyConfigCodec#toJsonWhole}), through every change a Gateway goes through, or config versions change.
 */
class GatewayDigestTest {
    /** Escapes, controls, non-ASCII of every UTF-8 length, surrogate pairs and lone halves of them. */
    private static final List<String> HOSTILE = List.of("plain", "ü ﬁ ✓ 𝄞", "\"quoted\" \\ back/slash",
            "new\nline\ttab\r\u0000\u001f\u007f", "</script>\u2028\u2029\ufeff\uffff", "lone \ud834 high",
            "lone \udd1e low", "reversed \udd1e\ud834", "ends high \ud834", "\udd1e starts low", "\ud800\udc00\udbff\udfff",
            "é".repeat(3000), "𝄞".repeat(2500) + "\ud834", "a".repeat(4095) + "𝄞" + "a".repeat(1999) + "𝄞");
    private static final char[] ALPHABET = {'a', 'b', '/', '"', '\\', '\n', '\u0001', 'ü', 'ﬁ', '✓', '\u2028', '\uffff',
            '\ud834', '\udd1e', '\udbff', '\udfff'};

    @Test
    void everyFeatureOfTheCodecDigestsAsItsWholeText() {
        GatewayConfig full = ProxyConfigCodecTest.fullConfig().gateways().get(0);
        assertDigestIsTheOldDefinition(full);
        assertDigestIsTheOldDefinition(new GatewayConfig("infra", "empty", null, Map.of(), Map.of(), List.of()));
        assertDigestIsTheOldDefinition(hostile());
    }

    @Test
    void theTextFirstOrTheDigestFirstGiveTheSameBoth() {
        GatewayConfig textFirst = hostile();
        String whole = wholeText(textFirst);
        assertEquals("{\"version\":\"1\",\"gateways\":[" + whole + "]}",
                ProxyConfigCodec.toJson(new ProxyConfig("1", List.of(textFirst))));
        assertArrayEquals(oldDigest(whole), ProxyConfigCodec.gatewayDigest(textFirst));
        GatewayConfig digestFirst = hostile();
        assertArrayEquals(oldDigest(whole), ProxyConfigCodec.gatewayDigest(digestFirst));
        assertEquals("{\"version\":\"1\",\"gateways\":[" + whole + "]}",
                ProxyConfigCodec.toJson(new ProxyConfig("1", List.of(digestFirst))));
    }

    /** Each step reuses the JSON of the route objects the last step had, as a control plane's changes do. */
    @Test
    void routeByRouteAfterEachKindOfChange() {
        List<RouteConfig> routes = new ArrayList<>();
        for (int r = 0; r < 30; r++) {
            routes.add(route(r, HOSTILE.get(r % HOSTILE.size())));
        }
        GatewayConfig gateway = gateway("g", Map.of("ü", "𝄞"), routes, routes.subList(0, 5));
        assertDigestIsTheOldDefinition(gateway);

        routes.set(7, route(7, "changed \ud834"));
        gateway = gateway("g", Map.of("ü", "𝄞"), routes, routes.subList(0, 5));
        assertDigestIsTheOldDefinition(gateway);
        routes.add(12, route(99, "inserted 𝄞"));
        gateway = gateway("g", Map.of("ü", "𝄞"), routes, routes.subList(0, 5));
        assertDigestIsTheOldDefinition(gateway);
        routes.remove(3);
        gateway = gateway("g", Map.of("ü", "𝄞"), routes, routes.subList(0, 5));
        assertDigestIsTheOldDefinition(gateway);
        Collections.reverse(routes);
        gateway = gateway("g", Map.of("ü", "𝄞"), routes, routes.subList(0, 5));
        assertDigestIsTheOldDefinition(gateway);
        gateway = gateway("g", Map.of("ü", "other \udd1e"), routes, routes.subList(0, 5));
        assertDigestIsTheOldDefinition(gateway); // the Gateway's own fields changed, every route the same object
        gateway = gateway("g", Map.of("ü", "other \udd1e"), routes, List.of());
        assertDigestIsTheOldDefinition(gateway);
        List<RouteConfig> copies = new ArrayList<>();
        for (RouteConfig route : routes) {
            copies.add(new RouteConfig(route.namespace(), route.name(), route.creationTimestamp(), route.hostnames(),
                    route.rules()));
        }
        gateway = gateway("g", Map.of("ü", "other \udd1e"), copies, copies.subList(3, 4));
        assertDigestIsTheOldDefinition(gateway); // everything translated again: equal content, new objects
        gateway = gateway("g", Map.of(), List.of(), List.of());
        assertDigestIsTheOldDefinition(gateway);
        gateway = gateway("g", Map.of(), routes, routes);
        assertDigestIsTheOldDefinition(gateway); // routes whose JSON was kept two Gateway objects ago
    }

    @Test
    void randomChangesKeepTheOldDefinition() {
        Random random = new Random(7);
        List<RouteConfig> routes = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            routes.add(route(r, text(random)));
        }
        for (int change = 0; change < 300; change++) {
            switch (random.nextInt(5)) {
                case 0 -> routes.add(random.nextInt(routes.size() + 1), route(1000 + change, text(random)));
                case 1 -> {
                    if (!routes.isEmpty()) {
                        routes.remove(random.nextInt(routes.size()));
                    }
                }
                case 2 -> Collections.swap(routes, random.nextInt(routes.size()), random.nextInt(routes.size()));
                default -> {
                    if (!routes.isEmpty()) {
                        int r = random.nextInt(routes.size());
                        routes.set(r, route(r, text(random)));
                    }
                }
            }
            int shared = routes.isEmpty() ? 0 : random.nextInt(routes.size());
            GatewayConfig gateway = gateway("random", Map.of("k", text(random)), routes, routes.subList(0, shared));
            if (random.nextBoolean()) {
                assertDigestIsTheOldDefinition(gateway);
            } else {
                assertTextIsTheWholeText(gateway);
                assertDigestIsTheOldDefinition(gateway);
            }
        }
    }

    private static void assertDigestIsTheOldDefinition(GatewayConfig gateway) {
        String whole = wholeText(gateway);
        assertArrayEquals(oldDigest(whole), ProxyConfigCodec.gatewayDigest(gateway), whole);
        assertArrayEquals(oldDigest(whole), ProxyConfigCodec.gatewayDigest(gateway), "kept: " + whole);
        assertTextIsTheWholeText(gateway);
    }

    private static void assertTextIsTheWholeText(GatewayConfig gateway) {
        ProxyConfig config = new ProxyConfig("1", List.of(gateway));
        assertEquals(ProxyConfigCodec.toJsonWhole(config), ProxyConfigCodec.toJson(config));
    }

    /** The Gateway's JSON as Jackson writes it in one go: the element of the whole config's Gateways. */
    private static String wholeText(GatewayConfig gateway) {
        String prefix = "{\"version\":\"0\",\"gateways\":[";
        String whole = ProxyConfigCodec.toJsonWhole(new ProxyConfig("0", List.of(gateway)));
        return whole.substring(prefix.length(), whole.length() - "]}".length());
    }

    /** How a Gateway's digest was defined, before it was streamed. */
    private static byte[] oldDigest(String gatewayJson) {
        return Digests.sha256().digest(gatewayJson.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder("t");
        for (int i = random.nextInt(random.nextInt(20) == 0 ? 6000 : 20); i > 0; i--) {
            text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    private static RouteConfig route(int r, String text) {
        BackendConfig backend = new BackendConfig("ns/svc-" + r + ":80 " + text, List.of(new Endpoint("10.0.0.1", 80)),
                BackendProtocol.HTTP1, null, r % 3 == 0 ? "problem " + text : null);
        RuleConfig rule = new RuleConfig(0, r % 2 == 0 ? text : null,
                List.of(new MatchConfig(PathMatch.prefix("/" + text), List.of(HeaderMatch.exact("x-h", text)),
                        List.of(QueryParamMatch.exact("q", text)), null)),
                List.of(new FilterConfig.RequestHeaderModifier(List.of(new HeaderValue("x-set", text)), List.of(),
                        List.of())),
                List.of(new WeightedBackend(1, backend, List.of())), new TimeoutsConfig(Duration.ofMillis(r + 1), null),
                null);
        return new RouteConfig("ns-" + r, "route-" + r + " " + text, Instant.EPOCH.plusSeconds(r),
                List.of("r" + r + ".example.com", text), List.of(rule));
    }

    /** One Gateway; {@code shared} routes are attached to a second listener too, the same objects. */
    private static GatewayConfig gateway(String name, Map<String, String> labels, List<RouteConfig> routes,
            List<RouteConfig> shared) {
        return new GatewayConfig("infra", name, "0.0.0.0", labels, Map.of("note", "ﬁ"), List.of(
                new ListenerConfig("http", 80, Protocol.HTTP, null, List.of(), new ArrayList<>(routes)),
                new ListenerConfig("other 𝄞", 8080, Protocol.HTTP, "*.example.com", List.of(), new ArrayList<>(shared))));
    }

    private static GatewayConfig hostile() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            labels.put(HOSTILE.get(i), HOSTILE.get((i + 1) % HOSTILE.size()));
        }
        List<RouteConfig> routes = new ArrayList<>();
        for (int r = 0; r < HOSTILE.size(); r++) {
            routes.add(route(r, HOSTILE.get(r)));
        }
        return gateway("hostile " + HOSTILE.get(1), labels, routes, routes.subList(2, 6));
    }
}
