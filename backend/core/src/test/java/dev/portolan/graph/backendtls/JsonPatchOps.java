package dev.portolan.graph.backendtls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonPointer;

/** The RFC 6902 operations the conformance cases use (add, replace, remove), applied in place. */
final class JsonPatchOps {
    private JsonPatchOps() {
    }

    static void apply(ObjectNode target, JsonNode operations) {
        for (JsonNode op : operations) {
            JsonPointer path = JsonPointer.compile(op.path("path").asText());
            JsonNode parent = target.at(path.head());
            String last = path.last().getMatchingProperty();
            String kind = op.path("op").asText();
            if (parent instanceof ObjectNode object) {
                switch (kind) {
                    case "add", "replace" -> object.set(last, op.get("value").deepCopy());
                    case "remove" -> object.remove(last);
                    default -> throw new IllegalArgumentException("unsupported patch op " + kind);
                }
            } else if (parent instanceof ArrayNode array) {
                int index = "-".equals(last) ? array.size() : Integer.parseInt(last);
                switch (kind) {
                    case "add" -> array.insert(index, op.get("value").deepCopy());
                    case "replace" -> array.set(index, op.get("value").deepCopy());
                    case "remove" -> array.remove(index);
                    default -> throw new IllegalArgumentException("unsupported patch op " + kind);
                }
            } else {
                throw new IllegalArgumentException("patch path " + path + " has no parent in " + target);
            }
        }
    }
}
