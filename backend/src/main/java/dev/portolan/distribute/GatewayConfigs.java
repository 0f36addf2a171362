package dev.portolan.distribute;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Gateway's slice of a published config, as a provisioned proxy asks for it: the same version, only that
 * Gateway (none while it is not programmed). Encoded once per version and Gateway, since every replica of a
 * Gateway's proxy asks for the same slice.
 */
final class GatewayConfigs {
    private volatile long newestVersion = -1;
    /** Keyed by {@code version|namespace/name}; older versions are dropped when a newer one is first asked for. */
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** @param gateway {@code namespace/name} */
    String json(PublishedConfig published, String gateway) {
        long version = published.version();
        if (version > newestVersion) {
            synchronized (this) {
                if (version > newestVersion) {
                    newestVersion = version;
                    String current = version + "|";
                    cache.keySet().removeIf(key -> !key.startsWith(current));
                }
            }
        }
        return cache.computeIfAbsent(version + "|" + gateway,
                key -> ProxyConfigCodec.toJson(slice(published.config(), gateway)));
    }

    static ProxyConfig slice(ProxyConfig config, String gateway) {
        List<GatewayConfig> only = config.gateways().stream()
                .filter(g -> (g.namespace() + "/" + g.name()).equals(gateway))
                .toList();
        return new ProxyConfig(config.version(), only);
    }

    /** {@code namespace/name}, both non-empty, no further slash. */
    static boolean isGatewayName(String gateway) {
        int slash = gateway.indexOf('/');
        return slash > 0 && slash < gateway.length() - 1 && gateway.indexOf('/', slash + 1) < 0;
    }
}
