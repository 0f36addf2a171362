package dev.portolan.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {
    private final HostAllowList embedded = new HostAllowList(List.of("Portolan.Example.", "fd00::1"), false);
    private final HostAllowList kubernetes = new HostAllowList(
            AccessFactory.serviceNames(AccessFactory.DEFAULT_CONTROL_PLANE_URL), true);

    @Test
    void loopbackAndConfiguredNamesOnAnyPort() {
        for (String host : List.of("localhost", "localhost:8080", "127.0.0.1:1", "[::1]", "[::1]:8080",
                "portolan.example", "PORTOLAN.EXAMPLE:443", "portolan.example.", "[fd00::1]:8080")) {
            assertTrue(embedded.allows(host), host);
        }
    }

    @Test
    void everythingElseIsRefused() {
        for (String host : List.of("attacker.example", "localhost.attacker.example", "portolan.example.evil",
                "10.0.0.1", "[fd00::2]", "", " ", "localhost:", "localhost:abc", "[::1]x", "a:b:c")) {
            assertFalse(embedded.allows(host), "'" + host + "'");
        }
        assertFalse(embedded.allows(null));
    }

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

    @Test
    void aStarAllowsEveryName() {
        assertTrue(new HostAllowList(List.of("*"), false).allows("anything.example"));
    }

    @Test
    void hostOfStripsThePort() {
        assertEquals("[::1]", HostAllowList.hostOf("[::1]:8080"));
        assertEquals("example.org", HostAllowList.hostOf("Example.ORG:443"));
        assertEquals(null, HostAllowList.hostOf("example.org:99999999"));
    }
}
