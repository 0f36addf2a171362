package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Comparing manifests as the pipeline reads them: {@code metadata.resourceVersion} is the store's, not input. */
public final class ResourceVersions {
    private ResourceVersions() {
    }

    /** Equal apart from {@code metadata.resourceVersion}, which changes on every write, status writes included. */
    public static boolean sameApartFromResourceVersion(JsonNode a, JsonNode b) {
        if (a == b || a.equals(b)) {
            return true;
        }
        if (!(a instanceof ObjectNode left) || !(b instanceof ObjectNode right) || left.size() != right.size()) {
            return false;
        }
        var names = left.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode l = left.get(name);
            JsonNode r = right.get(name);
            if (name.equals("metadata") && l instanceof ObjectNode lm && r instanceof ObjectNode rm) {
                if (!withoutResourceVersion(lm).equals(withoutResourceVersion(rm))) {
                    return false;
                }
            } else if (!l.equals(r)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode withoutResourceVersion(ObjectNode metadata) {
        ObjectNode copy = metadata.deepCopy();
        copy.remove("resourceVersion");
        return copy;
    }
}
