package dev.portolan.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which address the server listens on, per mode and setting. */
class ServerBindingTest {
    @Test
    void embeddedModeDefaultsToLoopback() {
        assertEquals("127.0.0.1", ServerBinding.host("embedded", null, null));
    }

    @Test
    void kubernetesModeListensOnEveryInterfaceForProbesAndProxies() {
        assertNull(ServerBinding.host("kubernetes", null, null));
    }

    @Test
    void theSettingOpensOrMovesIt() {
        assertNull(ServerBinding.host("embedded", "0.0.0.0", null));
        assertEquals("192.0.2.4", ServerBinding.host("embedded", "192.0.2.4", null));
        assertEquals("127.0.0.1", ServerBinding.host("kubernetes", "127.0.0.1", null));
    }

    @Test
    void micronautsOwnSettingIsKept() {
        assertEquals("10.1.2.3", ServerBinding.host("embedded", null, "10.1.2.3"));
    }
}
