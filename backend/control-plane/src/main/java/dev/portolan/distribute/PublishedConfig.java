package dev.portolan.distribute;

import dev.portolan.proxy.config.ProxyConfig;

/** A proxy config as published: the object and its JSON (encoded once, served to every remote proxy). */
public record PublishedConfig(ProxyConfig config, String json) {
    public String version() {
        return config.version();
    }
}
