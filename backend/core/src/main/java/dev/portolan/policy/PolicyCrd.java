package dev.portolan.policy;

/**
 * A CustomResourceDefinition labelled {@code gateway.networking.k8s.io/policy}: a policy kind, per GEP-713.
 *
 * @param name        CRD name, e.g. {@code timeoutpolicies.gateway.portolan.dev}
 * @param group       spec.group of the CRD
 * @param kind        spec.names.kind of the CRD
 * @param label       value of the policy label ({@code inherited}, {@code direct} or {@code true})
 * @param inheritable whether the label says {@code inherited} (policies carry spec.default / spec.override)
 * @param namespaced  whether spec.scope is Namespaced (anything but {@code Cluster})
 */
public record PolicyCrd(String name, String group, String kind, String label, boolean inheritable, boolean namespaced) {

    /** {@code Kind.group}, the way gwctl names a policy kind. */
    public String groupKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    /** "Inherited" or "Direct", as gwctl prints the policy type. */
    public String policyType() {
        return inheritable ? "Inherited" : "Direct";
    }
}
