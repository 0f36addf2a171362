package dev.portolan.proxy.admin;

import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.ProxyConfig;
import java.util.List;

/** A copy of a config that is safe to show: private keys replaced by a marker, certificates kept. */
final class ConfigRedaction {
    static final String REDACTED = "<redacted>";

    private ConfigRedaction() {
    }

    static ProxyConfig redact(ProxyConfig config) {
        List<GatewayConfig> gateways = config.gateways().stream()
                .map(g -> new GatewayConfig(g.namespace(), g.name(), g.address(), g.infrastructureLabels(),
                        g.infrastructureAnnotations(), g.listeners().stream().map(ConfigRedaction::redact).toList()))
                .toList();
        return new ProxyConfig(config.version(), gateways);
    }

    private static ListenerConfig redact(ListenerConfig l) {
        List<CertificateConfig> certificates = l.certificates().stream()
                .map(c -> new CertificateConfig(c.certificateChainPem(), REDACTED))
                .toList();
        return new ListenerConfig(l.name(), l.port(), l.protocol(), l.hostname(), certificates, l.routes());
    }
}
