package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Condition types, reasons and their status JSON form. */
public final class Conditions {
    public static final String ACCEPTED = "Accepted";
    public static final String PROGRAMMED = "Programmed";
    public static final String RESOLVED_REFS = "ResolvedRefs";
    public static final String CONFLICTED = "Conflicted";

    private Conditions() {
    }

    /** The condition of a type, if present. */
    public static Optional<Condition> find(Collection<Condition> conditions, String type) {
        return Optional.ofNullable(first(conditions, type));
    }

    public static boolean isTrue(Collection<Condition> conditions, String type) {
        // asked for every parent of every route on every rebuild: a loop, not a stream and an Optional each time
        Condition condition = first(conditions, type);
        return condition != null && condition.status();
    }

    private static Condition first(Collection<Condition> conditions, String type) {
        if (conditions instanceof java.util.List<Condition> list && conditions instanceof java.util.RandomAccess) {
            // by index: an iterator per call is garbage the JIT does not always take away
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).type().equals(type)) {
                    return list.get(i);
                }
            }
            return null;
        }
        for (Condition condition : conditions) {
            if (condition.type().equals(type)) {
                return condition;
            }
        }
        return null;
    }

    /**
     * Status JSON: sorted by type, each with observedGeneration (omitted when the object has no generation) and
     * lastTransitionTime = {@code now}.
     */
    public static ArrayNode toJson(Collection<Condition> conditions, Long generation, Instant now) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        List<Condition> sorted = conditions.stream().sorted(Comparator.comparing(Condition::type)).toList();
        for (Condition c : sorted) {
            ObjectNode node = out.addObject();
            node.put("lastTransitionTime", now.toString());
            node.put("message", c.message());
            if (generation != null) {
                node.put("observedGeneration", generation);
            }
            node.put("reason", c.reason());
            node.put("status", c.status() ? "True" : "False");
            node.put("type", c.type());
        }
        return out;
    }
}
