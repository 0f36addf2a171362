package dev.portolan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewRoutesTest {
    @Test
    void oneRowPerRouteGatewayAndRuleWithValuesAndSources() throws Exception {
        var summary = Manifests.JSON.readTree("""
                {"routes": [{"route": "default/echo", "hostnames": ["a.example.com", "b.example.com"]},
                            {"route": "default/any", "hostnames": []}],
                 "effectiveTimeouts": [
                   {"route": "HTTPRoute/default/echo", "rule": 0, "gateway": "default/hello-world",
                    "request": {"value": "30s", "source": "TimeoutPolicy default/class-defaults spec.default.request"},
                    "backendRequest": {"value": "5s", "source": "TimeoutPolicy default/cap spec.override.backendRequest"}},
                   {"route": "HTTPRoute/default/any", "rule": 1, "gateway": "default/web"}]}""");
        Map<String, Object> routes = OverviewRoutes.from(summary);
        assertEquals(2, routes.get("total"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) routes.get("rows");
        assertEquals("default/echo", rows.get(0).get("route"));
        assertEquals("/ui/httproutes/default/echo", rows.get(0).get("link"));
        assertEquals("a.example.com, b.example.com", rows.get(0).get("hostnames"));
        assertEquals(Map.of("value", "5s", "source", "TimeoutPolicy default/cap spec.override.backendRequest"),
                rows.get(0).get("backendRequest"));
        assertEquals("any", rows.get(1).get("hostnames"));
        assertEquals(Map.of("value", "none", "source", ""), rows.get(1).get("request"));
    }

    @Test
    void longListsAreCutAtMaxRowsButCountedInFull() {
        ObjectNode summary = Manifests.JSON.createObjectNode();
        ArrayNode timeouts = summary.putArray("effectiveTimeouts");
        for (int i = 0; i < OverviewRoutes.MAX_ROWS + 5; i++) {
            timeouts.addObject().put("route", "HTTPRoute/default/r" + i).put("rule", 0).put("gateway", "default/g");
        }
        Map<String, Object> routes = OverviewRoutes.from(summary);
        assertEquals(OverviewRoutes.MAX_ROWS + 5, routes.get("total"));
        assertEquals(OverviewRoutes.MAX_ROWS, ((List<?>) routes.get("rows")).size());
    }
}
