package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;

/**
 * Normalises every BackendTLSPolicy shape users have to the v1 type:
 * {@code v1alpha2} (Gateway API v1.0: {@code targetRef}, {@code tls.caCertRefs}, {@code tls.wellKnownCACerts},
 * {@code tls.hostname}), {@code v1alpha3} and {@code v1} ({@code targetRefs}, {@code validation.*}).
 */
public final class BackendTlsPolicies {
    private BackendTlsPolicies() {
    }

    public static BackendTLSPolicy toV1(JsonNode manifest) {
        String version = ApiGroups.versionOf(manifest.path("apiVersion").asText());
        JsonNode normalised = "v1alpha2".equals(version) ? fromV1alpha2(manifest) : manifest;
        return Manifests.convert(normalised, BackendTLSPolicy.class);
    }

    /** Rewrites the v1alpha2 shape into the v1 shape (a copy; the input is not touched). */
    static ObjectNode fromV1alpha2(JsonNode manifest) {
        ObjectNode out = Manifests.copy(manifest);
        JsonNode specNode = out.get("spec");
        if (specNode == null || !specNode.isObject()) {
            return out;
        }
        ObjectNode spec = (ObjectNode) specNode;
        JsonNode targetRef = spec.remove("targetRef");
        if (targetRef != null && targetRef.isObject() && !spec.has("targetRefs")) {
            ObjectNode ref = Manifests.copy(targetRef);
            // v1 targetRefs are local; a v1alpha2 namespace equal to the policy's own is redundant, another is
            // not expressible and is kept so that the graph can report it.
            ArrayNode refs = spec.putArray("targetRefs");
            refs.add(ref);
        }
        JsonNode tls = spec.remove("tls");
        if (tls != null && tls.isObject() && !spec.has("validation")) {
            ObjectNode validation = spec.putObject("validation");
            copyRenamed(tls, validation, "hostname", "hostname");
            copyRenamed(tls, validation, "caCertRefs", "caCertificateRefs");
            fixAnnouncementRefKind(validation.get("caCertificateRefs"));
            copyRenamed(tls, validation, "wellKnownCACerts", "wellKnownCACertificates");
            copyRenamed(tls, validation, "subjectAltNames", "subjectAltNames");
        }
        return out;
    }

    /**
     * The v1.0 announcement's example writes {@code kind: ConfigMapReference} (the Go type's name) where the API
     * means {@code ConfigMap}; accept it so that the published example works as its readers expect.
     */
    private static void fixAnnouncementRefKind(JsonNode refs) {
        if (refs instanceof ArrayNode list) {
            for (JsonNode ref : list) {
                if (ref instanceof ObjectNode obj && "ConfigMapReference".equals(obj.path("kind").asText())) {
                    obj.put("kind", ApiGroups.CONFIG_MAP);
                }
            }
        }
    }

    private static void copyRenamed(JsonNode from, ObjectNode to, String oldName, String newName) {
        JsonNode value = from.get(oldName);
        if (value != null) {
            to.set(newName, value.deepCopy());
        }
    }
}
