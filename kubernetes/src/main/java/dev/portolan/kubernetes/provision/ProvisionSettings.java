package dev.portolan.kubernetes.provision;

import dev.portolan.proxy.edge.EdgeFlags;
import dev.portolan.proxy.edge.EdgeSettings;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How proxies are provisioned for Gateways.
 *
 * @param image           the proxy container image
 * @param controlPlaneUrl base URL the proxy pulls its configuration from ({@code --config-url})
 * @param serviceType     type of the Service exposing the listener ports (LoadBalancer, NodePort, ClusterIP)
 * @param adminPort       the proxy's admin port (serves /ready and /metrics to the pod network, /admin/* to
 *                        loopback only)
 * @param controlPlaneCa  PEM of the CA that signed the control plane's serving certificate: given to each proxy in
 *                        a ConfigMap, and the proxy trusts only it ({@code --ca-file}); empty = the proxy's JVM
 *                        trust store (an https URL with a publicly trusted certificate) or plaintext (http URL)
 * @param edge            what the proxies accept from clients (portolan.proxy.* of the control plane: trusted hops,
 *                        header/body/connection limits, ...): passed as flags, so that a provisioned proxy
 *                        behaves as the in-process one would
 * @param idleTimeoutMillis how long the proxies keep an idle client connection
 */
public record ProvisionSettings(String image, String controlPlaneUrl, String serviceType, int adminPort,
                                Optional<String> controlPlaneCa, EdgeSettings edge, long idleTimeoutMillis) {
    public static final String DEFAULT_IMAGE = "portolan:latest";
    public static final String DEFAULT_SERVICE_TYPE = "LoadBalancer";
    public static final int DEFAULT_ADMIN_PORT = 9901;
    /** Service types that expose listener ports (ExternalName has no ports; it would be refused on every write). */
    public static final Set<String> SERVICE_TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer");

    public ProvisionSettings {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(controlPlaneUrl, "controlPlaneUrl");
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(controlPlaneCa, "controlPlaneCa");
        Objects.requireNonNull(edge, "edge");
        if (idleTimeoutMillis <= 0) {
            throw new IllegalArgumentException("provisioning idleTimeoutMillis: must be > 0, got " + idleTimeoutMillis);
        }
        EdgeFlags.of(edge, idleTimeoutMillis); // a value the proxy's command line refuses would crash-loop its pods
        if (!SERVICE_TYPES.contains(serviceType)) {
            throw new IllegalArgumentException("provisioning serviceType: '" + serviceType + "' is not one of "
                    + new TreeSet<>(SERVICE_TYPES));
        }
        if (image.isBlank()) {
            throw new IllegalArgumentException("provisioning image: must not be blank");
        }
        if (!controlPlaneUrl.startsWith("http://") && !controlPlaneUrl.startsWith("https://")) {
            throw new IllegalArgumentException("provisioning controlPlaneUrl: '" + controlPlaneUrl
                    + "' is not an http(s) URL (the proxies' --config-url)");
        }
        if (controlPlaneCa.isPresent() && !controlPlaneUrl.startsWith("https://")) {
            throw new IllegalArgumentException("provisioning controlPlaneUrl: '" + controlPlaneUrl + "' is not https,"
                    + " but the config channel has a CA: proxies would send their tokens in plaintext");
        }
        if (adminPort < 1 || adminPort > 65535) {
            throw new IllegalArgumentException("provisioning adminPort: " + adminPort + " is not a port (1-65535)");
        }
    }

    public ProvisionSettings(String image, String controlPlaneUrl, String serviceType, int adminPort) {
        this(image, controlPlaneUrl, serviceType, adminPort, Optional.empty(), EdgeSettings.defaults(),
                EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS);
    }

    /** The same, with proxies trusting only {@code caPem} for the config channel. */
    public ProvisionSettings withControlPlaneCa(String caPem) {
        return new ProvisionSettings(image, controlPlaneUrl, serviceType, adminPort, Optional.of(caPem), edge,
                idleTimeoutMillis);
    }

    /** The same, with proxies accepting what {@code settings} says from clients. */
    public ProvisionSettings withEdge(EdgeSettings settings, long idleMillis) {
        return new ProvisionSettings(image, controlPlaneUrl, serviceType, adminPort, controlPlaneCa, settings,
                idleMillis);
    }

    /** Whether proxies pull their config (and send their tokens) without TLS. */
    public boolean plaintext() {
        return controlPlaneUrl.startsWith("http://");
    }

    /** Default image, LoadBalancer Service, admin port 9901. */
    public static ProvisionSettings defaults(String controlPlaneUrl) {
        return new ProvisionSettings(DEFAULT_IMAGE, controlPlaneUrl, DEFAULT_SERVICE_TYPE, DEFAULT_ADMIN_PORT);
    }
}
