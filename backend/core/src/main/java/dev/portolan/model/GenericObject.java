package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An object kept as a plain tree: CustomResourceDefinitions and instances of kinds Portolan has no Java type for
 * (third-party policies among them). The tree is never mutated after construction.
 */
public record GenericObject(ResourceKey key, String apiVersion, ObjectNode manifest) {

    public JsonNode spec() {
        return manifest.path("spec");
    }

    public JsonNode labels() {
        return manifest.path("metadata").path("labels");
    }

    /** creationTimestamp, or {@link Instant#EPOCH} when absent or malformed. */
    public Instant creationTimestamp() {
        return Timestamps.parseOrEpoch(manifest.path("metadata").path("creationTimestamp").asText(null));
    }
}
