package dev.portolan.kubernetes.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.embedded.GatewayAddressBook;
import dev.portolan.snapshot.GatewayAddressing;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The options' defaults (a cluster), the off-cluster variant, and the combinations they refuse. */
class KubernetesModeOptionsTest {
    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final InProcessProxy PROXY = new InProcessProxy(HttpForwarder::new, 20000, -1);

    private static KubernetesModeOptions inACluster(Optional<ProvisionSettings> provisioning) {
        return new KubernetesModeOptions(KubernetesStoreOptions.allNamespaces(), provisioning, Optional.empty(),
                PERIOD);
    }

    @Test
    void byDefaultNoProxyRunsInThisJvm() {
        assertTrue(inACluster(Optional.empty()).inProcessProxy().isEmpty());
    }

    @Test
    void offAClusterTheAddressingAndProxyAreChosenAndTheRestKept() {
        GatewayAddressing loopback = GatewayAddressBook.loopback();
        KubernetesModeOptions options = inACluster(Optional.empty()).withAddressing(loopback)
                .withInProcessProxy(PROXY);
        assertSame(loopback, options.addressing());
        assertEquals(Optional.of(PROXY), options.inProcessProxy());
        assertEquals(KubernetesStoreOptions.allNamespaces(), options.store());
        assertEquals(PERIOD, options.reconcilePeriod());
    }

    @Test
    void provisionedProxiesAndAnInProcessProxyAreNotCombined() {
        KubernetesModeOptions provisioning = inACluster(Optional.of(ProvisionSettings.defaults(
                "http://portolan-controller.portolan-system.svc:8080")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> provisioning.withInProcessProxy(PROXY));
        assertTrue(refused.getMessage().contains("inProcessProxy and provisioning"), refused.getMessage());
    }

    @Test
    void theAddressingIsRequired() {
        NullPointerException refused = assertThrows(NullPointerException.class,
                () -> inACluster(Optional.empty()).withAddressing(null));
        assertEquals("addressing", refused.getMessage());
    }

    @Test
    void anInProcessProxyRefusesPortsOutOfRange() {
        IllegalArgumentException offset = assertThrows(IllegalArgumentException.class,
                () -> new InProcessProxy(HttpForwarder::new, -1, -1));
        assertTrue(offset.getMessage().contains("portOffset must be in 0..65535, got -1"), offset.getMessage());
        IllegalArgumentException admin = assertThrows(IllegalArgumentException.class,
                () -> new InProcessProxy(HttpForwarder::new, 0, 70000));
        assertTrue(admin.getMessage().contains("adminPort") && admin.getMessage().contains("got 70000"),
                admin.getMessage());
        assertThrows(NullPointerException.class, () -> new InProcessProxy(null, 0, -1));
    }
}
