package dev.portolan.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.ResourceGraph;
import dev.portolan.graph.backendtls.BackendTlsResult;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.PolicyReport;
import dev.portolan.translate.Translation;
import dev.portolan.translate.TranslationInputs;
import java.util.SortedMap;

/**
 * Everything computed from one {@code ResourceSet}: the graph, backend TLS, effective policies, and the status
 * Portolan owes each object it owns (GatewayClass, Gateway, HTTPRoute, BackendTLSPolicy, TimeoutPolicy), and the proxy config
 * translated from them (version 0; the publisher stamps its own) with what it could not express.
 */
public record ComputedState(ResourceGraph graph, BackendTlsResult backendTls, PolicyReport policies,
                            SortedMap<ResourceKey, ObjectNode> statuses, Translation translation)
        implements TranslationInputs {
    public ComputedState {
        statuses = VersionedMap.of(statuses);
    }
}
