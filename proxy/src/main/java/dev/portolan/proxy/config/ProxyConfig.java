package dev.portolan.proxy.config;

import java.util.List;

/**
 * One immutable, versioned snapshot of everything the data plane serves. Produced by the control plane's
 * translate stage; the proxy compiles it into route tables and never looks back at Gateway API objects.
 */
public record ProxyConfig(long version, List<GatewayConfig> gateways) {
    public ProxyConfig {
        if (version < 0) {
            throw new IllegalArgumentException("ProxyConfig.version must be >= 0, got " + version);
        }
        gateways = Checks.list(gateways, "ProxyConfig", "gateways");
    }
}
