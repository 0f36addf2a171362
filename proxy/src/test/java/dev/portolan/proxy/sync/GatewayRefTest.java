package dev.portolan.proxy.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GatewayRefTest {
    @Test
    void parsesNamespaceSlashName() {
        assertEquals(new GatewayRef("apps", "edge.v1"), GatewayRef.parse("apps/edge.v1"));
        assertEquals("apps/edge.v1", GatewayRef.parse("apps/edge.v1").toString());
    }

    @Test
    void refusesWhatKubernetesWouldNotName() {
        for (String bad : new String[] {"edge", "/edge", "apps/", "a/b/c", ""}) {
            assertEquals("'" + bad + "' is not NAMESPACE/NAME (e.g. apps/my-gateway)",
                    assertThrows(IllegalArgumentException.class, () -> GatewayRef.parse(bad)).getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> GatewayRef.parse("apps.x/edge"), "dots in a namespace");
        assertThrows(IllegalArgumentException.class, () -> GatewayRef.parse("-apps/edge"));
        assertThrows(IllegalArgumentException.class, () -> GatewayRef.parse("apps/edge-"));
        assertThrows(IllegalArgumentException.class, () -> GatewayRef.parse("x".repeat(64) + "/edge"));
        assertThrows(IllegalArgumentException.class, () -> GatewayRef.parse("apps/" + "x".repeat(254)));
    }
}
