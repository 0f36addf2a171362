package dev.portolan.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;

/**
 * One object as stored: the manifest (apiVersion, kind, metadata with server-set fields, spec and other top-level
 * fields, never status) and its status, kept apart. Trees are never mutated once built; {@link #withStatus()} gives
 * a copy with status for display.
 *
 * @param source where the object came from, e.g. {@code gateways/demo.yaml#2} (file and document index), or
 *               {@code api} for objects created through the API
 */
public record StoredObject(ResourceKey key, ObjectNode manifest, ObjectNode status, String source) {

    public String resourceVersion() {
        return manifest.path("metadata").path("resourceVersion").asText("");
    }

    public long generation() {
        return manifest.path("metadata").path("generation").asLong(0);
    }

    /** The full object as Kubernetes would return it: manifest plus status. */
    public ObjectNode withStatus() {
        ObjectNode full = Manifests.copy(manifest);
        if (status != null && !status.isEmpty()) {
            full.set("status", status.deepCopy());
        }
        return full;
    }

    public JsonNode metadata() {
        return manifest.path("metadata");
    }
}
