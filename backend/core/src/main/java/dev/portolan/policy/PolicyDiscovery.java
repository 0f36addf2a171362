package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.GenericObject;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds policy kinds (labelled CRDs) and their instances in a {@link ResourceSet}. */
public final class PolicyDiscovery {
    /** Namespace gwctl assumes for targets of cluster-scoped policies that name no namespace. */
    static final String DEFAULT_NAMESPACE = "default";

    private PolicyDiscovery() {
    }

    /** Policy CRDs, sorted by name. CRDs whose label has another value, or that lack group or kind, are skipped. */
    public static List<PolicyCrd> policyCrds(ResourceSet resources) {
        List<PolicyCrd> crds = new ArrayList<>();
        for (GenericObject crd : resources.customResourceDefinitions()) {
            JsonNode label = crd.labels().get(ApiGroups.POLICY_LABEL);
            if (label == null || !label.isTextual()) {
                continue;
            }
            String value = label.asText();
            if (!value.equals("inherited") && !value.equals("direct") && !value.equals("true")) {
                continue;
            }
            String group = crd.spec().path("group").asText("");
            String kind = crd.spec().path("names").path("kind").asText("");
            if (kind.isEmpty()) {
                continue;
            }
            boolean namespaced = !"Cluster".equals(crd.spec().path("scope").asText(""));
            crds.add(new PolicyCrd(crd.key().name(), group, kind, value, value.equals("inherited"), namespaced));
        }
        crds.sort(Comparator.comparing(PolicyCrd::name));
        return crds;
    }

    /** Instances of the given policy kinds, sorted by identity. */
    public static List<Policy> policies(ResourceSet resources, List<PolicyCrd> crds) {
        Map<String, PolicyCrd> byGroupKind = new HashMap<>();
        for (PolicyCrd crd : crds) {
            byGroupKind.putIfAbsent(crd.group() + "/" + crd.kind(), crd);
        }
        List<Policy> policies = new ArrayList<>();
        for (GenericObject object : resources.otherObjects()) {
            PolicyCrd crd = byGroupKind.get(object.key().group() + "/" + object.key().kind());
            if (crd == null) {
                continue;
            }
            // The store files namespace-less objects under "default"; a cluster-scoped kind has no namespace.
            ResourceKey key = crd.namespaced() ? object.key()
                    : ResourceKey.of(object.key().group(), object.key().kind(), "", object.key().name());
            policies.add(new Policy(key, crd, object.manifest(), targetsOf(object.spec(), key.namespace())));
        }
        policies.sort(Comparator.comparing(Policy::key));
        return policies;
    }

    /** Targets from spec.targetRef (v1.0 style) and spec.targetRefs[] (current style). */
    static List<PolicyTarget> targetsOf(JsonNode spec, String policyNamespace) {
        List<PolicyTarget> targets = new ArrayList<>();
        JsonNode single = spec.path("targetRef");
        if (single.isObject()) {
            addTarget(targets, single, policyNamespace);
        }
        for (JsonNode ref : spec.path("targetRefs")) {
            if (ref.isObject()) {
                addTarget(targets, ref, policyNamespace);
            }
        }
        return targets;
    }

    private static void addTarget(List<PolicyTarget> targets, JsonNode ref, String policyNamespace) {
        String group = ref.path("group").asText("");
        String kind = ref.path("kind").asText("");
        String name = ref.path("name").asText("");
        if (kind.isEmpty() || name.isEmpty()) {
            return;
        }
        String namespace = ref.path("namespace").asText("");
        if (namespace.isEmpty()) {
            namespace = policyNamespace.isEmpty() ? DEFAULT_NAMESPACE : policyNamespace;
        }
        if (ApiGroups.isKnownClusterScoped(group, kind)) {
            namespace = "";
        }
        targets.add(new PolicyTarget(group, kind, namespace, name));
    }
}
