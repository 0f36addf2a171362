package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;

/** How the cases name objects: {@code namespace/name} strings and {@code {apiVersion, kind, namespace, name}} references. */
public final class ObjectReferences {
    private ObjectReferences() {
    }

    /** The key of a step's {@code object} reference ({@code apiVersion, kind, namespace, name}). */
    public static ResourceKey keyOfReference(JsonNode ref) {
        return ResourceKey.of(ApiGroups.groupOf(ref.path("apiVersion").asText()), ref.path("kind").asText(),
                ref.path("namespace").asText(""), ref.path("name").asText());
    }

    public static ResourceKey gatewayKey(String namespacedName) {
        return key(ApiGroups.GATEWAY_KIND, namespacedName);
    }

    /** A Gateway API object written {@code namespace/name} (cluster-scoped: {@code name}). */
    public static ResourceKey key(String kind, String namespacedName) {
        return key(ApiGroups.GATEWAY, kind, namespacedName);
    }

    public static ResourceKey key(String group, String kind, String namespacedName) {
        int slash = namespacedName.indexOf('/');
        return slash < 0 ? ResourceKey.of(group, kind, "", namespacedName)
                : ResourceKey.of(group, kind, namespacedName.substring(0, slash), namespacedName.substring(slash + 1));
    }
}
