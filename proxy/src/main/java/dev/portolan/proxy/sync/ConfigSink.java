package dev.portolan.proxy.sync;

import dev.portolan.proxy.config.ProxyConfig;

/** Where a {@link ConfigSource} delivers configs; {@code ProxyServer::apply} in practice. Throws to reject one. */
@FunctionalInterface
public interface ConfigSink {
    void accept(ProxyConfig config);
}
