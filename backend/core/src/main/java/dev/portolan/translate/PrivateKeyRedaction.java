package dev.portolan.translate;

import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.ProxyConfig;

/**
 * A copy of a ProxyConfig whose certificate private keys are replaced by {@link #MARKER}: for golden files, logs
 * and read-only views, which must never hold key material. Not servable (the marker is no key).
 */
public final class PrivateKeyRedaction {
    public static final String MARKER = "<redacted private key>";

    private PrivateKeyRedaction() {
    }

    public static ProxyConfig withoutPrivateKeys(ProxyConfig config) {
        return new ProxyConfig(config.version(), config.gateways().stream().map(PrivateKeyRedaction::gateway).toList());
    }

    private static GatewayConfig gateway(GatewayConfig g) {
        return new GatewayConfig(g.namespace(), g.name(), g.address(), g.infrastructureLabels(),
                g.infrastructureAnnotations(), g.listeners().stream().map(PrivateKeyRedaction::listener).toList());
    }

    private static ListenerConfig listener(ListenerConfig l) {
        return new ListenerConfig(l.name(), l.port(), l.protocol(), l.hostname(),
                l.certificates().stream().map(c -> new CertificateConfig(c.certificateChainPem(), MARKER)).toList(),
                l.routes());
    }
}
