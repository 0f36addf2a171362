package dev.portolan.api.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;

/**
 * One validated object of a write request.
 *
 * @param number   1-based position in the request body (after flattening arrays and Lists)
 * @param manifest the object as sent (may carry {@code metadata.resourceVersion}, a precondition)
 */
public record Document(int number, ResourceKey key, ObjectNode manifest) {

    /** The resourceVersion the client expects the stored object to have, or "" for none. */
    public String expectedResourceVersion() {
        return manifest.path("metadata").path("resourceVersion").asText("");
    }
}
