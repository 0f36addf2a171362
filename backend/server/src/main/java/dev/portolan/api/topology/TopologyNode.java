package dev.portolan.api.topology;

import dev.portolan.model.ResourceKey;

/**
 * One object of the topology.
 *
 * @param id     {@code Kind/namespace/name} (or {@code Kind/name} when cluster-scoped), unique in the graph
 * @param status {@code ok}, {@code warning} (a condition is False, or a backend has no endpoints) or {@code error}
 *               (not Accepted, or the object does not exist)
 * @param self   API path of the object, null when the API has no path for its kind
 */
public record TopologyNode(ResourceKey key, String id, String status, String self) {

    public static final String OK = "ok";
    public static final String WARNING = "warning";
    public static final String ERROR = "error";

    public String kind() {
        return key.kind();
    }

    public String namespace() {
        return key.namespace();
    }

    public String name() {
        return key.name();
    }

    public static String idOf(ResourceKey key) {
        return key.toString();
    }
}
