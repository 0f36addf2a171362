package dev.portolan.distribute;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Gateway's slice of a published config, as a provisioned proxy asks for it: only that Gateway (none while it
 * is not programmed), versioned by the digest of the slice itself. A change to another Gateway therefore leaves
 * the slice's version, and the proxies serving it, alone. Encoded once per published config and Gateway, since
 * every replica of a Gateway's proxy asks for the same slice.
 */
public final class GatewayConfigs {
    /** The slices of one published config; replaced when a request brings another one. */
    private record Slices(PublishedConfig config, Map<String, PublishedConfig> byGateway) {
    }

    private volatile Slices slices = new Slices(null, Map.of());

    /** @param gateway {@code namespace/name} */
    public PublishedConfig slice(PublishedConfig published, String gateway) {
        Slices now = slices;
        if (now.config() != published) {
            now = new Slices(published, new ConcurrentHashMap<>());
            slices = now;
        }
        return now.byGateway().computeIfAbsent(gateway, key -> {
            ProxyConfig slice = slice(published.config(), key);
            return new PublishedConfig(slice, ProxyConfigCodec.toJson(slice));
        });
    }

    static ProxyConfig slice(ProxyConfig config, String gateway) {
        List<GatewayConfig> only = config.gateways().stream()
                .filter(g -> (g.namespace() + "/" + g.name()).equals(gateway))
                .toList();
        return ProxyConfig.of(only);
    }

    /** {@code namespace/name}, both non-empty, no further slash. */
    public static boolean isGatewayName(String gateway) {
        int slash = gateway.indexOf('/');
        return slash > 0 && slash < gateway.length() - 1 && gateway.indexOf('/', slash + 1) < 0;
    }
}
