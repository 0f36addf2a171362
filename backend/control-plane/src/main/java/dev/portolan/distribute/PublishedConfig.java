package dev.portolan.distribute;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;

/**
 * A proxy config as published: the object and its JSON, encoded once, when a remote proxy first asks for it (then
 * served to every remote proxy). The in-process proxy takes the object, so embedded mode never encodes a whole
 * config (megabytes at thousands of routes) on its way from a change to traffic.
 */
public final class PublishedConfig {
    private final ProxyConfig config;
    private volatile String json;

    public PublishedConfig(ProxyConfig config, String json) {
        this.config = config;
        this.json = json;
    }

    /** Encoded on the first call of {@link #json()}. */
    public static PublishedConfig encodedWhenAsked(ProxyConfig config) {
        return new PublishedConfig(config, null);
    }

    public ProxyConfig config() {
        return config;
    }

    public String json() {
        String encoded = json;
        if (encoded == null) {
            encoded = ProxyConfigCodec.toJson(config); // pure: two threads racing encode the same text
            json = encoded;
        }
        return encoded;
    }

    public String version() {
        return config.version();
    }
}
