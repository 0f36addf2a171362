package dev.portolan.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.LoadProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which kinds, in which versions, the store reads, given the CustomResourceDefinitions installed: the built-in
 * kinds always; each Gateway API kind in the most preferred version its CRD serves; every policy kind
 * (CRD labelled {@code gateway.networking.k8s.io/policy}). Pure.
 */
public final class KindCatalog {
    /** Where problems about the cluster's API (rather than a file) are reported. */
    public static final String SOURCE = "cluster";

    static final WatchedKind CRD_KIND =
            new WatchedKind(ApiGroups.APIEXTENSIONS, "v1", ApiGroups.CRD, "customresourcedefinitions", false);

    static final List<WatchedKind> BUILT_IN = List.of(
            new WatchedKind(ApiGroups.CORE, "v1", ApiGroups.NAMESPACE, "namespaces", false),
            new WatchedKind(ApiGroups.CORE, "v1", ApiGroups.SERVICE, "services", true),
            new WatchedKind(ApiGroups.CORE, "v1", ApiGroups.CONFIG_MAP, "configmaps", true),
            new WatchedKind(ApiGroups.CORE, "v1", ApiGroups.SECRET, "secrets", true),
            new WatchedKind(ApiGroups.DISCOVERY, "v1", ApiGroups.ENDPOINT_SLICE, "endpointslices", true),
            CRD_KIND);

    /** A Gateway API kind and the versions Portolan reads, most preferred first. */
    record GatewayKind(String kind, String plural, boolean namespaced, List<String> versions) {
        String crdName() {
            return plural + "." + ApiGroups.GATEWAY;
        }
    }

    static final List<GatewayKind> GATEWAY_KINDS = List.of(
            new GatewayKind(ApiGroups.GATEWAY_CLASS, "gatewayclasses", false, List.of("v1", "v1beta1")),
            new GatewayKind(ApiGroups.GATEWAY_KIND, "gateways", true, List.of("v1", "v1beta1")),
            new GatewayKind(ApiGroups.HTTP_ROUTE, "httproutes", true, List.of("v1", "v1beta1")),
            new GatewayKind(ApiGroups.REFERENCE_GRANT, "referencegrants", true, List.of("v1", "v1beta1")),
            new GatewayKind(ApiGroups.BACKEND_TLS_POLICY, "backendtlspolicies", true,
                    List.of("v1", "v1alpha3", "v1alpha2")));

    /** The kinds to read and why some Gateway API kinds cannot be read. */
    public record Plan(List<WatchedKind> kinds, List<LoadProblem> problems) {
        public Plan {
            kinds = List.copyOf(new TreeSet<>(kinds));
            problems = List.copyOf(problems);
        }
    }

    private KindCatalog() {
    }

    /** The plan for the given CRD manifests (apiextensions.k8s.io/v1 CustomResourceDefinition). */
    public static Plan plan(List<? extends JsonNode> crds) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode crd : crds) {
            byName.put(crd.path("metadata").path("name").asText(""), crd);
        }
        List<WatchedKind> kinds = new ArrayList<>(BUILT_IN);
        List<LoadProblem> problems = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (GatewayKind wanted : GATEWAY_KINDS) {
            covered.add(wanted.kind() + "." + ApiGroups.GATEWAY);
            JsonNode crd = byName.get(wanted.crdName());
            if (crd == null) {
                problems.add(problem(wanted.crdName(), "CustomResourceDefinition " + wanted.crdName()
                        + " is not installed; " + wanted.kind() + " objects are not read"));
                continue;
            }
            List<String> served = servedVersions(crd);
            String version = wanted.versions().stream().filter(served::contains).findFirst().orElse(null);
            if (version == null) {
                problems.add(problem(wanted.crdName(), "CustomResourceDefinition " + wanted.crdName()
                        + " serves " + served + " but Portolan reads " + wanted.versions() + "; "
                        + wanted.kind() + " objects are not read"));
                continue;
            }
            kinds.add(new WatchedKind(ApiGroups.GATEWAY, version, wanted.kind(), wanted.plural(),
                    wanted.namespaced()));
        }
        for (JsonNode crd : crds) {
            if (!crd.path("metadata").path("labels").has(ApiGroups.POLICY_LABEL)) {
                continue;
            }
            JsonNode spec = crd.path("spec");
            String group = spec.path("group").asText("");
            String kind = spec.path("names").path("kind").asText("");
            String plural = spec.path("names").path("plural").asText("");
            if (kind.isEmpty() || plural.isEmpty() || !covered.add(kind + "." + group)) {
                continue;
            }
            String version = preferredVersion(crd);
            if (version == null) {
                problems.add(problem(crd.path("metadata").path("name").asText(""),
                        "policy CustomResourceDefinition serves no version; " + kind + " objects are not read"));
                continue;
            }
            kinds.add(new WatchedKind(group, version, kind, plural,
                    "Namespaced".equals(spec.path("scope").asText("Namespaced"))));
        }
        problems.sort((a, b) -> a.object().compareTo(b.object()));
        return new Plan(kinds, problems);
    }

    static List<String> servedVersions(JsonNode crd) {
        List<String> served = new ArrayList<>();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean(false)) {
                served.add(version.path("name").asText());
            }
        }
        return served;
    }

    /** The storage version when served, else the first served version. */
    private static String preferredVersion(JsonNode crd) {
        String first = null;
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (!version.path("served").asBoolean(false)) {
                continue;
            }
            if (version.path("storage").asBoolean(false)) {
                return version.path("name").asText();
            }
            if (first == null) {
                first = version.path("name").asText();
            }
        }
        return first;
    }

    private static LoadProblem problem(String crdName, String reason) {
        return new LoadProblem(SOURCE, -1, 0, ResourceKey.of(ApiGroups.APIEXTENSIONS, ApiGroups.CRD, "", crdName),
                "", reason, false);
    }
}
