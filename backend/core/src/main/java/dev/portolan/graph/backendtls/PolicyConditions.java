package dev.portolan.graph.backendtls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Builds status conditions as Kubernetes writes them. */
final class PolicyConditions {
    private PolicyConditions() {
    }

    static ObjectNode condition(String type, boolean status, String reason, String message, long generation,
                                Instant now) {
        ObjectNode c = Manifests.JSON.createObjectNode();
        c.put("type", type);
        c.put("status", status ? "True" : "False");
        c.put("reason", reason);
        c.put("message", message);
        c.put("observedGeneration", generation);
        c.put("lastTransitionTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        return c;
    }
}
