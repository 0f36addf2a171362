package dev.portolan.kubernetes.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayAddressesTest {
    private static final ResourceKey GATEWAY = ResourceKey.of("gateway.networking.k8s.io", "Gateway", "apps", "gw");

    private static ServiceBuilder service() {
        return new ServiceBuilder().withNewMetadata().withName("portolan-gw").withNamespace("apps").endMetadata()
                .withNewSpec().withClusterIP("10.0.0.7").endSpec();
    }

    @Test
    void loadBalancerIpComesFirst() {
        Service service = service().withNewStatus().withNewLoadBalancer()
                .addNewIngress().withIp("203.0.113.9").endIngress().endLoadBalancer().endStatus().build();
        assertEquals(Optional.of("203.0.113.9"), GatewayAddresses.of(service));
    }

    @Test
    void loadBalancerHostnameWhenThereIsNoIp() {
        Service service = service().withNewStatus().withNewLoadBalancer()
                .addNewIngress().withHostname("lb.example.com").endIngress().endLoadBalancer().endStatus().build();
        assertEquals(Optional.of("lb.example.com"), GatewayAddresses.of(service));
    }

    @Test
    void clusterIpUntilTheLoadBalancerIsReady() {
        assertEquals(Optional.of("10.0.0.7"), GatewayAddresses.of(service().build()));
        assertEquals(Optional.empty(), GatewayAddresses.of(service().editSpec().withClusterIP("None").endSpec().build()));
    }

    @Test
    void foundInTheResourceSetByTheProvisionedServiceName() {
        JsonNode manifest = Manifests.JSON.valueToTree(service().build());
        ResourceSet resources = ResourceSet.of(List.of(manifest));
        assertEquals(Optional.of("10.0.0.7"), GatewayAddresses.of(resources, GATEWAY));
        assertEquals(Optional.empty(), GatewayAddresses.of(resources,
                ResourceKey.of("gateway.networking.k8s.io", "Gateway", "apps", "other")));
    }
}
