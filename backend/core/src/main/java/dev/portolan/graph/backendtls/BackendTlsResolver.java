package dev.portolan.graph.backendtls;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * BackendTLSPolicy attachment (Gateway API v1.4+, GEP-1897, GEP-713): validates each policy, resolves its CA
 * ConfigMaps, settles conflicts, writes {@code status.ancestors[]} per Gateway and computes the effective backend
 * TLS per Service port. Pure: everything comes in as arguments.
 */
public final class BackendTlsResolver {
    /** The API's maximum number of {@code status.ancestors} entries. */
    static final int MAX_ANCESTORS = 16;

    private BackendTlsResolver() {
    }

    /**
     * @param gatewaysByService for each Service, the Gateways whose accepted HTTPRoutes send traffic to it: the
     *                          ancestors a policy on that Service reports to
     * @param controllerName    written into each ancestor entry
     * @param now               lastTransitionTime of every condition
     */
    public static BackendTlsResult resolve(ResourceSet resources, Map<ResourceKey, SortedSet<ResourceKey>> gatewaysByService,
                                           String controllerName, Instant now) {
        SortedMap<ResourceKey, PolicyFacts> facts = new TreeMap<>();
        Map<PolicyTarget, List<PolicyPrecedence.Claimant>> claims = new HashMap<>();
        for (BackendTLSPolicy policy : resources.backendTlsPolicies()) {
            ResourceKey key = keyOf(policy);
            Long generation = policy.getMetadata().getGeneration();
            PolicyFacts f = new PolicyFacts(key, generation == null ? 0 : generation,
                    PolicyTargets.of(policy, resources), PolicyValidation.of(policy, resources));
            facts.put(key, f);
            f.targets().targets().keySet().stream().filter(f.targets()::found).forEach(target ->
                    claims.computeIfAbsent(target, t -> new ArrayList<>())
                            .add(PolicyPrecedence.Claimant.of(key, policy)));
        }
        SortedMap<PolicyTarget, List<PolicyPrecedence.Claimant>> ranked = PolicyPrecedence.rank(claims);

        SortedMap<ResourceKey, ObjectNode> statuses = new TreeMap<>();
        for (PolicyFacts f : facts.values()) {
            statuses.put(f.key(), statusOf(f, gatewaysByService, ranked, controllerName, now));
        }
        SortedMap<PolicyTarget, EffectiveBackendTls> effective = new TreeMap<>();
        ranked.forEach((target, claimants) ->
                effective.put(target, effectiveOf(facts.get(claimants.get(0).policy()))));
        return new BackendTlsResult(statuses, effective, portNames(resources));
    }

    private static ObjectNode statusOf(PolicyFacts facts, Map<ResourceKey, SortedSet<ResourceKey>> gatewaysByService,
                                       Map<PolicyTarget, List<PolicyPrecedence.Claimant>> ranked,
                                       String controllerName, Instant now) {
        SortedMap<ResourceKey, SortedSet<PolicyTarget>> targetsByGateway = new TreeMap<>();
        for (PolicyTarget target : facts.targets().targets().keySet()) {
            for (ResourceKey gateway : gatewaysByService.getOrDefault(target.service(), new TreeSet<>())) {
                targetsByGateway.computeIfAbsent(gateway, g -> new TreeSet<>()).add(target);
            }
        }
        ObjectNode status = Manifests.JSON.createObjectNode();
        ArrayNode ancestors = status.putArray("ancestors");
        targetsByGateway.entrySet().stream().limit(MAX_ANCESTORS).forEach(e -> ancestors.add(
                AncestorStatus.of(facts, e.getKey(), e.getValue(), ranked, controllerName, now)));
        return status;
    }

    private static EffectiveBackendTls effectiveOf(PolicyFacts facts) {
        PolicyValidation.Outcome v = facts.validation();
        String problem = "";
        if (!v.wellFormed()) {
            problem = "BackendTLSPolicy " + facts.key().namespacedName() + " is invalid: " + v.invalid();
        } else if (!v.usable()) {
            problem = "BackendTLSPolicy " + facts.key().namespacedName() + " has no usable CA certificate: "
                    + AncestorStatus.refProblemText(v);
        }
        return new EffectiveBackendTls(facts.key(), v.hostname(), v.bundles(), v.useSystemCAs(),
                v.subjectAltNames(), problem.isEmpty(), problem);
    }

    private static Map<ResourceKey, Map<Integer, String>> portNames(ResourceSet resources) {
        Map<ResourceKey, Map<Integer, String>> out = new HashMap<>();
        for (Service service : resources.services()) {
            if (service.getSpec() == null || service.getSpec().getPorts() == null) {
                continue;
            }
            Map<Integer, String> names = new HashMap<>();
            for (ServicePort port : service.getSpec().getPorts()) {
                if (port.getPort() != null && port.getName() != null) {
                    names.put(port.getPort(), port.getName());
                }
            }
            out.put(ResourceKey.of(ApiGroups.CORE, ApiGroups.SERVICE, service.getMetadata().getNamespace(),
                    service.getMetadata().getName()), Map.copyOf(names));
        }
        return out;
    }

    static ResourceKey keyOf(BackendTLSPolicy policy) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.BACKEND_TLS_POLICY, policy.getMetadata().getNamespace(),
                policy.getMetadata().getName());
    }
}
