package dev.portolan.kubernetes.provision;

import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A provisioned Gateway's address, read from its Service: the first load-balancer ingress IP or hostname, else
 * the cluster IP. Fits {@code GraphOptions.gatewayAddress}: the store already watches Services, so the status
 * pipeline can pass {@code key -> GatewayAddresses.of(resources, key)}.
 */
public final class GatewayAddresses {
    private GatewayAddresses() {
    }

    public static Optional<String> of(ResourceSet resources, ResourceKey gateway) {
        return resources.get(serviceKey(gateway), Service.class).flatMap(GatewayAddresses::of);
    }

    /**
     * From the store, where a Service's status (its load-balancer ingress) is kept apart from the manifest the
     * graph reads.
     */
    public static Optional<String> of(StoreSnapshot stored, ResourceKey gateway) {
        StoredObject service = stored.byKey().get(serviceKey(gateway));
        if (service == null) {
            return Optional.empty();
        }
        try {
            return of(Manifests.JSON.treeToValue(service.withStatus(), Service.class));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // a Service the store took but this model cannot read has no usable address
        }
    }

    private static ResourceKey serviceKey(ResourceKey gateway) {
        return ResourceKey.of("", "Service", gateway.namespace(), ProvisionNames.objectName(gateway.name()));
    }

    public static Optional<String> of(Service service) {
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null) {
            List<LoadBalancerIngress> ingress = service.getStatus().getLoadBalancer().getIngress();
            for (LoadBalancerIngress entry : ingress == null ? List.<LoadBalancerIngress>of() : ingress) {
                if (entry.getIp() != null && !entry.getIp().isEmpty()) {
                    return Optional.of(entry.getIp());
                }
                if (entry.getHostname() != null && !entry.getHostname().isEmpty()) {
                    return Optional.of(entry.getHostname());
                }
            }
        }
        String clusterIp = service.getSpec() == null ? null : service.getSpec().getClusterIP();
        return clusterIp == null || clusterIp.isEmpty() || clusterIp.equals("None")
                ? Optional.empty() : Optional.of(clusterIp);
    }
}
