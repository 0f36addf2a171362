package dev.portolan.proxy.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** routing/golden-config.json (read through the codec) against the requests in routing/golden-requests.json. */
class GoldenRoutingTest {

    @Test
    void everyGoldenRequestRoutesAsExpected() throws IOException {
        ProxyConfig config = ProxyConfigCodec.fromJson(resource("routing/golden-config.json"));
        Map<Integer, RouteTable> tables = RouteTable.compilePorts(config.gateways().get(0));
        assertEquals(List.of(80, 8080), List.copyOf(tables.keySet()));
        JsonNode cases = new ObjectMapper().readTree(resource("routing/golden-requests.json"));
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (JsonNode c : cases) {
            Map<String, List<String>> headers = new TreeMap<>();
            c.path("headers").fields().forEachRemaining(h -> {
                List<String> values = new ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                headers.put(h.getKey(), values);
            });
            RouteRequest request = RouteRequest.of(c.get("host").asText(), c.path("method").asText("GET"),
                    c.get("path").asText(), headers, c.hasNonNull("query") ? c.get("query").asText() : null);
            String label = c.get("port").asInt() + " " + request + " -> ";
            expected.add(label + c.get("expect").asText());
            actual.add(label + tables.get(c.get("port").asInt()).match(request)
                    .map(m -> m.listener().name() + " " + Fixtures.describe(java.util.Optional.of(m)))
                    .orElse("none"));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenRoutingTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
