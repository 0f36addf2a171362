package dev.portolan.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.forward.UpstreamSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flags a provisioned proxy is started with give it exactly the settings they were made from. */
class ProxyTuningTest {
    private static final String[] REQUIRED = {"--config-url", "http://cp:8080"};

    @Test
    void defaultSettingsAddNoFlag() {
        assertEquals(List.of(), ProxyTuning.defaults().flags());
        ProxyMain.Args parsed = ProxyMain.Args.parse(REQUIRED);
        assertEquals(ProxyTuning.defaults(),
                new ProxyTuning(parsed.edge(), parsed.idleTimeoutMillis(), parsed.upstream()));
    }

    @Test
    void everySettingSurvivesTheCommandLine() {
        ProxyTuning tuning = new ProxyTuning(new EdgeSettings(true, 2, 4_000, 32 * 1024, 50, 1_048_576, 64, 20),
                5_000, UpstreamSettings.defaults().withMaxConnectionsPerEndpoint(16));
        List<String> argv = new ArrayList<>(List.of(REQUIRED));
        argv.addAll(tuning.flags());
        ProxyMain.Args parsed = ProxyMain.Args.parse(argv.toArray(String[]::new));
        assertEquals(tuning, new ProxyTuning(parsed.edge(), parsed.idleTimeoutMillis(), parsed.upstream()));
    }

    @Test
    void aValueTheCommandLineWouldRefuseIsRefusedNamingTheFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProxyTuning(
                EdgeSettings.defaults().withTrustedHops(ProxyTuning.MAX_TRUSTED_HOPS + 1),
                EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS, UpstreamSettings.defaults()));
        assertTrue(e.getMessage().startsWith("--trusted-hops 65 is over"), e.getMessage());
        String[] argv = {"--config-url", "http://cp:8080", "--trusted-hops", "65"};
        assertThrows(IllegalArgumentException.class, () -> ProxyMain.Args.parse(argv), "and so would the proxy");
    }
}
