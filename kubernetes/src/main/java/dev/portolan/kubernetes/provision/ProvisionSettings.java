package dev.portolan.kubernetes.provision;

import dev.portolan.proxy.ProxyTuning;
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
 * @param proxy           what the proxies accept from clients and how they treat backends (portolan.proxy.* of the
 *                        control plane: trusted hops, header/body/connection limits, timeouts, connections per
 *                        endpoint): passed as flags, so that a provisioned proxy behaves as the in-process one would
 */
public record ProvisionSettings(String image, String controlPlaneUrl, String serviceType, int adminPort,
                                Optional<String> controlPlaneCa, ProxyTuning proxy) {
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
        Objects.requireNonNull(proxy, "proxy");
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
        this(image, controlPlaneUrl, serviceType, adminPort, Optional.empty(), ProxyTuning.defaults());
    }

    /** The same, with proxies trusting only {@code caPem} for the config channel. */
    public ProvisionSettings withControlPlaneCa(String caPem) {
        return new ProvisionSettings(image, controlPlaneUrl, serviceType, adminPort, Optional.of(caPem), proxy);
    }

    /** The same, with proxies tuned as {@code tuning} says. */
    public ProvisionSettings withProxy(ProxyTuning tuning) {
        return new ProvisionSettings(image, controlPlaneUrl, serviceType, adminPort, controlPlaneCa, tuning);
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
