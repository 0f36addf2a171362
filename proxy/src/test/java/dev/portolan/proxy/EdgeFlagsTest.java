package dev.portolan.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.edge.EdgeFlags;
import dev.portolan.proxy.edge.EdgeSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flags a provisioned proxy is started with give it exactly the edge settings they were made from. */
class EdgeFlagsTest {
    private static final String[] REQUIRED = {"--config-url", "http://cp:8080"};

    @Test
    void defaultSettingsAddNoFlag() {
        assertEquals(List.of(), EdgeFlags.of(EdgeSettings.defaults(), EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS));
        ProxyMain.Args parsed = ProxyMain.Args.parse(REQUIRED);
        assertEquals(EdgeSettings.defaults(), parsed.edge());
        assertEquals(EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS, parsed.idleTimeoutMillis());
    }

    @Test
    void everySettingSurvivesTheCommandLine() {
        EdgeSettings edge = new EdgeSettings(true, 2, 4_000, 32 * 1024, 50, 1_048_576, 64, 20);
        List<String> argv = new ArrayList<>(List.of(REQUIRED));
        argv.addAll(EdgeFlags.of(edge, 5_000));
        ProxyMain.Args parsed = ProxyMain.Args.parse(argv.toArray(String[]::new));
        assertEquals(edge, parsed.edge());
        assertEquals(5_000, parsed.idleTimeoutMillis());
    }
}
