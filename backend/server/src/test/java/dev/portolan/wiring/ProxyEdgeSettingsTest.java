package dev.portolan.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portolan.proxy.edge.EdgeSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code portolan.proxy.*} edge properties become the in-process proxy's EdgeSettings. */
class ProxyEdgeSettingsTest {

    @Test
    void unsetPropertiesAreTheProxyDefaults() {
        PortolanConfig.ProxySettings proxy = new PortolanConfig().getProxy();
        assertEquals(EdgeSettings.defaults(), proxy.edgeSettings());
        assertEquals(Duration.ofSeconds(30), proxy.getIdleTimeout());
    }

    @Test
    void everyPropertyReachesTheSettings() {
        PortolanConfig.ProxySettings proxy = new PortolanConfig.ProxySettings();
        proxy.setTrustedHops(1);
        proxy.setMergeSlashes(true);
        proxy.setHeaderReadTimeout(Duration.ofSeconds(5));
        proxy.setMaxRequestHeaderBytes(32 * 1024);
        proxy.setMaxRequestHeaders(50);
        proxy.setMaxRequestBodyBytes(10 * 1024 * 1024);
        proxy.setMaxConnectionsPerClient(64);
        proxy.setMaxConcurrentStreams(20);
        assertEquals(new EdgeSettings(true, 1, 5_000, 32 * 1024, 50, 10 * 1024 * 1024, 64, 20),
                proxy.edgeSettings());
    }

    @Test
    void connectionsPerEndpointReachTheForwardersSettings() {
        PortolanConfig.ProxySettings proxy = new PortolanConfig.ProxySettings();
        assertEquals(256, proxy.tuning().upstream().maxConnectionsPerEndpoint());
        proxy.setMaxConnectionsPerEndpoint(8);
        proxy.setIdleTimeout(Duration.ofSeconds(7));
        assertEquals(8, proxy.tuning().upstream().maxConnectionsPerEndpoint());
        assertEquals(7_000, proxy.tuning().idleTimeoutMillis());
        proxy.setMaxConnectionsPerEndpoint(0);
        assertEquals("maxConnectionsPerEndpoint must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, proxy::tuning).getMessage());
    }

    @Test
    void aBadValueStopsStartUpNamingIt() {
        PortolanConfig.ProxySettings proxy = new PortolanConfig.ProxySettings();
        proxy.setTrustedHops(-1);
        assertEquals("trustedHops must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, proxy::edgeSettings).getMessage());
    }
}
