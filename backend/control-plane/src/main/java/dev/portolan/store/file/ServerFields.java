package dev.portolan.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.util.List;

/** Metadata the server owns: kept in the state file, never in the user's manifests. */
final class ServerFields {
    static final List<String> METADATA = List.of("uid", "resourceVersion", "generation", "creationTimestamp",
            "managedFields", "selfLink");

    private ServerFields() {
    }

    /** A copy of the manifest without status and without server-set metadata: what a manifest file holds. */
    static ObjectNode userPart(JsonNode manifest) {
        ObjectNode copy = Manifests.copy(manifest);
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(METADATA);
        }
        return copy;
    }

    /** The part whose change bumps generation: everything but metadata and status. */
    static ObjectNode specPart(ObjectNode userPart) {
        ObjectNode copy = Manifests.copy(userPart);
        copy.remove("metadata");
        return copy;
    }
}
