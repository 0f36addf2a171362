package dev.portolan.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each False condition once when it appears (and once when it clears), so that bad input shows in the log
 * with the object, the condition, its reason and message, without repeating on every rebuild.
 */
final class StatusLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.portolan.status");
    private Set<String> reported = Set.of();

    void report(Map<ResourceKey, ObjectNode> statuses) {
        Set<String> now = new TreeSet<>();
        statuses.forEach((key, status) -> collect(key.toString(), "", status, now));
        Set<String> previous = new HashSet<>(reported);
        for (String line : now) {
            if (!previous.contains(line)) {
                LOG.warn("{}", line);
            }
        }
        for (String line : previous) {
            if (!now.contains(line)) {
                LOG.info("resolved: {}", line);
            }
        }
        reported = now;
    }

    private static void collect(String object, String where, JsonNode node, Set<String> out) {
        if (node.isObject()) {
            JsonNode conditions = node.get("conditions");
            if (conditions != null) {
                for (JsonNode condition : conditions) {
                    if ("False".equals(condition.path("status").asText())
                            && !"Conflicted".equals(condition.path("type").asText())) {
                        out.add(object + where + ": " + condition.path("type").asText() + "=False "
                                + condition.path("reason").asText() + ": " + condition.path("message").asText());
                    }
                }
            }
            node.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("conditions")) {
                    collect(object, where, field.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String label = item.has("name") ? " listener " + item.get("name").asText()
                        : item.has("parentRef") ? " parent " + item.get("parentRef").path("name").asText()
                        : item.has("ancestorRef") ? " ancestor " + item.get("ancestorRef").path("name").asText()
                        : "";
                collect(object, where + label, item, out);
            }
        }
    }
}
