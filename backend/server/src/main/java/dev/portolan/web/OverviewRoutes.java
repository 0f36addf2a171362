package dev.portolan.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's route table, read from the summary JSON ({@link dev.portolan.api.Summary}): one row per route,
 * parent Gateway and rule with its effective timeouts and where each comes from (the rule, or which policy at
 * which level), so {@code curl localhost:8080/} and the page answer "which timeout applies here, and why".
 */
public final class OverviewRoutes {
    /** Rows shown on the overview; the HTTPRoutes list has the rest. */
    public static final int MAX_ROWS = 100;

    private OverviewRoutes() {
    }

    /** {rows, total}; each row {route, link, hostnames, gateway, rule, request, backendRequest, key}. */
    public static Map<String, Object> from(JsonNode summary) {
        Map<String, String> hostnames = new HashMap<>();
        for (JsonNode route : summary.path("routes")) {
            List<String> names = new ArrayList<>();
            route.path("hostnames").forEach(name -> names.add(name.asText()));
            hostnames.put(route.path("route").asText(), names.isEmpty() ? "any" : String.join(", ", names));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        int total = 0;
        for (JsonNode rule : summary.path("effectiveTimeouts")) {
            total++;
            if (rows.size() == MAX_ROWS) {
                continue;
            }
            String route = withoutKind(rule.path("route").asText());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("route", route);
            row.put("link", "/ui/httproutes/" + route);
            row.put("hostnames", hostnames.getOrDefault(route, ""));
            row.put("gateway", rule.path("gateway").asText());
            row.put("rule", rule.path("rule").asInt());
            row.put("request", timeout(rule.path("request")));
            row.put("backendRequest", timeout(rule.path("backendRequest")));
            row.put("key", "route:" + route + ":" + rule.path("gateway").asText() + ":" + rule.path("rule").asInt());
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("total", total);
        return out;
    }

    /** {value, source}: "none" with no source when neither the rule nor a policy sets it. */
    private static Map<String, String> timeout(JsonNode timeout) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("value", timeout.path("value").asText("none"));
        out.put("source", timeout.path("source").asText(""));
        return out;
    }

    /** {@code HTTPRoute/default/echo} → {@code default/echo}. */
    private static String withoutKind(String key) {
        int slash = key.indexOf('/');
        return key.startsWith("HTTPRoute/") && slash > 0 ? key.substring(slash + 1) : key;
    }
}
