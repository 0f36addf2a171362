package dev.portolan.graph.backendtls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What {@link BackendTlsResolver} found: a status tree per BackendTLSPolicy and the effective backend TLS per
 * Service target. Treat the status trees as read-only.
 */
public final class BackendTlsResult {
    private final SortedMap<ResourceKey, ObjectNode> statuses;
    private final SortedMap<PolicyTarget, EffectiveBackendTls> effective;
    private final Map<ResourceKey, Map<Integer, String>> portNames;

    BackendTlsResult(SortedMap<ResourceKey, ObjectNode> statuses, SortedMap<PolicyTarget, EffectiveBackendTls> effective,
                     Map<ResourceKey, Map<Integer, String>> portNames) {
        this.statuses = Collections.unmodifiableSortedMap(statuses);
        this.effective = Collections.unmodifiableSortedMap(effective);
        this.portNames = Map.copyOf(portNames);
    }

    /** Policy key → {@code status} ({@code {"ancestors": [...]}}), for every BackendTLSPolicy read. */
    public SortedMap<ResourceKey, ObjectNode> statuses() {
        return statuses;
    }

    /** Every target that has a winning policy, whole Services under an empty sectionName. */
    public SortedMap<PolicyTarget, EffectiveBackendTls> effective() {
        return effective;
    }

    /**
     * The backend TLS for a connection to a Service port: a policy naming that port wins over one for the whole
     * Service. Empty means plain HTTP is intended.
     *
     * @param portName the port's name, or null/empty to look it up from the Service by number
     */
    public Optional<EffectiveBackendTls> forBackend(ResourceKey service, int port, String portName) {
        String name = portName == null || portName.isEmpty()
                ? portNames.getOrDefault(service, Map.of()).getOrDefault(port, "")
                : portName;
        if (!name.isEmpty()) {
            EffectiveBackendTls forPort = effective.get(new PolicyTarget(service, name));
            if (forPort != null) {
                return Optional.of(forPort);
            }
        }
        return Optional.ofNullable(effective.get(new PolicyTarget(service, "")));
    }
}
