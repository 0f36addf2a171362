package dev.portolan.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;

/**
 * Merges the status Portolan computed with the status on the server so that entries other controllers own in
 * {@code status.parents} (routes) and {@code status.ancestors} (policies) survive Portolan's write. Pure.
 */
final class StatusMerge {
    private static final String[] SHARED_LISTS = {"parents", "ancestors"};

    private StatusMerge() {
    }

    /**
     * @param desired        the status Portolan wants (its own entries; foreign ones in it are ignored)
     * @param onServer       the status as the server has it now, or null
     * @param controllerName Portolan's controller name
     * @return the status to write: desired, with the server's foreign entries after Portolan's own
     */
    static ObjectNode merge(ObjectNode desired, JsonNode onServer, String controllerName) {
        ObjectNode merged = desired == null ? Manifests.JSON.createObjectNode() : desired.deepCopy();
        for (String field : SHARED_LISTS) {
            ArrayNode entries = Manifests.JSON.createArrayNode();
            for (JsonNode entry : merged.path(field)) {
                if (controllerName.equals(entry.path("controllerName").asText())) {
                    entries.add(entry);
                }
            }
            JsonNode serverEntries = onServer == null ? null : onServer.path(field);
            if (serverEntries != null) {
                for (JsonNode entry : serverEntries) {
                    if (!controllerName.equals(entry.path("controllerName").asText())) {
                        entries.add(entry.deepCopy());
                    }
                }
            }
            if (!entries.isEmpty() || merged.has(field)) {
                merged.set(field, entries);
            }
        }
        return merged;
    }
}
