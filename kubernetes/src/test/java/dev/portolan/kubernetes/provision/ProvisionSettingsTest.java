package dev.portolan.kubernetes.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProvisionSettingsTest {
    @Test
    void defaultsExposeTheProxyThroughALoadBalancer() {
        ProvisionSettings settings = ProvisionSettings.defaults("http://portolan:8080");
        assertEquals("LoadBalancer", settings.serviceType());
        assertEquals("portolan:latest", settings.image());
        assertEquals(9901, settings.adminPort());
    }

    @Test
    void aServiceTypeWithoutPortsIsRefusedNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProvisionSettings("portolan:1", "http://cp:8080", "ExternalName", 9901));
        assertTrue(e.getMessage().contains("serviceType: 'ExternalName' is not one of [ClusterIP, LoadBalancer, "
                + "NodePort]"), e.getMessage());
    }

    @Test
    void theControlPlaneUrlMustBeHttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProvisionSettings("portolan:1", "portolan-controller:8080", "ClusterIP", 9901));
        assertTrue(e.getMessage().contains("controlPlaneUrl: 'portolan-controller:8080' is not an http(s) URL"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ProvisionSettings(" ", "http://cp:8080", "ClusterIP", 9901), "a blank image");
        assertThrows(IllegalArgumentException.class,
                () -> new ProvisionSettings("portolan:1", "http://cp:8080", "ClusterIP", 0), "port 0");
    }
}
