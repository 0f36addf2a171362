package dev.portolan.kubernetes;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How the Kubernetes store watches a cluster.
 *
 * @param namespaces     namespaces whose namespaced objects are read; empty means all namespaces. Cluster-scoped
 *                       kinds (GatewayClass, Namespace, CustomResourceDefinition) are always read whole.
 * @param controllerName Portolan's GatewayClass controllerName: status entries of other controllers
 *                       ({@code status.parents}, {@code status.ancestors}) are never overwritten
 * @param resyncMillis   period of the informers' resync from their caches (0 disables it)
 */
public record KubernetesStoreOptions(List<String> namespaces, String controllerName, long resyncMillis) {
    public static final String DEFAULT_CONTROLLER = "portolan.dev/gateway-controller";

    public KubernetesStoreOptions {
        namespaces = List.copyOf(new TreeSet<>(namespaces == null ? List.of() : namespaces));
        Objects.requireNonNull(controllerName, "controllerName");
        if (resyncMillis < 0) {
            throw new IllegalArgumentException("resyncMillis must be >= 0, was " + resyncMillis);
        }
    }

    /** All namespaces, Portolan's default controller, resync every 10 minutes. */
    public static KubernetesStoreOptions allNamespaces() {
        return new KubernetesStoreOptions(List.of(), DEFAULT_CONTROLLER, 600_000);
    }

    public KubernetesStoreOptions withNamespaces(List<String> scoped) {
        return new KubernetesStoreOptions(scoped, controllerName, resyncMillis);
    }

    public boolean allNamespacesWatched() {
        return namespaces.isEmpty();
    }
}
