package dev.portolan.kubernetes.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether an object in the cluster still has the shape the provisioner wants. Only the fields the provisioner sets
 * are compared: the API server adds defaults (clusterIP, probe timeouts, revision annotations) that must not
 * count as drift, or every reconcile would rewrite the object. Removed labels/annotations are caught by the
 * desired-hash annotation, which changes whenever the desired object does.
 */
public final class DriftCheck {
    private DriftCheck() {
    }

    public static boolean upToDate(HasMetadata desired, HasMetadata actual) {
        if (actual == null) {
            return false;
        }
        ObjectNode want = Manifests.JSON.valueToTree(desired);
        ObjectNode have = Manifests.JSON.valueToTree(actual);
        want.remove("status");
        return contains(have, want);
    }

    /** Every field of {@code want} is in {@code have} with the same value; arrays must match element by element. */
    static boolean contains(JsonNode have, JsonNode want) {
        if (want.isObject()) {
            if (!have.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = have.get(field.getKey());
                if (value == null || !contains(value, field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!contains(have.get(i), want.get(i))) {
                    return false;
                }
            }
            return true;
        }
        // Compare scalars as text: 80 may come back as a long or an int depending on the parser.
        return have.isValueNode() && want.isValueNode() && have.asText().equals(want.asText())
                && have.isTextual() == want.isTextual();
    }
}
