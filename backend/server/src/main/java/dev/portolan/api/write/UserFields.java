package dev.portolan.api.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import java.util.List;

/**
 * The part of an object its author writes: without status and server-set metadata, with the namespace made explicit
 * (a manifest without one lands in {@code default}). Two objects with equal user parts are the same write.
 */
public final class UserFields {
    private static final List<String> SERVER_METADATA = List.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink");

    private UserFields() {
    }

    public static ObjectNode of(ResourceKey key, JsonNode manifest) {
        ObjectNode copy = Manifests.copy(manifest);
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(SERVER_METADATA);
            if (!key.isClusterScoped()) {
                metadata.put("namespace", key.namespace());
            } else {
                metadata.remove("namespace");
            }
        }
        return copy;
    }
}
