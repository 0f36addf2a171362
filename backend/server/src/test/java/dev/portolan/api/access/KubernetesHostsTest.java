package dev.portolan.api.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.hosts.HostAllowList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kubernetes mode's Host allow-list: the control-plane Service's names (from its URL) and IP literals. */
class KubernetesHostsTest {
    private final HostAllowList kubernetes = new HostAllowList(
            AccessFactory.serviceNames(AccessFactory.DEFAULT_CONTROL_PLANE_URL), true);

    @Test
    void kubernetesModeAllowsTheServiceNamesAndIpLiterals() {
        for (String host : List.of("portolan-controller.portolan-system.svc:8080", "portolan-controller:8080",
                "portolan-controller.portolan-system", "portolan-controller.portolan-system.svc.cluster.local",
                "10.244.0.12:8080", "[fd00:10:244::c]:8080")) {
            assertTrue(kubernetes.allows(host), host);
        }
        assertFalse(kubernetes.allows("attacker.example:8080"));
        assertFalse(kubernetes.allows("999.0.0.1"));
    }
}
