package dev.portolan.kubernetes.trust;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the control plane runs in the cluster: its namespace and the Service proxies reach it through. The shared
 * Secrets live there, and the config channel's certificate is issued for that Service's DNS names.
 */
public record ControlPlaneHome(String namespace, String service) {
    /** The config channel's CA, serving certificate and key (Secret, read only by the control plane). */
    public static final String TLS_SECRET = "portolan-config-tls";
    /** The config channel's CA certificate alone (ConfigMap, for proxies deployed by hand). */
    public static final String CA_CONFIG_MAP = "portolan-config-ca";
    /** The API write token every replica accepts (Secret). */
    public static final String API_TOKEN_SECRET = "portolan-api-token";
    /**
     * What the replicas do in their namespace with the shared objects ({@link SharedObjects}): Secrets are read or
     * created, never changed; the CA ConfigMap is also rewritten when it differs from the Secret.
     */
    public static final Map<String, Set<String>> VERBS_IN_HOME_NAMESPACE = Map.of(
            "secrets", Set.of("get", "create"),
            "configmaps", Set.of("get", "create", "update"));
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public ControlPlaneHome {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(service, "service");
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("control-plane namespace: '" + namespace + "' is not a DNS label");
        }
        if (!DNS_LABEL.matcher(service).matches()) {
            throw new IllegalArgumentException("control-plane service: '" + service + "' is not a DNS label");
        }
    }

    /** The names a proxy in the cluster may use for the Service: {@code svc.ns.svc}, its FQDN, and {@code svc}. */
    public List<String> serviceDnsNames() {
        return List.of(service + "." + namespace + ".svc", service + "." + namespace + ".svc.cluster.local",
                service + "." + namespace, service);
    }
}
