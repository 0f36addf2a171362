package dev.portolan.kubernetes.provision;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How proxies are provisioned for Gateways.
 *
 * @param image           the proxy container image
 * @param controlPlaneUrl base URL the proxy pulls its configuration from ({@code --config-url})
 * @param serviceType     type of the Service exposing the listener ports (LoadBalancer, NodePort, ClusterIP)
 * @param adminPort       the proxy's admin port (serves /ready)
 */
public record ProvisionSettings(String image, String controlPlaneUrl, String serviceType, int adminPort) {
    public static final String DEFAULT_IMAGE = "portolan:latest";
    public static final String DEFAULT_SERVICE_TYPE = "LoadBalancer";
    public static final int DEFAULT_ADMIN_PORT = 9901;
    /** Service types that expose listener ports (ExternalName has no ports; it would be refused on every write). */
    public static final Set<String> SERVICE_TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer");

    public ProvisionSettings {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(controlPlaneUrl, "controlPlaneUrl");
        Objects.requireNonNull(serviceType, "serviceType");
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
        if (adminPort < 1 || adminPort > 65535) {
            throw new IllegalArgumentException("provisioning adminPort: " + adminPort + " is not a port (1-65535)");
        }
    }

    /** Default image, LoadBalancer Service, admin port 9901. */
    public static ProvisionSettings defaults(String controlPlaneUrl) {
        return new ProvisionSettings(DEFAULT_IMAGE, controlPlaneUrl, DEFAULT_SERVICE_TYPE, DEFAULT_ADMIN_PORT);
    }
}
