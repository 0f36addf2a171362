package dev.portolan.model;

import java.util.Set;

/** API groups, kinds and labels Portolan reads. */
public final class ApiGroups {
    public static final String CORE = "";
    public static final String GATEWAY = "gateway.networking.k8s.io";
    public static final String DISCOVERY = "discovery.k8s.io";
    public static final String APIEXTENSIONS = "apiextensions.k8s.io";
    /** Portolan's own API group (its TimeoutPolicy lives here). */
    public static final String PORTOLAN = "gateway.portolan.dev";

    public static final String GATEWAY_CLASS = "GatewayClass";
    public static final String GATEWAY_KIND = "Gateway";
    public static final String HTTP_ROUTE = "HTTPRoute";
    public static final String REFERENCE_GRANT = "ReferenceGrant";
    public static final String BACKEND_TLS_POLICY = "BackendTLSPolicy";
    public static final String NAMESPACE = "Namespace";
    public static final String SERVICE = "Service";
    public static final String ENDPOINT_SLICE = "EndpointSlice";
    public static final String CONFIG_MAP = "ConfigMap";
    public static final String SECRET = "Secret";
    public static final String CRD = "CustomResourceDefinition";
    public static final String TIMEOUT_POLICY = "TimeoutPolicy";

    /** CRD label that marks a policy kind (values: inherited, direct, true), per GEP-713. */
    public static final String POLICY_LABEL = "gateway.networking.k8s.io/policy";

    private static final Set<String> CLUSTER_SCOPED_CORE = Set.of(NAMESPACE);

    private ApiGroups() {
    }

    /** Group of an apiVersion: {@code gateway.networking.k8s.io/v1} gives the group, {@code v1} gives "". */
    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Version of an apiVersion: the part after the slash, or the whole string for the core group. */
    public static String versionOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** Whether a kind we know is cluster-scoped; unknown kinds are namespaced unless a CRD says otherwise. */
    public static boolean isKnownClusterScoped(String group, String kind) {
        return (group.equals(CORE) && CLUSTER_SCOPED_CORE.contains(kind))
                || (group.equals(GATEWAY) && kind.equals(GATEWAY_CLASS))
                || (group.equals(APIEXTENSIONS) && kind.equals(CRD));
    }
}
