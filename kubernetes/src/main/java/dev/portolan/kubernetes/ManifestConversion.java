package dev.portolan.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Converts between fabric8's generic resources (Jackson 3 inside fabric8) and the Jackson 2 trees the store
 * interface carries. Going through JSON text keeps the two Jackson generations apart.
 */
final class ManifestConversion {

    /** A cluster object split as the store keeps it: manifest without status, and status (or null). */
    record Split(ObjectNode manifest, ObjectNode status) {
    }

    private final KubernetesSerialization serialization;

    ManifestConversion(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    Split fromCluster(GenericKubernetesResource resource) {
        JsonNode tree;
        try {
            tree = Manifests.JSON.readTree(serialization.asJson(resource));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the API server sent an object that is not JSON: " + e.getMessage(), e);
        }
        ObjectNode manifest = (ObjectNode) tree;
        JsonNode status = manifest.remove("status");
        if (manifest.path("metadata") instanceof ObjectNode metadata) {
            // Server bookkeeping of field owners; noise in every view and diff.
            metadata.remove("managedFields");
        }
        return new Split(manifest, status instanceof ObjectNode object ? object : null);
    }

    GenericKubernetesResource toCluster(JsonNode manifest) {
        try {
            return serialization.unmarshal(Manifests.JSON.writeValueAsString(manifest),
                    GenericKubernetesResource.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
