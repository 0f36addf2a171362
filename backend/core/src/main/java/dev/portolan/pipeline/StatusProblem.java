package dev.portolan.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A False condition in a computed status (Conflicted excepted: its False is the good state), with where it sits:
 * e.g. {@code listener https} or {@code parent default/gw}.
 */
public record StatusProblem(ResourceKey object, String where, String type, String reason, String message) {

    /** One line for logs. */
    public String describe() {
        return object + (where.isEmpty() ? "" : " " + where) + ": " + type + "=False " + reason + ": " + message;
    }

    /** Every problem in a set of statuses, in key order. */
    public static List<StatusProblem> collect(Map<ResourceKey, ObjectNode> statuses) {
        List<StatusProblem> out = new ArrayList<>();
        statuses.forEach((key, status) -> walk(key, "", status, out));
        return out;
    }

    private static void walk(ResourceKey object, String where, JsonNode node, List<StatusProblem> out) {
        if (node.isObject()) {
            for (JsonNode condition : node.path("conditions")) {
                if ("False".equals(condition.path("status").asText())
                        && !"Conflicted".equals(condition.path("type").asText())) {
                    out.add(new StatusProblem(object, where, condition.path("type").asText(),
                            condition.path("reason").asText(), condition.path("message").asText()));
                }
            }
            node.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("conditions")) {
                    walk(object, where, field.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                walk(object, (where + " " + label(item)).strip(), item, out);
            }
        }
    }

    private static String label(JsonNode item) {
        if (item.has("parentRef")) {
            return "parent " + refName(item.get("parentRef"));
        }
        if (item.has("ancestorRef")) {
            return "ancestor " + refName(item.get("ancestorRef"));
        }
        return item.has("name") && item.has("conditions") ? "listener " + item.get("name").asText() : "";
    }

    private static String refName(JsonNode ref) {
        String namespace = ref.path("namespace").asText("");
        return namespace.isEmpty() ? ref.path("name").asText() : namespace + "/" + ref.path("name").asText();
    }
}
