package dev.portolan.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.api.ApiKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's problem list, read from the summary JSON ({@link dev.portolan.api.Summary}) so the page shows what
 * {@code /api/v1/summary} serves: load errors, then status problems (routes not accepted, unresolved references,
 * conflicts), then what the proxy cannot express, then what the proxy refused, then invalid timeouts, then policies whose target does not exist. Each row has a stable key (for live
 * highlighting) and a link to the object's dashboard page when there is one.
 */
public final class OverviewProblems {
    private OverviewProblems() {
    }

    public static List<Map<String, Object>> from(JsonNode summary) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode p : summary.path("loadProblems")) {
            Map<String, Object> row = row("load", "Load error", text(p, "object"), p.path("reason").asText(""));
            row.put("file", text(p, "file"));
            row.put("document", p.path("document").asInt());
            row.put("line", p.path("line").asInt());
            row.put("field", text(p, "field"));
            row.put("keptPrevious", p.path("keptPrevious").asBoolean());
            row.put("key", "load:" + text(p, "file") + "#" + p.path("document").asInt() + ":" + text(p, "field"));
            out.add(row);
        }
        for (JsonNode p : summary.path("statusProblems")) {
            String type = p.path("type").asText("");
            Map<String, Object> row = row("status", label(type), text(p, "object"), p.path("message").asText(""));
            row.put("where", p.path("where").asText(""));
            row.put("type", type);
            row.put("reason", p.path("reason").asText(""));
            row.put("key", "status:" + text(p, "object") + ":" + p.path("where").asText("") + ":" + type);
            out.add(row);
        }
        for (JsonNode p : summary.path("translationProblems")) {
            Map<String, Object> row = row("translation", "Not served by the proxy", text(p, "object"),
                    p.path("message").asText(""));
            row.put("field", text(p, "field"));
            row.put("key", "translation:" + text(p, "object") + ":" + text(p, "field") + ":" + p.path("message").asText(""));
            out.add(row);
        }
        for (JsonNode p : summary.path("proxyRefusals")) {
            Map<String, Object> row = row("proxy", "Refused by the proxy", text(p, "object"),
                    p.path("message").asText(""));
            row.put("key", "proxy:" + text(p, "object") + ":" + p.path("message").asText(""));
            out.add(row);
        }
        for (JsonNode t : summary.path("effectiveTimeouts")) {
            for (JsonNode error : t.path("errors")) {
                Map<String, Object> row = row("timeout", "Invalid timeout", text(t, "route"), error.asText());
                row.put("where", "rule " + t.path("rule").asInt() + " via " + t.path("gateway").asText(""));
                row.put("key", "timeout:" + text(t, "route") + ":" + t.path("rule").asInt() + ":"
                        + t.path("gateway").asText("") + ":" + error.asText());
                out.add(row);
            }
        }
        for (JsonNode policy : summary.path("policies")) {
            for (JsonNode target : policy.path("targets")) {
                if (!target.path("exists").asBoolean(true)) {
                    String object = text(policy, "policy");
                    Map<String, Object> row = row("policy", "Policy target missing", object,
                            "targets " + text(target, "target") + ", which does not exist");
                    row.put("key", "policy:" + object + ":" + text(target, "target"));
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** The dashboard page of an object named {@code Kind/ns/name} (as the summary names them), or null. */
    public static String link(String object) {
        if (object == null) {
            return null;
        }
        int slash = object.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        return ApiKinds.byName(object.substring(0, slash))
                .map(kind -> "/ui/" + kind.plural() + "/" + object.substring(slash + 1))
                .orElse(null);
    }

    private static String label(String conditionType) {
        return switch (conditionType) {
            case "Accepted" -> "Not accepted";
            case "ResolvedRefs" -> "Unresolved reference";
            case "Programmed" -> "Not programmed";
            default -> conditionType + " false";
        };
    }

    private static Map<String, Object> row(String category, String title, String object, String message) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("category", category);
        row.put("title", title);
        row.put("object", object);
        row.put("link", link(object));
        row.put("message", message);
        return row;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
