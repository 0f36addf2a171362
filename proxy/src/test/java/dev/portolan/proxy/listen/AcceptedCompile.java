package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.util.List;
import java.util.Map;

/** Tests' one way to compile a Gateway as {@code ProxyServer.apply} does, failing if the proxy refuses it. */
final class AcceptedCompile {
    private AcceptedCompile() {
    }

    static LiveConfig compile(GatewayConfig gateway, LiveConfig previous, GatewayMetrics metrics,
                              ProxyServerOptions options) {
        IsolatedCompile.Result result = IsolatedCompile.compile(new ProxyConfig("v", List.of(gateway)), previous,
                metrics, options, (key, routes) -> null);
        assertEquals(Map.of(), result.refused());
        return result.live();
    }
}
