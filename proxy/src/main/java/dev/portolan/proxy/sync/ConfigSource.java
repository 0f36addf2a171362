package dev.portolan.proxy.sync;

/**
 * Where the proxy's config comes from. In embedded mode the control plane calls {@code ProxyServer.apply}
 * directly ({@link InProcessConfigSource}); a standalone proxy pulls from the control plane
 * ({@link RemoteConfigSource}). A source keeps the last config the sink accepted when new ones fail.
 */
public interface ConfigSource extends AutoCloseable {
    /** Starts delivering configs to the sink; returns at once. */
    void start(ConfigSink sink);

    /** Stops delivering; the last accepted config stays live. */
    @Override
    void close();
}
