package dev.portolan.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Keeps {@code lastTransitionTime} stable: the graph stamps every condition with the time it ran, but Kubernetes
 * semantics say the time changes only when a condition's {@code status} changes. Walks old and new status in step,
 * pairing list entries by their identity (listener {@code name}, route {@code parentRef}, policy
 * {@code ancestorRef}, condition {@code type}).
 */
public final class ConditionTimes {
    private static final String[] IDENTITY_FIELDS = {"type", "name", "parentRef", "ancestorRef"};

    private ConditionTimes() {
    }

    /** Copies old transition times into {@code fresh} (mutated) where a condition's status did not change. */
    public static void carryOver(JsonNode previous, ObjectNode fresh) {
        if (previous instanceof ObjectNode old) {
            walkObject(old, fresh);
        }
    }

    private static void walkObject(ObjectNode old, ObjectNode fresh) {
        if (fresh.has("lastTransitionTime") && fresh.has("status") && fresh.has("type")
                && Objects.equals(old.path("status").asText(null), fresh.path("status").asText(null))
                && old.hasNonNull("lastTransitionTime")) {
            fresh.set("lastTransitionTime", old.get("lastTransitionTime"));
        }
        fresh.fields().forEachRemaining(field -> {
            JsonNode oldChild = old.get(field.getKey());
            JsonNode newChild = field.getValue();
            if (oldChild instanceof ObjectNode o && newChild instanceof ObjectNode n) {
                walkObject(o, n);
            } else if (oldChild instanceof ArrayNode o && newChild instanceof ArrayNode n) {
                walkArray(o, n);
            }
        });
    }

    private static void walkArray(ArrayNode old, ArrayNode fresh) {
        for (JsonNode item : fresh) {
            if (item instanceof ObjectNode freshItem) {
                ObjectNode match = findByIdentity(old, freshItem);
                if (match != null) {
                    walkObject(match, freshItem);
                }
            }
        }
    }

    private static ObjectNode findByIdentity(ArrayNode old, ObjectNode item) {
        for (String field : IDENTITY_FIELDS) {
            JsonNode id = item.get(field);
            if (id == null) {
                continue;
            }
            for (JsonNode candidate : old) {
                if (candidate instanceof ObjectNode obj && id.equals(obj.get(field))) {
                    return obj;
                }
            }
            return null;
        }
        return null;
    }
}
