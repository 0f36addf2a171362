package dev.portolan.graph.backendtls;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads {@code spec.targetRefs} of a policy: which Services (and ports) it names, and which of them exist. */
final class PolicyTargets {

    /**
     * The Service targets of a policy, each with why it cannot be found ("" when it exists), and the targetRefs
     * that are not usable at all (another kind, another namespace).
     */
    record Outcome(SortedMap<PolicyTarget, String> targets, List<String> unsupported) {
        boolean found(PolicyTarget target) {
            return targets.getOrDefault(target, "missing").isEmpty();
        }
    }

    private PolicyTargets() {
    }

    static Outcome of(BackendTLSPolicy policy, ResourceSet resources) {
        String namespace = policy.getMetadata().getNamespace();
        SortedMap<PolicyTarget, String> targets = new TreeMap<>();
        List<String> unsupported = new ArrayList<>();
        List<LocalPolicyTargetReferenceWithSectionName> refs = policy.getSpec() == null
                ? List.of() : Objects.requireNonNullElse(policy.getSpec().getTargetRefs(), List.of());
        for (int i = 0; i < refs.size(); i++) {
            LocalPolicyTargetReferenceWithSectionName ref = refs.get(i);
            String field = "spec.targetRefs[" + i + "]";
            String group = Objects.requireNonNullElse(ref.getGroup(), "");
            String kind = Objects.requireNonNullElse(ref.getKind(), "");
            if (!group.isEmpty() || !ApiGroups.SERVICE.equals(kind)) {
                unsupported.add(field + ": kind " + (group.isEmpty() ? kind : kind + "." + group)
                        + " is not supported (only core Service)");
                continue;
            }
            // v1alpha2 allowed a namespace here; v1 targets are local to the policy.
            Object otherNamespace = ref.getAdditionalProperties().get("namespace");
            if (otherNamespace != null && !namespace.equals(String.valueOf(otherNamespace))) {
                unsupported.add(field + ": namespace " + otherNamespace
                        + " differs from the policy's namespace; a BackendTLSPolicy only applies in its own namespace");
                continue;
            }
            ResourceKey serviceKey = ResourceKey.of(ApiGroups.CORE, ApiGroups.SERVICE, namespace, ref.getName());
            PolicyTarget target = new PolicyTarget(serviceKey, ref.getSectionName());
            targets.putIfAbsent(target, problemOf(field, target, resources));
        }
        return new Outcome(targets, List.copyOf(unsupported));
    }

    private static String problemOf(String field, PolicyTarget target, ResourceSet resources) {
        var service = resources.get(target.service(), Service.class);
        if (service.isEmpty()) {
            return field + ": Service " + target.service().namespacedName() + " does not exist";
        }
        if (!target.wholeService() && portNamed(service.get(), target.sectionName()) == null) {
            return field + ".sectionName: Service " + target.service().namespacedName() + " has no port named "
                    + target.sectionName();
        }
        return "";
    }

    static ServicePort portNamed(Service service, String name) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return null;
        }
        return service.getSpec().getPorts().stream()
                .filter(p -> name.equals(p.getName()))
                .findFirst()
                .orElse(null);
    }
}
