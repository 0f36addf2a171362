package dev.portolan.api.access;

import dev.portolan.wiring.PortolanConfig;
import dev.portolan.proxy.hosts.HostAllowList;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Builds the API's Host allow-list from the settings and the mode. */
@Factory
public class AccessFactory {
    /** Kubernetes mode's default {@code portolan.kubernetes.control-plane-url} (the app module's KubernetesSettings). */
    static final String DEFAULT_CONTROL_PLANE_URL = "https://portolan-controller.portolan-system.svc:8443";
    static final String KUBERNETES_MODE = "kubernetes";

    @Singleton
    HostAllowList apiHosts(ApiAccessSettings settings, PortolanConfig config, Environment environment) {
        boolean kubernetes = KUBERNETES_MODE.equals(config.getMode());
        List<String> names = new ArrayList<>(settings.getAllowedHosts());
        if (kubernetes) {
            String url = environment.getProperty("portolan.kubernetes.control-plane-url", String.class)
                    .orElse(DEFAULT_CONTROL_PLANE_URL);
            names.addAll(serviceNames(url));
        }
        Boolean ipHosts = settings.getAllowIpHosts();
        return new HostAllowList(names, ipHosts != null ? ipHosts : kubernetes);
    }

    /**
     * The names proxies reach the control plane by: the control plane URL's host and, for a Service name
     * ({@code NAME.NAMESPACE.svc}), its other spellings inside the cluster.
     */
    static List<String> serviceNames(String controlPlaneUrl) {
        String host;
        try {
            host = URI.create(controlPlaneUrl.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        if (host == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(List.of(host));
        String[] labels = host.split("\\.");
        if (labels.length >= 3 && labels[2].equals("svc")) {
            names.add(labels[0]);
            names.add(labels[0] + "." + labels[1]);
            names.add(labels[0] + "." + labels[1] + ".svc");
            names.add(labels[0] + "." + labels[1] + ".svc.cluster.local");
        }
        return names;
    }
}
