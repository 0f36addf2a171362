package dev.portolan.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ManifestException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The group/version/kinds an object may have: Kubernetes' built-in kinds Portolan may meet beside the Gateway API
 * (with the versions served), plus those of installed CustomResourceDefinitions (Portolan's own among them).
 * Anything else is refused, as the API server refuses a kind it does not serve.
 */
public final class KnownKinds {
    private static final Map<String, Map<String, Set<String>>> BUILT_IN = builtInTable();

    /** group -> version -> kinds */
    private final Map<String, Map<String, Set<String>>> served;

    private KnownKinds(Map<String, Map<String, Set<String>>> served) {
        this.served = served;
    }

    /** Built-in kinds only. */
    public static KnownKinds builtIn() {
        return new KnownKinds(BUILT_IN);
    }

    /** Built-in kinds plus those the given CustomResourceDefinition manifests serve (malformed ones are skipped). */
    public static KnownKinds withCrds(Collection<? extends JsonNode> crds) {
        if (crds.isEmpty()) {
            return builtIn();
        }
        Map<String, Map<String, Set<String>>> table = new HashMap<>();
        BUILT_IN.forEach((group, versions) -> versions.forEach((version, kinds) ->
                table.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(version, v -> new TreeSet<>())
                        .addAll(kinds)));
        for (JsonNode crd : crds) {
            JsonNode spec = crd.path("spec");
            String group = spec.path("group").asText("");
            String kind = spec.path("names").path("kind").asText("");
            if (group.isEmpty() || kind.isEmpty()) {
                continue;
            }
            for (JsonNode version : spec.path("versions")) {
                if (version.path("served").asBoolean(false) && !version.path("name").asText("").isEmpty()) {
                    table.computeIfAbsent(group, g -> new HashMap<>())
                            .computeIfAbsent(version.path("name").asText(), v -> new TreeSet<>()).add(kind);
                }
            }
        }
        return new KnownKinds(table);
    }

    /** Whether a manifest is a CustomResourceDefinition (whose served kinds this class learns). */
    public static boolean isCrd(JsonNode manifest) {
        return ApiGroups.CRD.equals(manifest.path("kind").asText())
                && ApiGroups.APIEXTENSIONS.equals(ApiGroups.groupOf(manifest.path("apiVersion").asText()));
    }

    /**
     * @throws ManifestException on {@code apiVersion} when the group or version is not served, on {@code kind}
     *                           when the version does not serve the kind
     */
    public void check(String apiVersion, String kind) {
        String group = ApiGroups.groupOf(apiVersion);
        String version = ApiGroups.versionOf(apiVersion);
        Map<String, Set<String>> versions = served.get(group);
        if (versions == null) {
            throw new ManifestException("apiVersion", "API group \"" + group + "\" is not served: it is neither "
                    + "built in nor defined by an installed CustomResourceDefinition");
        }
        Set<String> kinds = versions.get(version);
        if (kinds == null) {
            throw new ManifestException("apiVersion", "version \"" + version + "\" of "
                    + (group.isEmpty() ? "the core API group" : "API group " + group) + " is not served (served: "
                    + String.join(", ", new TreeMap<>(versions).keySet()) + ")");
        }
        if (!kinds.contains(kind)) {
            throw new ManifestException("kind", "kind \"" + kind + "\" is not served by " + apiVersion);
        }
    }

    private static Map<String, Map<String, Set<String>>> builtInTable() {
        Map<String, Map<String, Set<String>>> table = new HashMap<>();
        add(table, "", "v1", "Namespace", "Service", "Secret", "ConfigMap", "Endpoints", "Pod", "ServiceAccount",
                "PersistentVolumeClaim", "PersistentVolume", "Node", "Event", "LimitRange", "ResourceQuota",
                "ReplicationController", "PodTemplate");
        add(table, "apps", "v1", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision");
        add(table, "batch", "v1", "Job", "CronJob");
        add(table, "policy", "v1", "PodDisruptionBudget");
        add(table, "autoscaling", "v1", "HorizontalPodAutoscaler");
        add(table, "autoscaling", "v2", "HorizontalPodAutoscaler");
        add(table, "networking.k8s.io", "v1", "Ingress", "IngressClass", "NetworkPolicy");
        add(table, "rbac.authorization.k8s.io", "v1", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");
        add(table, "coordination.k8s.io", "v1", "Lease");
        add(table, ApiGroups.DISCOVERY, "v1", "EndpointSlice");
        add(table, ApiGroups.APIEXTENSIONS, "v1", ApiGroups.CRD);
        // Gateway API: the versions its standard and experimental CRDs serve (v1.0 to v1.4)
        add(table, ApiGroups.GATEWAY, "v1", "GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "BackendTLSPolicy",
                "ReferenceGrant", "TLSRoute");
        add(table, ApiGroups.GATEWAY, "v1beta1", "GatewayClass", "Gateway", "HTTPRoute", "ReferenceGrant");
        add(table, ApiGroups.GATEWAY, "v1alpha2", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute", "ReferenceGrant",
                "BackendTLSPolicy", "BackendLBPolicy");
        add(table, ApiGroups.GATEWAY, "v1alpha3", "BackendTLSPolicy", "TLSRoute");
        for (JsonNode crd : PortolanCrds.all()) {
            JsonNode spec = crd.path("spec");
            for (JsonNode version : spec.path("versions")) {
                if (version.path("served").asBoolean(false)) {
                    add(table, spec.path("group").asText(), version.path("name").asText(),
                            spec.path("names").path("kind").asText());
                }
            }
        }
        return table;
    }

    private static void add(Map<String, Map<String, Set<String>>> table, String group, String version,
                            String... kinds) {
        table.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(version, v -> new TreeSet<>())
                .addAll(java.util.List.of(kinds));
    }
}
